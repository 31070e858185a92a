// Python-ready time: blob: worker started by the page (the app's way) vs the
// same worker started by an opaque-origin sandboxed iframe. Median of N fresh
// contexts, then a second load in the same context (warm HTTP cache).
import { chromium } from '@playwright/test';
const BASE = process.argv[2] ?? 'http://localhost:5224';
const N = Number(process.env.N ?? 5);
const ARGS = ['--no-sandbox','--disable-gpu','--disable-dev-shm-usage','--disable-background-networking','--disable-component-update','--disable-sync','--disable-quic','--no-first-run'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const res = { direct: { cold: [], warm: [] }, host: { cold: [], warm: [] } };
let probe = null;
for (let i = 0; i < N; i++) {
  for (const kind of i % 2 ? ['host', 'direct'] : ['direct', 'host']) {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    page.on('console', (m) => { if (m.type() === 'error') console.log(kind, 'console error:', m.text().slice(0, 200)); });
    for (const phase of ['cold', 'warm']) {
      await page.goto(`${BASE}/iso/${kind}.html`);
      process.stderr.write(`${kind} ${phase}\n`);
      const t = await page.waitForFunction(() => window.__ready, null, { timeout: 60000 }).then((h) => h.jsonValue());
      const snap = await page.evaluate(() => window.__snapshot);
      if (snap !== 'restored') console.log(kind, 'snapshot', snap);
      if (kind === 'host' && !probe) probe = await page.evaluate(() => window.__probe);
      res[kind][phase].push(t);
    }
    await ctx.close();
  }
  process.stderr.write(`round ${i + 1}/${N}\n`);
}
await browser.close();
for (const kind of ['direct', 'host']) console.log(`${kind.padEnd(7)} Python ready: cold ${median(res[kind].cold).toFixed(0)} ms, warm ${median(res[kind].warm).toFixed(0)} ms   (cold ${res[kind].cold.map((x) => x.toFixed(0)).join(' ')}; warm ${res[kind].warm.map((x) => x.toFixed(0)).join(' ')})`);
console.log(`ratio iframe/direct: cold ${(median(res.host.cold) / median(res.direct.cold)).toFixed(2)}, warm ${(median(res.host.warm) / median(res.direct.warm)).toFixed(2)}`);
console.log('inside the opaque-origin frame:', JSON.stringify(probe));
