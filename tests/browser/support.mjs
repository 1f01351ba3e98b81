// Shared set-up for the browser tests: build a site with the folio binary, serve it on
// 127.0.0.1 with a tiny static server (optionally under a subpath), and launch Debian's Chromium.
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, statSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, normalize, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function folioBinary() {
  const bin = process.env.FOLIO_BIN || join(REPO, 'target/debug/folio');
  if (!existsSync(bin)) throw new Error(`folio binary not found at ${bin}: run scripts/test, which builds it`);
  return bin;
}

/**
 * Starts `bin serve` on a free port with `args` (`--root`, `--debounce`, …) and resolves with
 * the process and the URL it prints once the first build is served.
 */
export async function startServe(bin, args) {
  const server = spawn(bin, ['serve', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    let out = '';
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/\S+\//);
      if (m) ok(m[0]);
    });
    server.on('exit', () => fail(new Error('folio serve exited')));
  });
  server.stdout.resume();
  return { server, url };
}

/** Builds the site at `root` into a fresh temporary folder and returns that folder. */
export function buildSite({ root = REPO, baseUrl, args = [] } = {}) {
  const out = join(mkdtempSync(join(tmpdir(), 'folio-browser-')), 'public');
  const argv = ['build', '--root', root, '--output', out, '-q', ...args];
  if (baseUrl) argv.push('--base-url', baseUrl);
  const r = spawnSync(folioBinary(), argv, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`folio build failed:\n${r.stderr}`);
  return out;
}

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml',
  '.xml': 'application/xml', '.txt': 'text/plain', '.json': 'application/json', '.png': 'image/png',
};

/** Serves `dir` at http://127.0.0.1:PORT`prefix`/ the way a plain static host would. */
export async function serve(dir, prefix = '') {
  const server = createServer((req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (!path.startsWith(prefix + '/')) return notFound(res);
    path = normalize(path.slice(prefix.length));
    if (path.includes('..')) return notFound(res);
    let file = join(dir, path);
    try { if (statSync(file).isDirectory()) file = join(file, 'index.html'); } catch { return notFound(res); }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream' });
      res.end(body);
    } catch { notFound(res); }
  });
  const notFound = (res) => {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    try { res.end(readFileSync(join(dir, '404.html'))); } catch { res.end('not found'); }
  };
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  // A server a failed test did not close must not keep the test process alive.
  server.unref();
  const url = `http://127.0.0.1:${server.address().port}${prefix}/`;
  const close = () => new Promise((ok) => {
    server.close(ok);
    server.closeAllConnections();
  });
  return { url, close };
}

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/** A page that records console errors, page errors and requests to other hosts. */
export async function watchedPage(browser, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    if (host !== '127.0.0.1') { problems.push(`request to another host: ${route.request().url()}`); return route.abort(); }
    return route.continue();
  });
  return { context, page, problems };
}

export const AXE = readFileSync(join(REPO, 'tests/browser/node_modules/axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2 A/AA rules) on the page and returns the violations. */
export async function axe(page) {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')})`);
  });
}
