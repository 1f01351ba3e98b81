// The default theme as a reader meets it: no console errors or third-party requests, WCAG AA
// (axe-core) in light and dark mode, a theme toggle that remembers, no horizontal scrolling at
// 320 px, readable without JavaScript, a print stylesheet, and a site that works under a subpath.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, serve, launch, watchedPage, axe, REPO } from './support.mjs';

let browser, root, sub, fixture;
const PAGES = ['', 'posts/russia-rejects-zelenskyys-security-guarantees-escalating/', 'about/', 'tags/', 'tags/nato/', 'archive/', 'no-such-page/'];

before(async () => {
  browser = await launch();
  root = await serve(buildSite({ baseUrl: 'http://127.0.0.1:1/' }));
  fixture = await serve(buildSite({ root: REPO + '/tests/fixtures/sites/basic', baseUrl: 'http://127.0.0.1:1/' }));
  const subBuild = buildSite({ baseUrl: 'http://127.0.0.1:1/blog/' });
  sub = await serve(subBuild, '/blog');
});
after(async () => { await browser?.close(); await root?.close(); await sub?.close(); await fixture?.close(); });

test('every kind of page loads with no console error and no request to another host', async () => {
  const { page, problems, context } = await watchedPage(browser);
  for (const path of PAGES) {
    const before = problems.length;
    const response = await page.goto(root.url + path, { waitUntil: 'load' });
    assert.ok(await page.locator('main').count(), `${path} has a <main>`);
    if (path === 'no-such-page/') {
      // The browser logs the 404 status of the page itself; that one message is expected.
      assert.equal(response.status(), 404);
      assert.match(problems.splice(before, 1)[0] ?? '', /404/);
    }
  }
  await context.close();
  assert.deepEqual(problems, []);
});

for (const scheme of ['light', 'dark']) {
  test(`WCAG 2 AA checks pass in ${scheme} mode`, async () => {
    const { page, context } = await watchedPage(browser, { colorScheme: scheme });
    for (const path of PAGES) {
      await page.goto(root.url + path);
      const violations = await axe(page);
      assert.deepEqual(violations, [], `${scheme} ${path}`);
    }
    // A post with every Markdown feature: callouts, footnotes, a table, task lists, highlighted code, a TOC.
    await page.goto(fixture.url + 'posts/deterrence/');
    assert.deepEqual(await axe(page), [], `${scheme} fixture post`);
    await context.close();
  });
}

test('the theme toggle switches modes and remembers the choice', async () => {
  const { page, context } = await watchedPage(browser, { colorScheme: 'light' });
  await page.goto(root.url);
  const toggle = page.locator('header button').first();
  await assert.doesNotReject(toggle.waitFor({ state: 'visible' }));
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const before = await background();
  await toggle.click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  const after = await background();
  assert.notEqual(after, before, 'the background changes');
  await page.goto(root.url + 'about/');
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'remembered across pages');
  assert.equal(await background(), after);
  await context.close();
});

test('no horizontal scrolling at 320 px', async () => {
  const { page, context } = await watchedPage(browser, { viewport: { width: 320, height: 700 } });
  for (const path of PAGES) {
    await page.goto(root.url + path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `${path} is ${width}px wide`);
  }
  await context.close();
});

test('pages are readable without JavaScript and the toggle is hidden', async () => {
  const { page, context } = await watchedPage(browser, { javaScriptEnabled: false });
  await page.goto(root.url + PAGES[1]);
  assert.ok((await page.locator('main h1').innerText()).includes('Russia Rejects'));
  assert.ok((await page.locator('main p').count()) > 5);
  assert.equal(await page.locator('header button').first().isVisible(), false);
  await context.close();
});

test('the skip link is the first focusable element and leads to main', async () => {
  const { page, context } = await watchedPage(browser);
  await page.goto(root.url + PAGES[1]);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => ({ href: document.activeElement.getAttribute('href'), text: document.activeElement.textContent }));
  assert.equal(focused.href, '#main');
  await context.close();
});

test('the print stylesheet hides navigation', async () => {
  const { page, context } = await watchedPage(browser);
  await page.goto(root.url + PAGES[1]);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('header nav').first().isVisible(), false);
  assert.equal(await page.locator('main h1').isVisible(), true);
  await context.close();
});

test('under a subpath every page, stylesheet and script loads', async () => {
  const { page, problems, context } = await watchedPage(browser);
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  for (const path of PAGES.slice(0, -1)) {
    await page.goto(sub.url + path);
  }
  const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.ok(!/^"?Times/.test(styled), 'the theme stylesheet applies');
  await context.close();
  assert.deepEqual(failed, []);
  assert.deepEqual(problems, []);
});
