// The argument blocks as a reader meets them (docs/analysis.md): a post using every block —
// series box, key points, updates with a correction, pull quote, source references, sources,
// "Cite this article" — passes axe-core's WCAG 2 AA checks in light and dark mode, with the
// citation open, fits 320 px without sideways scrolling, and its references lead to sources.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, serve, launch, watchedPage, axe, REPO } from './support.mjs';

let browser, site;
const POST = 'posts/deterrence-part-one/';
const MIDDLE = 'posts/deterrence-part-two/';

before(async () => {
  browser = await launch();
  site = await serve(buildSite({ root: REPO + '/tests/fixtures/sites/argument', baseUrl: 'http://127.0.0.1:1/' }));
});
after(async () => { await browser?.close(); await site?.close(); });

for (const scheme of ['light', 'dark']) {
  test(`every argument block passes WCAG 2 AA checks in ${scheme} mode`, async () => {
    const { page, context, problems } = await watchedPage(browser, { colorScheme: scheme });
    for (const path of [POST, MIDDLE]) {
      await page.goto(site.url + path);
      assert.deepEqual(await axe(page), [], `${scheme} ${path}`);
    }
    await page.goto(site.url + POST);
    await page.locator('details.cite summary').click();
    assert.ok(await page.locator('.cite-bibtex').isVisible(), 'the citation opens');
    assert.deepEqual(await axe(page), [], `${scheme} with the citation open`);
    await context.close();
    assert.deepEqual(problems, []);
  });
}

test('the blocks fit 320 px without sideways scrolling', async () => {
  const { page, context } = await watchedPage(browser, { viewport: { width: 320, height: 700 } });
  for (const path of [POST, MIDDLE]) {
    await page.goto(site.url + path);
    await page.locator('details.cite summary').click();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `${path} is ${width}px wide`);
  }
  await context.close();
});

test('screen readers skip the pull quote but read its words in the text', async () => {
  const { page, context } = await watchedPage(browser);
  await page.goto(site.url + POST);
  const quote = page.locator('aside.pullquote');
  assert.equal(await quote.getAttribute('aria-hidden'), 'true');
  assert.ok(await quote.isVisible(), 'sighted readers see it');
  const snapshot = await page.locator('article').ariaSnapshot();
  assert.equal((snapshot.match(/Deterrence is a promise/g) || []).length, 2, 'the key point and the text, not the quote');
  await context.close();
});

test('a source reference leads to its source and the series marks the current part', async () => {
  const { page, context } = await watchedPage(browser);
  await page.goto(site.url + POST);
  await page.getByRole('link', { name: 'Source 3' }).click();
  assert.equal(new URL(page.url()).hash, '#source-3');
  assert.match(await page.locator('#source-3').innerText(), /A month-dated report/);
  await page.goto(site.url + MIDDLE);
  const current = page.locator('nav.series [aria-current="page"]');
  assert.equal(await current.innerText(), 'Deterrence, part two: the test');
  assert.match(await page.locator('nav.series .series-title').textContent(), /Part 2 of 3 in the series Deterrence/);
  await page.getByRole('navigation', { name: 'Previous and next in the series' }).getByRole('link', { name: /Next part/ }).click();
  assert.ok(page.url().endsWith('posts/deterrence-part-three/'));
  await context.close();
});
