// Save-to-browser latency of `folio serve` (issue 4): starts the preview on a site, opens one of
// its posts in Debian's Chromium, then N times appends a sentence to that post's Markdown and
// times, from just before the file is written until the new text is on the page (checked on
// every animation frame), how long the edit takes to show. The post is restored afterwards.
//
//   node bench/serve-latency.mjs SITE_DIR [N] [--folio BIN] [--debounce MS] [--pause MS]
//
// --pause is the time between one reload and the next save (default 2000 ms, a brisk writer);
// the preview rebuilds its search index in the background after each save, and a much shorter
// pause measures saves made while that is still running.
//
// Needs the browser tests' packages (tests/browser: `npm ci`, done by scripts/test) and a
// release build of folio (target/release/folio by default). Never run in CI: timings depend on
// the machine.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { chromium } = createRequire(join(REPO, 'tests/browser/package.json'))('playwright-core');
const { startServe } = await import(join(REPO, 'tests/browser/support.mjs'));

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const bin = option('--folio', join(REPO, 'target/release/folio'));
const debounce = option('--debounce', '30');
const pause = Number(option('--pause', '2000'));
const [site, runs = '10'] = args;
if (!site) {
  console.error('usage: node bench/serve-latency.mjs SITE_DIR [N] [--folio BIN] [--debounce MS] [--pause MS]');
  process.exit(2);
}

const posts = join(site, 'content/posts');
const file = readdirSync(posts).filter((f) => f.endsWith('.md')).sort()[0];
const path = join(posts, file);
const original = readFileSync(path, 'utf8');
const slug = (original.match(/^slug:\s*"?([^"\n]+)"?$/m) || [null, file.replace(/\.md$/, '')])[1];

const started = Date.now();
const { server, url } = await startServe(bin, ['--root', site, '--debounce', debounce]);
console.log(`serving ${site} at ${url} after ${((Date.now() - started) / 1000).toFixed(1)} s; post /posts/${slug}/`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const times = [];
try {
  const page = await browser.newPage();
  await page.goto(`${url}posts/${slug}/`);
  await page.waitForTimeout(500);
  for (let i = 0; i < Number(runs); i++) {
    const probe = `Latency probe ${i} ${Date.now()}.`;
    const t0 = performance.now();
    writeFileSync(path, `${original}\n\n${probe}\n`);
    // The preview swaps the page's <main> in place (or reloads it); either way, the edit is
    // there when its text is on the page, checked on every animation frame.
    await page.waitForFunction((text) => document.body.innerText.includes(text), probe, { polling: 'raf', timeout: 10000 });
    times.push(performance.now() - t0);
    await page.waitForTimeout(pause);
  }
} finally {
  writeFileSync(path, original);
  await browser.close();
  server.kill();
}
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`save to edit shown: median ${median.toFixed(1)} ms over ${times.length} runs ` +
  `(min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}; debounce ${debounce} ms, ` +
  `${pause} ms between a reload and the next save)`);
