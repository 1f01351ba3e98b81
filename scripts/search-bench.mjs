// Measures folio's search on a built site (docs/search.md): for each query, in a fresh browser
// context (nothing cached), the bytes of index files downloaded until the results show and the
// time from the input event to the first result shown (with the status line announcing the
// results), to the first five, and to the whole list (no longer aria-busy); then the same query
// again with the index cached; then the query typed a key at a time in a fresh page, timed from
// the last key to the first result for the whole query and to the whole list.
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
  // [first result (status announced), first five, whole list, status]
  const time = () => page.evaluate((q) => new Promise((resolve) => {
    const input = document.getElementById('search-query');
    const status = document.getElementById('search-status');
    const list = document.getElementById('search-results');
    status.textContent = '';
    list.replaceChildren();
    const t0 = performance.now();
    let first = null;
    let five = null;
    const check = () => {
      const now = performance.now() - t0;
      const n = list.children.length;
      if (first === null && n > 0 && /result/i.test(status.textContent)) first = now;
      if (five === null && first !== null && (n >= 5 || !list.hasAttribute('aria-busy'))) five = now;
      if (first !== null && !list.hasAttribute('aria-busy')) {
        observer.disconnect();
        resolve([first, five, now, status.textContent]);
      }
    };
    const observer = new MutationObserver(check);
    observer.observe(status, { childList: true, characterData: true, subtree: true });
    observer.observe(list, { childList: true, attributes: true });
    input.value = q;
    input.dispatchEvent(new Event('input'));
  }), query);
  const [cold, coldFive, coldAll, said] = await time();
  await page.waitForTimeout(300);
  const bytes = files.reduce((n, f) => n + f[1], 0);
  const manifest = files.find((f) => f[0].endsWith('manifest.json'))?.[1] ?? 0;
  const shards = files.filter((f) => f[0].includes('/terms/'));
  const docs = files.filter((f) => f[0].includes('/docs/'));
  await page.evaluate(() => { document.getElementById('search-query').value = ''; });
  const [warm, , warmAll] = await time();
  // As a reader types it: a key every 120 ms in a fresh page; the time from the last key to the
  // status line announcing the results for the whole query.
  await page.goto(site.url + 'search/');
  await page.waitForFunction(() => document.querySelector('#search-year option:nth-child(2)'));
  await page.evaluate(() => {
    // Every input event and every change of the status line or the list, timed.
    const status = document.getElementById('search-status');
    const list = document.getElementById('search-results');
    window.__events = [];
    // Capturing, on the document: before search.js's own listener.
    document.addEventListener('input', (e) => window.__events.push(['input', performance.now(), e.target.value]), true);
    new MutationObserver(() => {
      window.__events.push([list.hasAttribute('aria-busy') ? 'busy' : 'done', performance.now(), status.textContent, list.children.length]);
    }).observe(document.getElementById('search-form').parentNode, { childList: true, characterData: true, attributes: true, subtree: true });
  });
  await page.locator('#search-query').pressSequentially(query, { delay: 120 });
  await page.waitForFunction((q) => {
    const list = document.getElementById('search-results');
    return document.getElementById('search-status').textContent.includes('“' + q + '”') && !list.hasAttribute('aria-busy');
  }, query);
  await page.waitForTimeout(200);
  const [typed, typedAll] = await page.evaluate((q) => {
    const events = window.__events;
    const last = events.find((e) => e[0] === 'input' && e[2] === q)[1];
    const after = events.filter((e) => e[0] !== 'input' && e[1] >= last && e[2].includes('“' + q + '”') && e[3] > 0);
    if (!after.length || !after.find((e) => e[0] === 'done')) {
      console.warn(JSON.stringify(events.slice(-6)));
      return [NaN, NaN];
    }
    return [after[0][1] - last, after.find((e) => e[0] === 'done')[1] - last];
  }, query);
  console.log(`${JSON.stringify(query)}: ${said} | first query ${(bytes / 1024).toFixed(1)} KB ` +
    `(manifest ${(manifest / 1024).toFixed(1)}, ${shards.length} shards ${(shards.reduce((n, f) => n + f[1], 0) / 1024).toFixed(1)}, ` +
    `${docs.length} doc files ${(docs.reduce((n, f) => n + f[1], 0) / 1024).toFixed(1)}) | cold: first result ${cold.toFixed(0)} ms, ` +
    `five ${coldFive.toFixed(0)}, all ${coldAll.toFixed(0)} | cached: ${warm.toFixed(0)}, all ${warmAll.toFixed(0)} | ` +
    `typed, after the last key: first ${typed.toFixed(0)}, all ${typedAll.toFixed(0)}`);
  await context.close();
}
await browser.close();
await site.close();
