// Measures folio's search on a built site (docs/search.md): for each query, in a fresh browser
// context (nothing cached), the bytes of index files downloaded until the results show and the
// time from the input event to the results; then the same query again with the index cached;
// then the query typed a key at a time in a fresh page, timed from the last key.
// Usage (after `npm ci` in tests/browser, which holds playwright-core):
//   node scripts/search-bench.mjs PUBLIC_DIR word1 "two words" …
import { serve, launch } from '../tests/browser/support.mjs';

const [dir, ...queries] = process.argv.slice(2);
const browser = await launch();
const site = await serve(dir);
for (const query of queries) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const files = [];
  page.on('response', async (r) => {
    const path = new URL(r.url()).pathname;
    if (/\/search\/.*\.json$/.test(path)) files.push([path, (await r.body().catch(() => Buffer.alloc(0))).length]);
  });
  await page.goto(site.url + 'search/');
  await page.waitForFunction(() => document.querySelector('#search-year option:nth-child(2)'));
  const time = () => page.evaluate((q) => new Promise((resolve) => {
    const input = document.getElementById('search-query');
    const status = document.getElementById('search-status');
    status.textContent = '';
    const t0 = performance.now();
    new MutationObserver((_, o) => {
      if (/result/i.test(status.textContent)) { o.disconnect(); resolve([performance.now() - t0, status.textContent]); }
    }).observe(status, { childList: true, characterData: true, subtree: true });
    input.value = q;
    input.dispatchEvent(new Event('input'));
  }), query);
  const [cold, said] = await time();
  await page.waitForTimeout(300);
  const bytes = files.reduce((n, f) => n + f[1], 0);
  const manifest = files.find((f) => f[0].endsWith('manifest.json'))?.[1] ?? 0;
  const shards = files.filter((f) => f[0].includes('/terms/'));
  const docs = files.filter((f) => f[0].includes('/docs/'));
  await page.evaluate(() => { document.getElementById('search-query').value = ''; });
  const [warm] = await time();
  // As a reader types it: a key every 120 ms in a fresh page; the time from the last key to the
  // status line announcing the results for the whole query.
  await page.goto(site.url + 'search/');
  await page.waitForFunction(() => document.querySelector('#search-year option:nth-child(2)'));
  await page.evaluate((q) => {
    window.__typed = new Promise((resolve) => {
      const status = document.getElementById('search-status');
      let last = 0;
      document.getElementById('search-query').addEventListener('input', () => { last = performance.now(); });
      new MutationObserver((_, o) => {
        if (status.textContent.includes('“' + q + '”')) { o.disconnect(); resolve(performance.now() - last); }
      }).observe(status, { childList: true, characterData: true, subtree: true });
    });
  }, query);
  await page.locator('#search-query').pressSequentially(query, { delay: 120 });
  const typed = await page.evaluate(() => window.__typed);
  console.log(`${JSON.stringify(query)}: ${said} | first query ${(bytes / 1024).toFixed(1)} KB ` +
    `(manifest ${(manifest / 1024).toFixed(1)}, ${shards.length} shards ${(shards.reduce((n, f) => n + f[1], 0) / 1024).toFixed(1)}, ` +
    `${docs.length} doc files ${(docs.reduce((n, f) => n + f[1], 0) / 1024).toFixed(1)}) | ${cold.toFixed(0)} ms cold, ${warm.toFixed(0)} ms cached, ${typed.toFixed(0)} ms after the last key when typed`);
  await context.close();
}
await browser.close();
await site.close();
