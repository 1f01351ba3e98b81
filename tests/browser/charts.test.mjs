// Charts as a reader meets them: at 320 px the page does not scroll sideways, every label of
// every chart is inside its drawing and at least 9 px tall; axe-core (WCAG 2 AA) passes in light
// and dark mode with the data tables open; the series colours follow the colour scheme.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { buildSite, serve, launch, watchedPage, axe, REPO } from './support.mjs';

let browser, demo, fixture;
const DEMO_POST = 'posts/european-defence-spending-since-2014/';
const PAGES = () => [[demo, DEMO_POST], [fixture, 'posts/charts/'], [fixture, 'posts/beside/']];

before(async () => {
  browser = await launch();
  demo = await serve(buildSite({ baseUrl: 'http://127.0.0.1:1/' }));
  fixture = await serve(buildSite({ root: REPO + '/tests/fixtures/sites/charts', baseUrl: 'http://127.0.0.1:1/' }));
});
after(async () => { await browser?.close(); await demo?.close(); await fixture?.close(); });

/** For every chart on the page: its box, and the boxes and sizes of its text. */
function measure(page) {
  return page.evaluate(() => [...document.querySelectorAll('svg.chart-svg')].map((svg) => {
    const box = svg.getBoundingClientRect();
    const texts = [...svg.querySelectorAll('text')].map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent, left: r.left, right: r.right, top: r.top, bottom: r.bottom,
        size: parseFloat(getComputedStyle(t).fontSize) * (box.width / svg.viewBox.baseVal.width) };
    });
    return { title: svg.querySelector('title').textContent, left: box.left, right: box.right, top: box.top, bottom: box.bottom, texts };
  }));
}

test('at 320 px charts fit the screen, keep every label inside and stay legible', async () => {
  const { page, context, problems } = await watchedPage(browser, { viewport: { width: 320, height: 800 } });
  let charts = 0;
  for (const [site, path] of PAGES()) {
    await page.goto(site.url + path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 320, `${path} is ${width}px wide`);
    for (const chart of await measure(page)) {
      charts += 1;
      assert.ok(chart.left >= 0 && chart.right <= 320, `${chart.title}: ${chart.left}–${chart.right}`);
      for (const t of chart.texts) {
        const where = `${chart.title}: "${t.text}"`;
        assert.ok(t.left >= chart.left - 0.5 && t.right <= chart.right + 0.5, `${where} leaves the chart sideways (${t.left}–${t.right} in ${chart.left}–${chart.right})`);
        assert.ok(t.top >= chart.top - 0.5 && t.bottom <= chart.bottom + 0.5, `${where} leaves the chart vertically`);
        assert.ok(t.size >= 9, `${where} is ${t.size.toFixed(1)}px`);
      }
    }
  }
  assert.equal(charts, 7, 'the demo chart and the six fixture charts');
  await context.close();
  assert.deepEqual(problems, []);
});

for (const scheme of ['light', 'dark']) {
  test(`chart pages pass WCAG 2 AA checks in ${scheme} mode, data tables open`, async () => {
    const { page, context } = await watchedPage(browser, { colorScheme: scheme, viewport: { width: 360, height: 800 } });
    for (const [site, path] of PAGES()) {
      await page.goto(site.url + path);
      await page.evaluate(() => document.querySelectorAll('details.chart-data').forEach((d) => { d.open = true; }));
      assert.deepEqual(await axe(page), [], `${scheme} ${path}`);
      const names = await page.evaluate(() => [...document.querySelectorAll('svg[role="img"]')].map((svg) =>
        svg.getAttribute('aria-labelledby').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' | ')));
      for (const name of names) assert.match(name, /^.+ \| .+ chart: .+/, `${path}: the chart's title and description`);
    }
    await context.close();
  });
}

test('series colours come from the theme and change with the colour scheme', async () => {
  const fills = {};
  for (const scheme of ['light', 'dark']) {
    const { page, context } = await watchedPage(browser, { colorScheme: scheme });
    await page.goto(demo.url + DEMO_POST);
    fills[scheme] = await page.evaluate(() => [...document.querySelectorAll('.chart-svg rect.chart-bar')].map((r) => getComputedStyle(r).fill));
    await context.close();
  }
  assert.equal(fills.light.length, 20, 'ten countries, two years');
  assert.notDeepEqual(fills.light, fills.dark);
  assert.ok(fills.dark.includes('rgb(86, 180, 233)'), `dark blue: ${fills.dark}`);
  assert.ok(fills.light.includes('rgb(0, 114, 178)'), `light blue: ${fills.light}`);
});
