// Loads pages in headless Chromium (playwright-core, Debian's /usr/bin/chromium)
// and prints, per page, the median milliseconds from navigation start to the
// first frame after `load` (scripts run, layout done), over RUNS fresh tabs.
//   node bench/html_render.mjs NODE_MODULES RUNS PAGE.html...
import { createRequire } from 'node:module';
import path from 'node:path';

const [nodeModules, runs, ...pages] = process.argv.slice(2);
const require = createRequire(path.join(nodeModules, 'x.js'));
const { chromium } = require('playwright-core');
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
for (const file of pages) {
  const times = [];
  for (let i = 0; i < Number(runs); i++) {
    const page = await context.newPage();
    const t0 = Date.now();
    await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    times.push(Date.now() - t0);
    await page.close();
  }
  times.sort((a, b) => a - b);
  console.log(`${file}\t${times[Math.floor(times.length / 2)]}`);
}
await browser.close();
