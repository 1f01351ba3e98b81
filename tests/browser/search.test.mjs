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
// Mentions security guarantees in its body, not in its title.
const CHART_POST = 'European Defence Spending Since 2014, in One Chart';
let browser, root, sub;

before(async () => {
  browser = await launch();
  root = await serve(buildSite({ baseUrl: 'http://127.0.0.1:1/' }));
  sub = await serve(buildSite({ baseUrl: 'http://127.0.0.1:1/blog/' }), '/blog');
});
after(async () => { await browser?.close(); await root?.close(); await sub?.close(); });

/** A small site in `language`, one post per entry of `posts` ({slug: body or [front matter, body]}). */
function languageSite(language, posts) {
  const dir = mkdtempSync(join(tmpdir(), 'folio-search-'));
  writeFileSync(join(dir, 'folio.yaml'), `title: Analyse\nlanguage: ${language}\n`);
  mkdirSync(join(dir, 'content/posts'), { recursive: true });
  for (const [slug, body] of Object.entries(posts)) {
    // A body alone, or [front matter, body].
    const [front, text] = Array.isArray(body) ? body : [`title: ${slug}\ndate: 2024-02-03`, body];
    writeFileSync(join(dir, `content/posts/${slug}.md`), `---\n${front}\n---\n${text}\n`);
  }
  return buildSite({ root: dir, baseUrl: 'http://127.0.0.1:1/' });
}

/** The titles of the results, once the list is complete (results are shown as their files
 * arrive; the list is aria-busy until the last is in). */
async function titles(page) {
  await page.locator('#search-results:not([aria-busy])').waitFor({ state: 'attached' });
  return page.locator('#search-results .search-result-title a').allTextContents();
}

async function search(page, base, query) {
  await page.goto(base + 'search/');
  await page.locator('#search-query').waitFor({ state: 'visible' });
  await page.locator('#search-query').fill(query);
  await page.locator('#search-results .search-result').first().waitFor();
  await page.locator('#search-results:not([aria-busy])').waitFor({ state: 'attached' });
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
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 3);
  const found = await titles(page);
  assert.deepEqual(found.slice(0, 2).sort(), [OTHER_POST, ZAKHAROVA_POST].sort(), 'words in the title rank first');
  assert.equal(found[2], CHART_POST);
  await page.locator('#search-query').fill('xylophoneqq');
  await page.waitForFunction(() => /^No results/.test(document.getElementById('search-status').textContent));
  assert.equal(await page.locator('.search-result').count(), 0);
  await context.close();
  assert.deepEqual(problems, []);
});

test('filters by tag and by year', async () => {
  const { page, context } = await watchedPage(browser);
  await search(page, root.url, 'guarantees');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 3);
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
  assert.ok(years.includes('2025 (3)'), `years offered: ${years}`);
  await page.locator('#search-year').selectOption('2025');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 3);
  // A year with words: only that year's posts that match.
  await page.locator('#search-query').fill('Zakharova');
  await page.waitForFunction(() => document.querySelectorAll('.search-result').length === 1);
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
  await page.locator('#search-results:not([aria-busy])').waitFor({ state: 'attached' });
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

/** Twelve posts (three document files) with the word "reform", some in the title, so that the
 * results are ranked across files. */
function twelvePosts() {
  const posts = {};
  for (let n = 1; n <= 12; n++) {
    const title = n % 3 === 0 ? `reform ${n}` : `post ${n}`;
    posts[`p${n}`] = [`title: ${title}\ndate: 2024-01-${String(n).padStart(2, '0')}`, 'reform '.repeat(n % 5 + 1)];
  }
  return languageSite('en', posts);
}

test('results are shown as their files arrive, in rank order, the list only growing', { timeout: 20_000 }, async (t) => {
  const many = await serve(twelvePosts());
  const { page, context, problems } = await watchedPage(browser);
  // Closed even when an assertion fails: an open server or held request would keep the test
  // process alive.
  let release;
  t.after(async () => { release?.(); await context.close(); await many.close(); });
  // The order of the results when every file is at hand.
  await search(page, many.url, 'reform');
  const expected = await titles(page);
  await page.goto('about:blank');
  // A fresh page; every document file but the first one asked for (the best result's) is held
  // back until the test lets it go.
  const held = new Promise((ok) => { release = ok; });
  let asked = 0;
  await page.route(/\/search\/docs\/\d+\.json/, async (route) => {
    if (asked++ > 0) await held;
    await route.continue();
  });
  await page.goto(many.url + 'search/');
  await page.locator('#search-query').waitFor({ state: 'visible' });
  await page.evaluate(() => {
    // Every state of the list, as its titles.
    const list = document.getElementById('search-results');
    window.__states = [];
    new MutationObserver(() => {
      window.__states.push(Array.from(list.querySelectorAll('.search-result-title a'), (a) => a.textContent));
    }).observe(list, { childList: true });
  });
  await page.locator('#search-query').fill('reform');
  await page.locator('#search-results .search-result').first().waitFor();
  const early = await page.locator('#search-results .search-result-title a').allTextContents();
  assert.ok(expected.length > early.length, `${expected.length} results, ${early.length} shown before the other files came`);
  assert.deepEqual(early, expected.slice(0, early.length));
  assert.equal(await page.locator('#search-results').getAttribute('aria-busy'), 'true', 'the list says it is still filling');
  assert.match(await page.locator('#search-status').textContent(), new RegExp(`^${expected.length} results for “reform”`),
    'the live region announces the number of results with the first one');
  release();
  assert.deepEqual(await titles(page), expected);
  const states = await page.evaluate(() => window.__states);
  for (const state of states) {
    assert.deepEqual(state, expected.slice(0, state.length), 'each state of the list is the start of the final one');
  }
  assert.ok(states.length > 1, `${states.length} states`);
  assert.deepEqual(problems, []);
});

// Without the cancelling, the second query would wait for files that never come: the timeout fails it.
test('a new query cancels the document files still coming for the one before', { timeout: 20_000 }, async (t) => {
  const many = await serve(twelvePosts());
  const { page, context, problems } = await watchedPage(browser);
  t.after(async () => { await context.close(); await many.close(); });
  await page.goto(many.url + 'search/');
  await page.locator('#search-query').waitFor({ state: 'visible' });
  await page.waitForFunction(() => document.querySelector('#search-year option:nth-child(2)'));
  // The files of the first query never come; those asked for after it do.
  let holding = true;
  const held = [];
  let firstHeld;
  const someHeld = new Promise((ok) => { firstHeld = ok; });
  await page.route(/\/search\/docs\/\d+\.json/, async (route) => {
    if (holding) {
      held.push(route.request());
      firstHeld();
      return;
    }
    await route.continue();
  });
  const failed = [];
  page.on('requestfailed', (r) => failed.push(r));
  await page.locator('#search-query').fill('reform');
  // The page marks the list busy as it asks for the files; the test's route hears of a request a
  // moment later, so it waits for both.
  await page.waitForFunction(() => document.getElementById('search-results').getAttribute('aria-busy') === 'true');
  await someHeld;
  holding = false;
  await page.locator('#search-query').fill('post');
  assert.equal((await titles(page)).length, 8, 'the eight posts titled "post …"');
  assert.match(await page.locator('#search-status').textContent(), /^8 results for “post”/);
  for (const request of held) {
    assert.ok(failed.includes(request), `${request.url()} was cancelled`);
  }
  assert.deepEqual(problems, []);
});

/** Sums the bytes of the index files (under /search/, JSON) a page downloads. */
function countIndexBytes(page) {
  const seen = { bytes: 0, files: [] };
  page.on('response', async (r) => {
    const path = new URL(r.url()).pathname;
    if (/\/search\/.*\.json$/.test(path)) {
      const body = await r.body().catch(() => Buffer.alloc(0));
      seen.bytes += body.length;
      seen.files.push(`${path.replace(/.*\/search\//, '')} ${body.length}`);
    }
  });
  return seen;
}

/** Types `query` into the box as one input event and measures, with performance.now(), the time
 * until the status line reports the results. */
async function timeToResults(page, query) {
  return page.evaluate((query) => new Promise((resolve) => {
    const input = document.getElementById('search-query');
    const status = document.getElementById('search-status');
    const t0 = performance.now();
    new MutationObserver((_, observer) => {
      if (/result/.test(status.textContent)) {
        observer.disconnect();
        resolve(performance.now() - t0);
      }
    }).observe(status, { childList: true, characterData: true, subtree: true });
    input.value = query;
    input.dispatchEvent(new Event('input'));
  }), query);
}

test('one query downloads a small part of the index, and results come quickly', async () => {
  const { page, context } = await watchedPage(browser);
  const seen = countIndexBytes(page);
  await search(page, root.url, 'Zakharova');
  assert.ok(seen.bytes > 0 && seen.bytes < 300_000, `${seen.bytes} bytes: ${seen.files}`);
  assert.ok(seen.files.some((f) => f.startsWith('manifest.json')), `${seen.files}`);
  const ms = await timeToResults(page, 'security guarantees');
  assert.ok(ms < 100, `${ms} ms`);
  console.log(`# demo site: first query ${seen.bytes} bytes (${seen.files.join(', ')}); next query ${ms.toFixed(1)} ms`);
  await context.close();
});

test('a generated site of 1,000 posts: the first query stays under 300 KB and 100 ms', async (t) => {
  const corpus = process.env.FOLIO_SEARCH_CORPUS;
  if (!corpus) {
    t.skip('set FOLIO_SEARCH_CORPUS to a generated site (see docs/search.md)');
    return;
  }
  const site = await serve(buildSite({ root: corpus, baseUrl: 'http://127.0.0.1:1/' }));
  const { page, context } = await watchedPage(browser);
  t.after(async () => { await context.close(); await site.close(); });
  const seen = countIndexBytes(page);
  await page.goto(site.url + 'search/');
  await page.waitForFunction(() => document.querySelector('#search-tag option:nth-child(2)'));
  const words = (process.env.FOLIO_SEARCH_WORDS || 'policy').split(',');
  for (const [k, word] of words.entries()) {
    // The first query counts the manifest, fetched when the page opened.
    const before = k === 0 ? 0 : seen.bytes;
    const ms = await timeToResults(page, word);
    const count = await page.locator('.search-result').count();
    console.log(`# ${word}: ${ms.toFixed(1)} ms, ${count} shown, ${seen.bytes - before} bytes more (${seen.bytes} in all)`);
    assert.ok(count > 0, word);
    assert.ok(seen.bytes - before < 300_000, `${word}: ${seen.bytes - before} bytes`);
  }
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
  test(`${language}: "${query}" finds the post with its accented form`, async (t) => {
    const site = await serve(languageSite(language, posts));
    const { page, context } = await watchedPage(browser);
    t.after(async () => { await context.close(); await site.close(); });
    await search(page, site.url, query);
    assert.deepEqual(await titles(page), [expected]);
  });
}

test('without JavaScript the page explains that search needs it', async () => {
  const { page, context } = await watchedPage(browser, { javaScriptEnabled: false });
  await page.goto(root.url + 'search/?q=Zakharova');
  assert.match(await page.locator('main').innerText(), /needs JavaScript/);
  assert.equal(await page.locator('#search-form').isVisible(), false, 'the form that cannot work stays hidden');
  await context.close();
});
