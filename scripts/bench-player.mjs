#!/usr/bin/env node
// The player's budgets (issue 8 §6), measured on the tutorial page of the
// production build in headless Chromium (Debian's), median of BENCH_RUNS fresh
// contexts; part of `npm run bench:ui`. Not a test: it prints each figure
// beside its budget, as a ratio.
//   - player script: dist/player.js and every chunk it imports statically, gzipped
//     (what a page pays before a reader asks for anything); Run's lazy chunks beside it
//   - first frame of every player after the script has loaded (the element defined):
//     the last of the twelve recorded players to paint its first step; beside it, a plain
//     script that fetches the same recordings and shows their code (the anchor)
//   - JS heap of the page with its players, after a collection, beside the same
//     page with the players' script blocked (the anchor: prose only)
//   - a step in any player: an ArrowRight on the player until the next painted frame
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import { median, startPreview } from './bench-page.mjs';

const PORT = Number(process.env.LOOPSCOPE_BENCH_PORT ?? 4179) + 1;
const BASE = `http://localhost:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
const BUDGET = { scriptKB: 150, firstFrameMs: 300, heapMB: 15, stepMs: 16 };

if (!existsSync('dist/player.js') || (process.env.BENCH_BUILD !== '0' && !process.argv.includes('--no-build'))) {
  const b = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}

// ---- the script's size: player.js and its static imports, gzipped -------------------------
const IMPORTS = /(?:import|export)\s*(?:[\w{}\s,*$]*from\s*)?["'](\.\.?\/[^"']+)["']/g;
const LAZY = /import\(["'](\.\.?\/[^"']+)["']\)|"(assets\/[^"]+\.js)"/g;
function closure(entries) {
  const seen = new Set();
  const todo = [...entries];
  while (todo.length) {
    const f = todo.pop();
    if (seen.has(f)) continue;
    seen.add(f);
    const text = readFileSync(join('dist', f), 'utf8');
    for (const m of text.matchAll(IMPORTS)) todo.push(join(f, '..', m[1]));
  }
  return seen;
}
const gz = (files) => [...files].reduce((s, f) => s + gzipSync(readFileSync(join('dist', f)), { level: 9 }).length, 0);
const eager = closure(['player.js']);
const lazyEntries = [...readFileSync('dist/player.js', 'utf8').matchAll(LAZY)].map((m) => m[2] ?? join('.', m[1])).filter((f) => !eager.has(f));
const lazy = new Set([...closure(lazyEntries)].filter((f) => !eager.has(f)));
const scriptKB = gz(eager) / 1024;
const RECORDING_URLS = readdirSync('dist/recordings').filter((f) => f.endsWith('.json')).sort().map((f) => `./recordings/${f}`);
const lazyKB = gz(lazy) / 1024;

// ---- the page --------------------------------------------------------------------------------
await startPreview(PORT, BASE);
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });

/** Before the page's scripts: note when the element is defined, and when each player first paints a step. */
const INIT = () => {
  const first = new Map();
  window.__bench = { definedAt: 0, painted: [] };
  customElements.whenDefined('loopscope-player').then(() => (window.__bench.definedAt = performance.now()));
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (ev) {
    if (ev.type === 'step' && this instanceof HTMLElement && this.localName === 'loopscope-player' && !first.has(this)) {
      first.set(this, true);
      requestAnimationFrame(() => setTimeout(() => window.__bench.painted.push(performance.now()), 0));
    }
    return dispatch.call(this, ev);
  };
};

async function heapMB(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 2 ** 20;
}

const m = { firstFrameAnchor: [], firstFrame: [], heap: [], heapAnchor: [], step: [], stepWorst: [], frame: [] };
for (let i = 0; i < RUNS; i++) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.route('**/*', (r) => (new URL(r.request().url()).origin === BASE ? r.continue() : r.abort()));
  await context.addInitScript(INIT);
  const page = await context.newPage();
  await page.goto(BASE + '/tutorial.html');
  const players = await page.locator('loopscope-player[src]').count();
  await page.waitForFunction((n) => window.__bench.painted.length >= n, players, { timeout: 60_000 });
  const b = await page.evaluate(() => window.__bench);
  m.firstFrame.push(Math.max(...b.painted) - b.definedAt);
  await page.waitForTimeout(300);
  m.heap.push(await heapMB(page));
  // A step in each player: ArrowRight on it, until the next painted frame.
  const { perPlayer, frame } = await page.evaluate(async () => {
    // The anchor: a trivial change (one paragraph's text) until the next painted frame, on the same page.
    const para = document.querySelector('main p');
    const base = [];
    for (let s = 0; s < 20; s++) {
      const t0 = performance.now();
      para.dataset.n = String(s);
      para.firstChild.textContent = para.firstChild.textContent.endsWith(' ') ? para.firstChild.textContent.trimEnd() : para.firstChild.textContent + ' ';
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      base.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
    base.sort((a, b) => a - b);
    const out = [];
    for (const el of document.querySelectorAll('loopscope-player[src]')) {
      const root = el.shadowRoot.querySelector('.loopscope-root');
      el.goto(0);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 20)));
      const times = [];
      for (let s = 0; s < Math.min(20, el.steps); s++) {
        const t0 = performance.now();
        root.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        times.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 10));
      }
      times.sort((a, b) => a - b);
      out.push(times[Math.floor(times.length / 2)]);
    }
    return { perPlayer: out, frame: base[Math.floor(base.length / 2)] };
  });
  m.frame.push(frame);
  m.step.push(median(perPlayer));
  m.stepWorst.push(Math.max(...perPlayer));
  await context.close();

  // The first frame's anchor: the same twelve recordings fetched and their code put in a <pre> each by a
  // plain script, from the moment it runs to the next painted frame (what showing the code alone costs).
  const plain = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await plain.route('**/plain.html', (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><body>${RECORDING_URLS.map(() => '<p>text</p><pre></pre>').join('')}<script type="module">
        const t0 = performance.now();
        const pres = document.querySelectorAll('pre');
        await Promise.all(${JSON.stringify(RECORDING_URLS)}.map(async (u, i) => { const j = await (await fetch(u)).json(); pres[i].textContent = j.trace.meta.source; }));
        requestAnimationFrame(() => setTimeout(() => (window.__plain = performance.now() - t0), 0));
      </script>`,
    }),
  );
  const pp = await plain.newPage();
  await pp.goto(BASE + '/plain.html');
  await pp.waitForFunction(() => window.__plain > 0, null, { timeout: 60_000 });
  m.firstFrameAnchor.push(await pp.evaluate(() => window.__plain));
  await plain.close();

  // The heap's anchor: the same page with the players' script blocked (prose, the details, custom elements undefined).
  const anchor = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await anchor.route('**/*', (r) => {
    const u = new URL(r.request().url());
    return u.origin === BASE && !u.pathname.endsWith('/player.js') ? r.continue() : r.abort();
  });
  const ap = await anchor.newPage();
  await ap.goto(BASE + '/tutorial.html');
  await ap.waitForTimeout(300);
  m.heapAnchor.push(await heapMB(ap));
  await anchor.close();
  process.stderr.write(`player run ${i + 1}/${RUNS} done\n`);
}
await browser.close();

const med = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, median(v)]));
const heapPlayers = med.heap - med.heapAnchor;
const row = (label, value, unit, budget) => console.log(`${label.padEnd(44)} ${value.toFixed(1).padStart(7)} ${unit.padEnd(3)} budget ${String(budget).padStart(4)} ${unit}   ratio ${(value / budget).toFixed(2)}`);
console.log(`<loopscope-player> on tutorial.html — headless Chromium, production build, median of ${RUNS} fresh contexts`);
row(`player script, gzipped (${eager.size} files)`, scriptKB, 'KB', BUDGET.scriptKB);
console.log(`${'  Run, loaded on demand (' + lazy.size + ' files, gzipped)'.padEnd(44)} ${lazyKB.toFixed(1).padStart(7)} KB  (then the worker, Pyodide and the snapshot)`);
row('first frame of every player after the script', med.firstFrame, 'ms', BUDGET.firstFrameMs);
console.log(`${'  anchor: the same code shown by a plain script'.padEnd(44)} ${med.firstFrameAnchor.toFixed(1).padStart(7)} ms   player / anchor = ${(med.firstFrame / med.firstFrameAnchor).toFixed(2)}`);
row('JS heap of the players (page - anchor)', heapPlayers, 'MB', BUDGET.heapMB);
console.log(`${'  page with players / anchor (no players)'.padEnd(44)} ${med.heap.toFixed(1).padStart(7)} MB / ${med.heapAnchor.toFixed(1)} MB`);
row('a step (median over players)', med.step, 'ms', BUDGET.stepMs);
row('a step (the slowest player)', med.stepWorst, 'ms', BUDGET.stepMs);
console.log(`${'  anchor: a one-word change to the next frame'.padEnd(44)} ${med.frame.toFixed(1).padStart(7)} ms   player step / anchor = ${(med.step / med.frame).toFixed(2)} (slowest ${(med.stepWorst / med.frame).toFixed(2)})`);
console.log(`(load average when done: ${(await import('node:os')).loadavg().map((x) => x.toFixed(1)).join(' ')} on ${(await import('node:os')).cpus().length} cores)`);
process.exit(0);
