// Site search as a reader meets it, on the demo site (its posts come from the seed texts in
// tests/fixtures/raw): results as one types, highlighted excerpts, filters by tag and year,
// keyboard navigation, the "/" shortcut, a subpath, WCAG AA, and the page without JavaScript.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSite, serve, launch, watchedPage, axe } from './support.mjs';

const ZAKHAROVA_POST = 'Russia Rejects Zelenskyy’s Security Guarantees, Escalating European Risk';
const OTHER_POST = 'Russia Hardens Stance on Ukraine Security Guarantees';
let browser, root, sub;

before(async () => {
  browser = await launch();
  root = await serve(buildSite({ baseUrl: 'http://127.0.0.1:1/' }));
  sub = await serve(buildSite({ baseUrl: 'http://127.0.0.1:1/blog/' }), '/blog');
});
after(async () => { await browser?.close(); await root?.close(); await sub?.close(); });

/** A small site in `language`, one post per entry of `posts` ({slug: body}). */
function languageSite(language, posts) {
  const dir = mkdtempSync(join(tmpdir(), 'folio-search-'));
  writeFileSync(join(dir, 'folio.yaml'), `title: Analyse\nlanguage: ${language}\n`);
  mkdirSync(join(dir, 'content/posts'), { recursive: true });
  for (const [slug, body] of Object.entries(posts)) {
    writeFileSync(join(dir, `content/posts/${slug}.md`), `---\ntitle: ${slug}\ndate: 2024-02-03\n---\n${body}\n`);
  }
  return buildSite({ root: dir, baseUrl: 'http://127.0.0.1:1/' });
}

const titles = (page) => page.locator('#search-results .search-result-title a').allTextContents();

async function search(page, base, query) {
  await page.goto(base + 'search/');
  await page.locator('#search-query').waitFor({ state: 'visible' });
  await page.locator('#search-query').fill(query);
  await page.locator('#search-results .search-result').first().waitFor();
}

test('typing a word from one post shows that post first, with a highlighted excerpt', async () => {
  const { page, context, problems } = await watchedPage(browser);
  await search(page, root.url, 'Zakharova');
  assert.deepEqual(await titles(page), [ZAKHAROVA_POST]);
  const first = page.locator('.search-result').first();
  assert.match((await first.locator('mark').first().textContent()).toLowerCase(), /zakharova/);
  assert.equal(await first.locator('time').getAttribute('datetime'), '2025-09-05');
  assert.deepEqual((await first.locator('.tag').allTextContents()).sort(), ['European', 'NATO', 'Russia', 'Russian', 'Ukraine']);
  assert.match(await page.locator('#search-status').textContent(), /^1 result for “Zakharova”/);
  assert.equal(await page.locator('#search-status').getAttribute('aria-live'), 'polite');
  assert.match(page.url(), /\?q=Zakharova$/, 'the query is kept in the address');
  // Typing on narrows or widens the results as one types.
  await page.locator('#search-query').fill('security guarantees');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 2);
  assert.deepEqual((await titles(page)).sort(), [OTHER_POST, ZAKHAROVA_POST].sort());
  await page.locator('#search-query').fill('xylophoneqq');
  await page.waitForFunction(() => /^No results/.test(document.getElementById('search-status').textContent));
  assert.equal(await page.locator('.search-result').count(), 0);
  await context.close();
  assert.deepEqual(problems, []);
});

test('filters by tag and by year', async () => {
  const { page, context } = await watchedPage(browser);
  await search(page, root.url, 'guarantees');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 2);
  await page.locator('#search-tag').selectOption('Western');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 1);
  assert.deepEqual(await titles(page), [OTHER_POST]);
  assert.match(page.url(), /tag=Western/);
  // A tag alone, with no words, lists its posts.
  await page.locator('#search-query').fill('');
  await page.locator('#search-tag').selectOption('European');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 1);
  assert.deepEqual(await titles(page), [ZAKHAROVA_POST]);
  await page.locator('#search-tag').selectOption('');
  const years = await page.locator('#search-year option').allTextContents();
  assert.ok(years.includes('2025 (2)'), `years offered: ${years}`);
  await page.locator('#search-year').selectOption('2025');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 2);
  await context.close();
});

test('keyboard: "/" focuses the header box, Enter searches, arrows move through results, Enter opens one', async () => {
  const { page, context } = await watchedPage(browser);
  await page.goto(root.url + 'about/');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'site-search-input');
  await page.keyboard.type('security');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/search\/\?q=security$/);
  await page.locator('#search-results .search-result').nth(1).waitFor();
  await page.locator('#search-query').focus();
  await page.keyboard.press('ArrowDown');
  const focused = () => page.evaluate(() => document.activeElement.textContent);
  const [first, second] = await titles(page);
  assert.equal(await focused(), first);
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), second);
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'search-query', 'up from the first result');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/posts\/[^/]+\/$/);
  assert.equal(await page.locator('h1').textContent(), second);
  await context.close();
});

test('works under a subpath, from files served by a plain static server', async () => {
  const { page, context, problems } = await watchedPage(browser);
  await search(page, sub.url, 'Zakharova');
  assert.deepEqual(await titles(page), [ZAKHAROVA_POST]);
  const href = await page.locator('.search-result-title a').first().getAttribute('href');
  assert.equal(href, '/blog/posts/russia-rejects-zelenskyys-security-guarantees-escalating/');
  await page.locator('.search-result-title a').first().click();
  await page.waitForURL(/\/blog\/posts\//);
  assert.equal(await page.locator('h1').textContent(), ZAKHAROVA_POST);
  await context.close();
  assert.deepEqual(problems, []);
});

test('one query downloads a small part of the index', async () => {
  const { page, context } = await watchedPage(browser);
  let bytes = 0;
  page.on('response', async (r) => {
    if (r.url().includes('/pagefind/')) bytes += (await r.body().catch(() => Buffer.alloc(0))).length;
  });
  await search(page, root.url, 'Zakharova');
  assert.ok(bytes > 0 && bytes < 300_000, `${bytes} bytes`);
  await context.close();
});

for (const scheme of ['light', 'dark']) {
  test(`the search page with results passes WCAG 2 AA checks in ${scheme} mode`, async () => {
    const { page, context } = await watchedPage(browser, { colorScheme: scheme });
    await search(page, root.url, 'security');
    assert.deepEqual(await axe(page), []);
    await page.goto(root.url);
    assert.deepEqual(await axe(page), [], 'a page with the header box');
    await context.close();
  });
}

for (const [language, posts, query, expected] of [
  ['fr', { defense: 'La politique de défense européenne.', budget: 'Les dépenses publiques augmentent.' }, 'defense', 'defense'],
  ['fr', { defense: 'La politique de défense européenne.', budget: 'Les dépenses publiques augmentent.' }, 'depense', 'budget'],
  ['de', { aussen: 'Die Außenpolitik der Regierung.', haushalt: 'Der Haushalt für Verteidigung wächst.' }, 'wachst', 'haushalt'],
]) {
  test(`${language}: "${query}" finds the post with its accented form`, async () => {
    const site = await serve(languageSite(language, posts));
    const { page, context } = await watchedPage(browser);
    await search(page, site.url, query);
    assert.deepEqual(await titles(page), [expected]);
    await context.close();
    await site.close();
  });
}

test('without JavaScript the page explains that search needs it', async () => {
  const { page, context } = await watchedPage(browser, { javaScriptEnabled: false });
  await page.goto(root.url + 'search/?q=Zakharova');
  assert.match(await page.locator('main').innerText(), /needs JavaScript/);
  assert.equal(await page.locator('#search-form').isVisible(), false, 'the form that cannot work stays hidden');
  await context.close();
});
