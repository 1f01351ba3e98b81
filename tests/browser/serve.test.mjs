// `folio serve` as a writer uses it: the page open in the browser updates by itself when the
// Markdown changes, keeps its scroll position, shows an overlay for a broken file and drops it
// once the file is fixed, and swaps a changed stylesheet without reloading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folioBinary, launch, REPO, startServe } from './support.mjs';

let browser, server, site, url;

function post(body, front = 'title: "Live post"\ndate: 2025-01-01\ntags: [NATO]') {
  writeFileSync(join(site, 'content/posts/live.md'), `---\n${front}\n---\n${body}\n`);
}

before(async () => {
  site = mkdtempSync(join(tmpdir(), 'folio-serve-'));
  writeFileSync(join(site, 'folio.yaml'), 'title: Preview\nbase_url: https://example.org/\n');
  mkdirSync(join(site, 'content/posts'), { recursive: true });
  mkdirSync(join(site, 'static'), { recursive: true });
  writeFileSync(join(site, 'static/extra.css'), 'body { outline: 0px solid red; }');
  const long = Array.from({ length: 80 }, (_, i) => `Paragraph ${i} of a long analysis. `.repeat(8)).join('\n\n');
  post(`First version.\n\n${long}\n\nThe end.`);
  ({ server, url } = await startServe(folioBinary(), ['--debounce', '20', '--root', site]));
  browser = await launch();
});
after(async () => { await browser?.close(); server?.kill(); });

/** A page that notes when its live-reload connection opens (`window.__liveOpen`). */
async function livePage() {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    const Source = window.EventSource;
    window.EventSource = function (url) {
      const source = new Source(url);
      source.addEventListener('open', () => { window.__liveOpen = true; });
      return source;
    };
  });
  return page;
}

/** Waits until the page listens for rebuilds, so that an edit made next cannot be missed. */
async function listening(page) {
  await page.waitForFunction(() => window.__liveOpen === true, null, { timeout: 10000 });
}

test('an edit appears in the open page without any action, keeping the scroll position', async () => {
  const page = await livePage();
  await page.goto(url + 'posts/live/');
  await page.evaluate(() => { window.scrollTo(0, 1500); window.__marker = 'same page'; });
  await listening(page);
  post('Second version.\n\n' + Array.from({ length: 80 }, (_, i) => `Paragraph ${i} of a long analysis. `.repeat(8)).join('\n\n'));
  await page.waitForFunction(() => document.body.innerText.includes('Second version.'), null, { timeout: 10000 });
  await page.waitForFunction(() => window.scrollY > 1000, null, { timeout: 5000 });
  assert.ok(Math.abs((await page.evaluate(() => window.scrollY)) - 1500) < 50);
  // A body edit swaps the page's <main> in place: no navigation, so the page's state survives.
  assert.equal(await page.evaluate(() => window.__marker), 'same page', 'updated in place, not reloaded');
  assert.equal(await page.locator('main').count(), 1);
  await page.close();
});

test('a broken front matter shows an overlay, and fixing it removes the overlay', async () => {
  const page = await livePage();
  await page.goto(url + 'posts/live/');
  await listening(page);
  post('Broken.', 'title: [unclosed\ndate: 2025-01-01');
  const overlay = page.locator('#folio-error-overlay');
  await overlay.waitFor({ state: 'visible', timeout: 10000 });
  const text = await overlay.innerText();
  assert.match(text, /content\/posts\/live\.md:\d+:\d+/);
  assert.ok(await page.locator('main').innerText().then((t) => t.includes('Second version.')), 'last good build still shown');
  post('Fixed version.');
  await page.waitForFunction(() => document.body.innerText.includes('Fixed version.'), null, { timeout: 10000 });
  assert.equal(await page.locator('#folio-error-overlay').count(), 0);
  await page.close();
});

test('a page whose output did not change is not reloaded; a stylesheet change applies in place', async () => {
  const page = await livePage();
  await page.goto(url + 'about-nothing/').catch(() => {});
  await page.goto(url + 'archive/');
  await page.evaluate(() => { window.__marker = 'still here'; });
  await listening(page);
  writeFileSync(join(site, 'content/posts/live.md'), '---\ntitle: "Live post"\ndate: 2025-01-01\ntags: [NATO]\n---\nFixed version.\n\nA body-only edit.\n');
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.__marker), 'still here', 'the archive did not change, so no reload');
  writeFileSync(join(site, 'static/extra.css'), 'body { outline: 3px solid red; }');
  await page.goto(url + 'archive/');
  await page.evaluate(() => {
    window.__marker = 'still here';
    const l = document.createElement('link'); l.rel = 'stylesheet'; l.href = '/extra.css'; document.head.appendChild(l);
  });
  await page.waitForFunction(() => getComputedStyle(document.body).outlineWidth === '3px', null, { timeout: 10000 });
  await listening(page);
  writeFileSync(join(site, 'static/extra.css'), 'body { outline: 5px solid red; }');
  await page.waitForFunction(() => getComputedStyle(document.body).outlineWidth === '5px', null, { timeout: 10000 });
  assert.equal(await page.evaluate(() => window.__marker), 'still here', 'CSS applied without a reload');
  await page.close();
});
