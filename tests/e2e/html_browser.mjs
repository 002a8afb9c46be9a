// Drives Debian's Chromium (headless, through playwright-core) over an HTML
// report: the rendered DOM has one row group per finding and one timeline bar
// per exposure (as the JSON report says), the filter and sort controls work,
// rows expand, the page makes no network request, works without JavaScript,
// prints the checklist; saves screenshots. Prints "render_ms N" (load to first
// paint of the report).
//
//   node html_browser.mjs NODE_MODULES REPORT.html REPORT.json OUT_DIR
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const [nodeModules, htmlPath, jsonPath, outDir] = process.argv.slice(2);
const require = createRequire(path.join(nodeModules, 'x.js'));
const { chromium } = require('playwright-core');
const report = JSON.parse(fs.readFileSync(jsonPath, 'utf8'));
const url = 'file://' + path.resolve(htmlPath);
const failures = [];
const check = (cond, msg) => { if (!cond) failures.push(msg); };

// Playwright gives the browser a new empty profile directory of its own
// (it refuses --user-data-dir with launch()).
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  headless: true,
});
try {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const requests = [], errors = [];
  page.on('request', (r) => { if (r.url() !== url) requests.push(r.url()); });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  const t0 = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
  console.log('render_ms', Date.now() - t0);

  const findings = report.findings;
  const exposed = findings.filter((f) => f.exposure).length;
  check(await page.locator('tbody.secret').count() === findings.length, 'rows == findings');
  check(await page.locator('svg.timeline rect.bar').count() === exposed, 'bars == exposures');
  check(await page.locator('html.js').count() === 1, 'script ran');
  check(errors.length === 0, 'no script errors: ' + errors.join('; '));
  check(await page.locator('tr.detail:visible').count() === 0, 'details collapsed with JS');
  const shown = () => page.locator('tbody.secret:visible').count();
  check(await shown() === findings.length, 'every row shown before filtering');

  if (findings.length > 1) {
    // Filter by text: a path only one finding has.
    const target = findings.find((f) => findings.filter((g) => g.path === f.path).length === 1);
    await page.fill('#f-text', target.path.slice(-12));
    const n = await shown();
    check(n >= 1 && n < findings.length, `text filter narrows (${n})`);
    check((await page.locator('#f-count').textContent()).startsWith(`${n} of `), 'count text');
    await page.fill('#f-text', 'no-such-thing-anywhere');
    check(await shown() === 0, 'text filter to nothing');
    await page.fill('#f-text', '');
    // Filter: still present only.
    const present = findings.filter((f) => !f.exposure || f.exposure.removed === null ||
                                           f.exposure.still_present.length > 0).length;
    await page.check('#f-present');
    check(await shown() === present, `still-present filter (${await shown()} vs ${present})`);
    await page.uncheck('#f-present');
    // Filter by severity.
    const sev = findings[0].severity;
    await page.selectOption('#f-severity', sev);
    check(await shown() === findings.filter((f) => f.severity === sev).length, 'severity filter');
    await page.selectOption('#f-severity', '');
    // Sort by days exposed, descending (two clicks), then ascending.
    const col = page.locator('thead th', { hasText: 'Days' });
    const days = async () => (await page.locator('tbody.secret tr.main td:nth-child(10)')
                             .evaluateAll((tds) => tds.map((td) => parseFloat(td.dataset.v))));
    await col.locator('button').click();
    let d = await days();
    check(d.every((v, i) => i === 0 || d[i - 1] <= v), 'ascending sort: ' + d);
    check(await col.getAttribute('aria-sort') === 'ascending', 'aria-sort ascending');
    await col.locator('button').click();
    d = await days();
    check(d.every((v, i) => i === 0 || d[i - 1] >= v), 'descending sort: ' + d);
    // Sort by path (text).
    await page.locator('thead th', { hasText: 'Path' }).locator('button').click();
    const paths = await page.locator('tbody.secret tr.main td:nth-child(7)')
                            .evaluateAll((tds) => tds.map((td) => td.dataset.v));
    check(paths.every((v, i) => i === 0 || paths[i - 1] <= v), 'path sort');
  }
  // Expand a row, and a timeline bar opens its row.
  const first = page.locator('tbody.secret').first();
  await first.locator('button.tog').click();
  check(await first.locator('tr.detail').isVisible(), 'row expands');
  check(await first.locator('button.tog').getAttribute('aria-expanded') === 'true', 'aria-expanded');
  await page.screenshot({ path: path.join(outDir, 'html-report.png'), fullPage: true });
  if (exposed > 0) {
    const id = (await page.locator('svg.timeline a').last().getAttribute('href')).slice(1);
    await page.locator('svg.timeline a').last().locator('rect').click();
    check(await page.locator(`#${id} tr.detail`).isVisible(), 'timeline bar opens its row');
  }
  check(requests.length === 0, 'no network requests: ' + requests.join(', '));

  // Print: the checklist, not the interactive table.
  await page.emulateMedia({ media: 'print' });
  check(!(await page.locator('#findings').isVisible()), 'print hides the table');
  check(await page.locator('#checklist').isVisible(), 'print shows the checklist');
  await page.pdf({ path: path.join(outDir, 'html-report.pdf') });

  // Without JavaScript: details visible, controls hidden.
  const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1360, height: 900 } });
  const p2 = await nojs.newPage();
  await p2.goto(url, { waitUntil: 'load' });
  check(await p2.locator('tr.detail:visible').count() === findings.length, 'no JS: details shown');
  check(!(await p2.locator('.controls').isVisible()), 'no JS: controls hidden');
  await p2.screenshot({ path: path.join(outDir, 'html-report-nojs.png') });
} finally {
  await browser.close();
}
for (const f of failures) console.error('FAIL:', f);
console.log(failures.length ? 'browser checks failed' : 'browser checks passed');
process.exit(failures.length ? 1 : 0);
