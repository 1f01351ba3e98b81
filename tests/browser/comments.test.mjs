// The comments hook in a real browser. Requests to the providers' hosts are intercepted and
// answered by the test (a stand-in client.js that opens a stand-in widget frame), never sent:
// with `load: click` nothing reaches the provider before the click; with `load: lazy` only after
// scrolling near; the script gets the attributes its documentation asks for; flipping the theme
// toggle posts the theme message to the giscus and utterances frames; WCAG AA holds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { REPO, buildSite, serve, launch, axe } from './support.mjs';

const POST = 'posts/russia-rejects-zelenskyys-security-guarantees-escalating/';
const SLUG = 'russia-rejects-zelenskyys-security-guarantees-escalating';
const SETTINGS = {
  giscus: 'giscus: { repo: folio-ssg/folio, repo_id: R_kgDOTest, category: Comments, category_id: DIC_kwDOTest }',
  utterances: 'utterances: { repo: folio-ssg/folio, label: comments }',
};
const PROVIDER_HOSTS = { giscus: 'https://giscus.app', utterances: 'https://utteranc.es' };

// Stand-ins for the providers: the client script records its own attributes and opens a frame
// on the provider's origin, as the real ones do; the frame records the messages it receives.
const FAKE_CLIENT = (frameClass, origin) => `(function () {
  var s = document.currentScript, attrs = {};
  for (var i = 0; i < s.attributes.length; i++) attrs[s.attributes[i].name] = s.attributes[i].value;
  window.__clientAttrs = attrs;
  var f = document.createElement('iframe');
  f.className = '${frameClass}';
  f.title = 'Comments';
  f.src = '${origin}/widget.html';
  s.insertAdjacentElement('afterend', f);
})();`;
const FAKE_FRAME = '<!doctype html><html lang="en"><title>widget</title><script>window.__messages = [];'
  + 'addEventListener("message", function (e) { window.__messages.push({ origin: e.origin, data: e.data }); });</script>';

let browser;
const servers = [];

/** The demo site with a `comments:` block, built and served; returns its URL. */
async function commentsSite(provider, load) {
  const root = mkdtempSync(join(tmpdir(), 'folio-comments-site-'));
  cpSync(join(REPO, 'content'), join(root, 'content'), { recursive: true });
  cpSync(join(REPO, 'data'), join(root, 'data'), { recursive: true });
  const config = readFileSync(join(REPO, 'folio.yaml'), 'utf8')
    + `comments:\n  provider: ${provider}\n  load: ${load}\n  ${SETTINGS[provider]}\n`;
  writeFileSync(join(root, 'folio.yaml'), config);
  const server = await serve(buildSite({ root, baseUrl: 'http://127.0.0.1:1/' }));
  servers.push(server);
  return server.url;
}

/** A page whose requests to the provider are answered by stand-ins and recorded. */
async function providerPage(provider, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  const origin = PROVIDER_HOSTS[provider];
  const frameClass = provider === 'giscus' ? 'giscus-frame' : 'utterances-frame';
  await context.route('**/*', (route) => {
    const url = route.request().url();
    const host = new URL(url).hostname;
    if (host === '127.0.0.1') return route.continue();
    if (url.startsWith(origin + '/')) {
      requests.push(url);
      if (url === `${origin}/client.js`) {
        return route.fulfill({ contentType: 'text/javascript', body: FAKE_CLIENT(frameClass, origin) });
      }
      return route.fulfill({ contentType: 'text/html', body: FAKE_FRAME });
    }
    problems.push(`request to another host: ${url}`);
    return route.abort();
  });
  return { context, page, requests, problems };
}

/** Reads `read()` until it deep-equals `expected` or five seconds pass, and returns the last value
 * (messages between frames take a moment; a fixed pause would be a guess). */
async function settled(read, expected) {
  const end = Date.now() + 5000;
  let value = await read();
  while (!isDeepStrictEqual(value, expected) && Date.now() < end) {
    await new Promise((ok) => setTimeout(ok, 50));
    value = await read();
  }
  return value;
}

function widgetFrame(page, provider) {
  return page.frames().find((f) => f.url().startsWith(PROVIDER_HOSTS[provider] + '/widget'));
}

async function messages(page, provider) {
  await page.waitForFunction(() => document.querySelector('iframe'));
  let frame;
  for (let i = 0; i < 50 && !frame; i++) {
    frame = widgetFrame(page, provider);
    if (!frame) await page.waitForTimeout(100);
  }
  assert.ok(frame, 'the widget frame opened');
  await frame.waitForLoadState('load');
  return () => frame.evaluate(() => window.__messages.map((m) => ({ origin: m.origin, data: m.data })));
}

before(async () => { browser = await launch(); });
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
});

test('load: click contacts giscus only after the click, with the documented attributes', async () => {
  const url = await commentsSite('giscus', 'click');
  const { page, context, requests, problems } = await providerPage('giscus', { colorScheme: 'light' });
  await page.goto(url + POST, { waitUntil: 'load' });
  const button = page.getByRole('button', { name: 'Show comments (giscus)' });
  await button.scrollIntoViewIfNeeded();
  await page.waitForTimeout(300);
  assert.deepEqual(requests, [], 'nothing reaches giscus before the click');
  assert.match(await page.locator('.comments-note').innerText(), /giscus\.app/);
  await button.click();
  await page.waitForFunction(() => window.__clientAttrs);
  assert.equal(requests[0], 'https://giscus.app/client.js');
  const attrs = await page.evaluate(() => window.__clientAttrs);
  assert.deepEqual(
    {
      src: attrs.src, repo: attrs['data-repo'], repoId: attrs['data-repo-id'], category: attrs['data-category'],
      categoryId: attrs['data-category-id'], mapping: attrs['data-mapping'], term: attrs['data-term'],
      theme: attrs['data-theme'], lang: attrs['data-lang'], crossorigin: attrs.crossorigin,
    },
    {
      src: 'https://giscus.app/client.js', repo: 'folio-ssg/folio', repoId: 'R_kgDOTest', category: 'Comments',
      categoryId: 'DIC_kwDOTest', mapping: 'specific', term: SLUG, theme: 'light', lang: 'en', crossorigin: 'anonymous',
    },
  );
  assert.equal(await button.isVisible(), false, 'the button goes once the comments load');
  await context.close();
  assert.deepEqual(problems, []);
});

test('load: lazy fetches the script only when the reader scrolls near the comments', async () => {
  const url = await commentsSite('giscus', 'lazy');
  const { page, context, requests, problems } = await providerPage('giscus', { viewport: { width: 1000, height: 700 } });
  await page.goto(url + POST, { waitUntil: 'load' });
  const distance = await page.evaluate(() => document.querySelector('.comments').getBoundingClientRect().top - innerHeight);
  assert.ok(distance > 1200, `the comments start ${distance}px below the fold`);
  await page.waitForTimeout(500);
  assert.deepEqual(requests, [], 'nothing loads at the top of the post');
  await page.evaluate(() => window.scrollTo(0, document.querySelector('.comments').offsetTop - innerHeight - 300));
  await page.waitForFunction(() => window.__clientAttrs);
  assert.equal(requests[0], 'https://giscus.app/client.js');
  assert.equal(await page.evaluate(() => window.__clientAttrs['data-loading']), 'lazy');
  await context.close();
  assert.deepEqual(problems, []);
});

test('flipping the theme toggle sends the theme to the giscus frame', async () => {
  const url = await commentsSite('giscus', 'eager');
  const { page, context, problems } = await providerPage('giscus', { colorScheme: 'light' });
  await page.goto(url + POST, { waitUntil: 'load' });
  const received = await messages(page, 'giscus');
  assert.equal(await page.evaluate(() => window.__clientAttrs['data-theme']), 'light');
  const origin = url.replace(/\/$/, '');
  const dark = { origin, data: { giscus: { setConfig: { theme: 'dark' } } } };
  const light = { origin, data: { giscus: { setConfig: { theme: 'light' } } } };
  await page.locator('[data-theme-toggle]').first().click();
  await page.waitForFunction(() => document.documentElement.dataset.theme === 'dark');
  assert.deepEqual(await settled(received, [dark]), [dark]);
  await page.locator('[data-theme-toggle]').first().click();
  assert.deepEqual(await settled(received, [dark, light]), [dark, light]);
  await context.close();
  assert.deepEqual(problems, []);
});

test('utterances gets repo, issue-term and theme, and follows the toggle', async () => {
  const url = await commentsSite('utterances', 'eager');
  const { page, context, requests, problems } = await providerPage('utterances', { colorScheme: 'dark' });
  await page.goto(url + POST, { waitUntil: 'load' });
  const received = await messages(page, 'utterances');
  assert.equal(requests[0], 'https://utteranc.es/client.js');
  const attrs = await page.evaluate(() => window.__clientAttrs);
  assert.deepEqual([attrs.repo, attrs['issue-term'], attrs.label, attrs.theme], ['folio-ssg/folio', SLUG, 'comments', 'github-dark']);
  await page.locator('[data-theme-toggle]').first().click();
  const expected = [{ type: 'set-theme', theme: 'github-light' }];
  const data = async () => (await received()).map((m) => m.data);
  assert.deepEqual(await settled(data, expected), expected);
  await context.close();
  assert.deepEqual(problems, []);
});

for (const scheme of ['light', 'dark']) {
  test(`the comments area passes WCAG 2 AA checks in ${scheme} mode`, async () => {
    const url = await commentsSite('giscus', 'click');
    const { page, context, requests } = await providerPage('giscus', { colorScheme: scheme });
    await page.goto(url + POST);
    await page.getByRole('button', { name: 'Show comments (giscus)' }).waitFor();
    assert.deepEqual(await axe(page), []);
    assert.deepEqual(requests, []);
    await context.close();
  });
}

test('without JavaScript the comments area says why it is empty and links to the discussion', async () => {
  const url = await commentsSite('giscus', 'click');
  const { page, context, requests } = await providerPage('giscus', { javaScriptEnabled: false });
  await page.goto(url + POST);
  const text = await page.locator('.comments').innerText();
  assert.match(text, /need JavaScript/);
  assert.equal(await page.getByRole('link', { name: 'read and join the discussion on GitHub' }).getAttribute('href'),
    'https://github.com/folio-ssg/folio/discussions');
  assert.equal(await page.locator('[data-comments-button]').isVisible(), false);
  assert.deepEqual(requests, []);
  await context.close();
});
