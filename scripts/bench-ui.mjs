#!/usr/bin/env node
// UI benchmark: headless Chromium (Debian's), production build served by
// `vite preview`, median of 5 fresh browser contexts. Prints:
//   editor visible, Monaco ready, Python ready (and Pyodide's own console.html
//   served the same way, as a ratio), Run-to-first-frame, step response, and
//   frames per second while playing the 1,000-task example; then a return
//   visit (a browser profile kept from a first visit) opening a share link: its
//   first frame with the service worker's cache (docs/offline.md), and with
//   service workers blocked (the HTTP cache only) as the anchor.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import LZString from 'lz-string';

const PORT = Number(process.env.LOOPSCOPE_BENCH_PORT ?? 4179);
const BASE = `http://localhost:${PORT}`;
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];

if (!existsSync('dist/index.html') || process.env.BENCH_BUILD !== '0') {
  const b = spawnSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (b.status !== 0) process.exit(1);
}
const server = spawn('node_modules/.bin/vite', ['preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore' });
const stop = () => server.kill('SIGTERM');
process.on('exit', stop);
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(BASE)).ok) break;
  } catch {}
  await new Promise((r) => setTimeout(r, 100));
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
async function fresh() {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.route('**/*', (r) => (new URL(r.request().url()).origin === BASE ? r.continue() : r.abort()));
  return { context, page: await context.newPage() };
}
const state = (page) => page.evaluate(() => window.__loopscope.state());

const m = { editor: [], monaco: [], python: [], consolePy: [], firstFrame: [], step: [], step1000: [], fps: [], embedCode: [], embedRec: [], linkCode: [] };

// The full app as an embed, opened from a link, until its first frame shows a run (html[data-frame] = "n:k").
const EMBED_CODE = readFileSync('src/examples/07-tasks.py', 'utf8');
const EMBED_LINK = `/#code=${LZString.compressToEncodedURIComponent(EMBED_CODE)}&embed=1`;
let recording = null; // the 07-tasks run as a recording file, saved from the page on the first pass
const firstFrame = (page) => page.evaluate(() => new Promise((res) => {
  const f = () => (/^\d+:/.test(document.documentElement.dataset.frame ?? '') ? res(performance.now()) : requestAnimationFrame(f));
  f();
}));

for (let i = 0; i < RUNS; i++) {
  const { context, page } = await fresh();
  await page.goto(BASE + '/');
  // Times are measured in the page, from navigation start.
  m.editor.push(await page.evaluate(() => new Promise((res) => {
    const f = () => { const el = document.querySelector('[data-testid="editor"]'); if (el && el.textContent.includes('asyncio') && el.getBoundingClientRect().height > 0) res(performance.now()); else requestAnimationFrame(f); };
    f();
  })));
  m.monaco.push(await page.evaluate(() => new Promise((res) => {
    const f = () => (document.documentElement.dataset.monaco === 'ready' && document.querySelector('.monaco-editor .view-lines') ? res(performance.now()) : setTimeout(f, 5));
    f();
  })));
  m.python.push(await page.evaluate(() => new Promise((res) => {
    const f = () => (window.__loopscope.state().pythonReady ? res(performance.now()) : setTimeout(f, 5));
    f();
  })));
  await page.waitForFunction(() => window.__loopscope.state().runs >= 1);
  if (!recording) {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-recording').click()]);
    recording = readFileSync(await dl.path(), 'utf8');
  }
  // Run-to-first-frame: click Run, until the frame after the result is rendered.
  for (let j = 0; j < 3; j++) {
    m.firstFrame.push(await page.evaluate(() => new Promise((res) => {
      const before = window.__loopscope.state().runs;
      const t0 = performance.now();
      document.querySelector('[data-testid="run"]').click();
      const f = () => (window.__loopscope.state().runs > before ? requestAnimationFrame(() => res(performance.now() - t0)) : requestAnimationFrame(f));
      f();
    })));
  }
  // Step response: a key press until the next painted frame shows the new step.
  const stepTimes = async () => page.evaluate(async () => {
    document.getElementById('viz').focus();
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' }));
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    const out = [];
    const n = window.__loopscope.state().n;
    for (let s = 0; s < Math.min(40, n); s++) {
      const t0 = performance.now();
      document.getElementById('viz').dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return out;
  });
  m.step.push(median(await stepTimes()));
  // The 1,000-task example: step response and frames per second while playing at 8x.
  const before = (await state(page)).runs;
  await page.getByLabel('Examples').selectOption('16-many-tasks');
  await page.waitForFunction((b) => window.__loopscope.state().runs > b, before, { timeout: 60000 });
  m.step1000.push(median(await stepTimes()));
  await page.getByLabel('Playback speed').selectOption('8');
  m.fps.push(await page.evaluate(() => new Promise((res) => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Home' }));
    document.querySelector('[data-testid="play"]').click();
    let frames = 0;
    const t0 = performance.now();
    const f = (now) => {
      frames++;
      if (now - t0 < 3000) requestAnimationFrame(f);
      else res((frames * 1000) / (now - t0));
    };
    requestAnimationFrame(f);
  })));
  await context.close();

  // Pyodide's own console, served the same way from our origin.
  const c = await fresh();
  await c.page.goto(BASE + '/pyodide/console.html');
  m.consolePy.push(await c.page.evaluate(() => new Promise((res) => {
    const f = () => (globalThis.pyodide && globalThis.pyodide.runPython ? res(performance.now()) : setTimeout(f, 5));
    f();
  })));
  await c.context.close();

  // The embed from a link: with code (Python starts and runs it), and with a recording (no Python);
  // and, as before embed mode, the whole playground from the same share link.
  const l = await fresh();
  await l.page.goto(BASE + EMBED_LINK.replace('&embed=1', ''));
  m.linkCode.push(await firstFrame(l.page));
  await l.context.close();
  const e = await fresh();
  await e.page.goto(BASE + EMBED_LINK);
  m.embedCode.push(await firstFrame(e.page));
  await e.context.close();
  const r = await fresh();
  await r.context.route(BASE + '/bench/07-tasks.json', (route) => route.fulfill({ body: recording, contentType: 'application/json' }));
  await r.page.goto(BASE + '/#recording=bench/07-tasks.json&embed=1');
  m.embedRec.push(await firstFrame(r.page));
  await r.context.close();
  process.stderr.write(`run ${i + 1}/${RUNS} done\n`);
}
await browser.close();

// Return visit: a first visit in a kept profile (with the service worker: until it says the page
// works offline), the browser closed, then a share link opened in a new browser on that profile.
// The time is from navigation start to the frame that shows the link's step.
const LINK = `/#code=${LZString.compressToEncodedURIComponent(readFileSync('src/examples/07-tasks.py', 'utf8'))}&step=5`;
const returned = { allow: [], block: [] };
async function returnVisit(serviceWorkers) {
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-bench-profile-'));
  const launch = () => chromium.launchPersistentContext(dir, { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS, viewport: { width: 1440, height: 900 }, serviceWorkers });
  try {
    let ctx = await launch();
    let page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.goto(BASE + '/');
    await page.waitForFunction(() => window.__loopscope.state().runs >= 1, null, { timeout: 60000 });
    if (serviceWorkers === 'allow' && existsSync('dist/sw.js')) await page.waitForFunction(() => document.querySelector('[data-testid="notice"]')?.textContent.includes('works offline'), null, { timeout: 60000 });
    await ctx.close();
    ctx = await launch();
    page = ctx.pages()[0] ?? (await ctx.newPage());
    await page.addInitScript(() => {
      const f = () => (window.__loopscope?.state().runs >= 1 ? requestAnimationFrame(() => (window.__firstFrame = performance.now())) : requestAnimationFrame(f));
      requestAnimationFrame(f);
    });
    await page.goto(BASE + LINK);
    await page.waitForFunction(() => window.__firstFrame !== undefined, null, { timeout: 60000 });
    const t = await page.evaluate(() => ({ t: window.__firstFrame, k: window.__loopscope.state().k }));
    if (t.k !== 5) throw new Error(`the link opened at step ${t.k}, not 5`);
    await ctx.close();
    return t.t;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
for (let i = 0; i < RUNS; i++) {
  returned.allow.push(await returnVisit('allow'));
  returned.block.push(await returnVisit('block'));
  process.stderr.write(`return visit ${i + 1}/${RUNS} done\n`);
}
stop();

const ms = (x) => `${(x / 1000).toFixed(3)} s`;
const med = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, median(v)]));
console.log(`Loopscope UI benchmark — headless Chromium, production build, median of ${RUNS} fresh contexts`);
console.log(`editor visible (code on screen)     ${ms(med.editor)}   target <= 0.5 s`);
console.log(`Monaco editor ready                 ${ms(med.monaco)}`);
console.log(`Python ready                        ${ms(med.python)}   target <= 1.5 s`);
console.log(`Pyodide console.html Python ready   ${ms(med.consolePy)}   ratio Loopscope/console = ${(med.python / med.consolePy).toFixed(2)}`);
console.log(`share link (#code=…, the playground) to first frame ${ms(med.linkCode)}   ratio to console.html Python ready = ${(med.linkCode / med.consolePy).toFixed(2)}`);
console.log(`embed link (#code=…&embed=1) to first frame   ${ms(med.embedCode)}   ratio to console.html Python ready = ${(med.embedCode / med.consolePy).toFixed(2)}`);
console.log(`embed link (#recording=…&embed=1) to first frame ${ms(med.embedRec)}   ratio to console.html Python ready = ${(med.embedRec / med.consolePy).toFixed(2)}`);
console.log(`Run-to-first-frame (07-tasks)       ${med.firstFrame.toFixed(1)} ms`);
console.log(`step response (07-tasks)            ${med.step.toFixed(1)} ms   target <= 16 ms`);
console.log(`step response (1,000 tasks)         ${med.step1000.toFixed(1)} ms   target <= 16 ms`);
console.log(`playing 1,000 tasks at 8x           ${med.fps.toFixed(1)} fps   target >= 55`);
const back = median(returned.allow);
const backHttp = median(returned.block);
console.log(`return visit, share link's first frame ${ms(back)}   target <= 0.6 s; HTTP cache only ${ms(backHttp)}, ratio ${(back / backHttp).toFixed(2)}`);
process.exit(0);
