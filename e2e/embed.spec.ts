// The full playground as an embed (#…&embed=1) and its iframe message API,
// from a host page of another origin (127.0.0.1 vs the app's localhost).
import { readFileSync } from 'node:fs';
import LZString from 'lz-string';
import type { Page } from '@playwright/test';
import { test, expect, ONE_TWO as CODE } from './fixtures.ts';
import { tasksRecording } from './recording-fixture.ts';
import { commandMessage, type Command } from '../src/embed/api.ts';

const { compressToEncodedURIComponent } = LZString;

// The host page is fulfilled by the test (no address of its own, so Chromium counts it as a public
// page) and frames the app on localhost: Chromium's local network access checks would block that
// frame, as they would on any public site framing a local server. A real host and a real Loopscope
// are both public, so the test grants the permission.
test.use({ permissions: ['local-network-access'] });


const frameOf = (page: Page) => page.evaluate(() => document.documentElement.dataset.frame);

test('#code=…&embed=1 shows the editor and the chosen panels without the header, with its options, and leaves the reader’s autosave alone', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('loopscope:code', '# mine\n'));
  await page.goto(`/#code=${compressToEncodedURIComponent(CODE)}&embed=1&panels=ready,tasks,console&readonly=1&step=2&theme=dark&speed=2`);
  await page.reload();
  await expect.poll(() => frameOf(page), { timeout: 60_000 }).toMatch(/^\d+:2$/);
  await expect(page.locator('.topbar')).toHaveCount(0);
  await expect(page.getByTestId('run')).toBeVisible();
  await expect(page.getByTestId('ready-queue')).toBeVisible();
  await expect(page.getByTestId('tasks')).toBeVisible();
  await expect(page.getByTestId('console')).toBeVisible();
  await expect(page.getByTestId('timers')).toHaveCount(0);
  await expect(page.getByTestId('futures')).toHaveCount(0);
  await expect(page.getByTestId('narration')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('combobox', { name: 'Playback speed' })).toHaveValue('2');
  expect(await page.evaluate(() => (window as any).__loopscope.getCode())).toBe(CODE);
  // Read-only: typing into the editor changes nothing.
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.type('xyz');
  expect(await page.evaluate(() => (window as any).__loopscope.getCode())).toBe(CODE);
  // The embed neither showed nor saved the reader's own code, even after an edit and leaving the page.
  await page.evaluate(() => (window as any).__loopscope.setCode('# edited in the embed\n'));
  await page.goto('/#');
  expect(await page.evaluate(() => localStorage.getItem('loopscope:code'))).toBe('# mine\n');
});

test('autoplay=1 plays the run from its start', async ({ page }) => {
  await page.goto(`/#code=${compressToEncodedURIComponent(CODE)}&embed=1&autoplay=1&speed=8`);
  await expect.poll(async () => (await page.evaluate(() => (window as any).__loopscope.state())).playing || (await frameOf(page))?.split(':')[1] !== '0', { timeout: 60_000 }).toBe(true);
  await expect.poll(async () => { const [n, k] = (await frameOf(page))!.split(':'); return n === k; }, { timeout: 60_000 }).toBe(true);
  await expect(page.getByTestId('console').locator('.console-line')).toHaveText(['one', 'two']);
});

/** A host page on another origin: the embed, a stranger's frame, and the host helper; every event the embed posts is kept. */
async function hostPage(page: Page, baseURL: string, hash = '#embed=1&id=ex1') {
  const app = new URL(baseURL);
  const host = `http://127.0.0.1:${app.port}/host.html`;
  const html = `<!doctype html><html><head><title>Host</title></head><body style="margin:0">
    <input id="host-input" aria-label="host input">
    <div style="height: 300px">prose before the example</div>
    <iframe id="embed" data-loopscope src="${app.origin}/${hash}" title="Loopscope example" style="width: 760px; height: 640px; border: 0"></iframe>
    <iframe id="stranger" sandbox="allow-scripts" srcdoc="<script>onmessage = (e) => parent.frames[0].postMessage(e.data, '*');</script>"></iframe>
    <div style="height: 2000px">prose after</div>
    <script>
      window.events = [];
      addEventListener('message', (e) => {
        if (e.source === document.getElementById('embed').contentWindow && e.data && e.data.channel === 'loopscope') window.events.push(e.data);
      });
    </script>
    <script type="module" src="${app.origin}/embed-host.js"></script>
  </body></html>`;
  await page.route(host, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  await page.goto(host);
  const events = () => page.evaluate(() => (window as any).events as { type: string; [k: string]: unknown }[]);
  const send = (cmd: Command) => page.evaluate((m) => (document.getElementById('embed') as HTMLIFrameElement).contentWindow!.postMessage(m, '*'), commandMessage(cmd));
  const embed = page.frameLocator('#embed');
  return { events, send, embed };
}

test('the message API round trip through the iframe: load, goto, play, pause, setSpeed, run', async ({ page, baseURL, browser }) => {
  const rec = await tasksRecording(browser, baseURL!);
  const { events, send, embed } = await hostPage(page, baseURL!);
  await expect.poll(async () => (await events()).map((e) => e.type)).toContain('ready');
  expect((await events()).find((e) => e.type === 'ready')).toEqual({ channel: 'loopscope', version: 1, id: 'ex1', type: 'ready' });

  await send({ type: 'load', recording: rec });
  await expect.poll(async () => (await events()).find((e) => e.type === 'recorded')).toMatchObject({ id: 'ex1', steps: 16, exitStatus: 0 });
  await send({ type: 'goto', step: 5 });
  await expect.poll(async () => (await events()).filter((e) => e.type === 'step').at(-1)).toMatchObject({ k: 5, n: 16, time: 1 });
  await expect(embed.getByTestId('step-counter')).toHaveText('5 / 16');

  await send({ type: 'setSpeed', speed: 3 });
  await expect(embed.getByRole('combobox', { name: 'Playback speed' })).toHaveValue('4');
  await send({ type: 'play' });
  await expect.poll(async () => (await events()).filter((e) => e.type === 'step').at(-1)?.k as number).toBeGreaterThan(5);
  await send({ type: 'pause' });
  await expect(embed.getByRole('button', { name: 'Play' })).toBeVisible();

  // Live: new code, then Run (Python starts now, in the frame).
  const before = (await events()).filter((e) => e.type === 'recorded').length;
  await send({ type: 'load', code: CODE });
  await send({ type: 'run' });
  await expect.poll(async () => (await events()).filter((e) => e.type === 'recorded').length, { timeout: 60_000 }).toBe(before + 1);
  await expect(embed.getByTestId('console').locator('.console-line')).toHaveText(['one', 'two']);

  // A bad command is ignored; a bad recording is an error event.
  await send({ type: 'load', recording: '{"format": "loopscope-recording", "ver' });
  await expect.poll(async () => (await events()).find((e) => e.type === 'error')?.message).toContain('truncated');
});

test('messages from a window other than the parent are ignored (and logged once)', async ({ page, baseURL, browser }) => {
  const rec = await tasksRecording(browser, baseURL!);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().includes('[loopscope]')) warnings.push(m.text());
  });
  const { events, send, embed } = await hostPage(page, baseURL!);
  await expect.poll(async () => (await events()).map((e) => e.type)).toContain('ready');
  await send({ type: 'load', recording: rec });
  await send({ type: 'goto', step: 3 });
  await expect(embed.getByTestId('step-counter')).toHaveText('3 / 16');
  // The stranger's frame relays commands to the embed: its own window is their source.
  for (const step of [9, 10])
    await page.evaluate((m) => (document.getElementById('stranger') as HTMLIFrameElement).contentWindow!.postMessage(m, '*'), commandMessage({ type: 'goto', step }));
  await expect.poll(() => warnings.filter((w) => w.includes('did not come from the page this embed is in')).length).toBe(1);
  await expect(embed.getByTestId('step-counter')).toHaveText('3 / 16');
  expect((await events()).filter((e) => e.type === 'step').map((e) => e.k)).not.toContain(9);
  // Unknown and malformed messages from the parent: ignored, logged once each.
  await page.evaluate(() => {
    const w = (document.getElementById('embed') as HTMLIFrameElement).contentWindow!;
    w.postMessage({ channel: 'loopscope', version: 1, type: 'exec', code: 'x' }, '*');
    w.postMessage({ channel: 'loopscope', version: 1, type: 'exec', code: 'x' }, '*');
  });
  await expect.poll(() => warnings.filter((w) => w.includes("ignored message 'exec'")).length).toBe(1);
  await expect(embed.getByTestId('step-counter')).toHaveText('3 / 16');
});

test('the iframe’s resize messages size its frame, and the embed takes neither the host’s focus nor its scroll', async ({ page, baseURL, browser }) => {
  const rec = await tasksRecording(browser, baseURL!);
  const app = new URL(baseURL!);
  await page.route('**/lesson/tasks.json', (route) => route.fulfill({ body: rec, contentType: 'application/json' }));
  const { events, embed } = await hostPage(page, baseURL!, `#recording=${app.origin}/lesson/tasks.json&embed=1&id=ex1&panels=ready,console`);
  await page.focus('#host-input');
  await page.evaluate(() => scrollTo(0, 120));
  await expect.poll(async () => (await events()).map((e) => e.type), { timeout: 20_000 }).toContain('recorded');
  const last = async () => (await events()).filter((e) => e.type === 'resize').at(-1)?.height as number;
  const frameHeight = () => page.evaluate(() => document.getElementById('embed')!.getBoundingClientRect().height);
  const contentHeight = () => embed.locator('#root').evaluate((el) => Math.ceil(el.getBoundingClientRect().height));
  await expect.poll(async () => [await frameHeight(), await last(), await contentHeight()].join(' '), { timeout: 20_000 }).toMatch(/^(\d+) \1 \1$/);
  expect(await frameHeight()).not.toBe(640);
  // Showing every panel makes the content taller: the frame follows.
  const small = await frameHeight();
  await page.evaluate(() => {
    const f = document.getElementById('embed') as HTMLIFrameElement;
    f.src = f.src.replace('&panels=ready,console', '');
  });
  await expect.poll(async () => [await frameHeight(), await contentHeight()].join(' '), { timeout: 20_000 }).toMatch(/^(\d+) \1$/);
  expect(await frameHeight()).toBeGreaterThan(small + 100);
  // Loading the embed moved neither the host's focus nor its scroll.
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('host-input');
  expect(await page.evaluate(() => scrollY)).toBe(120);
});

test('the host snippet of docs/embedding.md works as written: goto(5) on ready gives step 5, and the frame is sized', async ({ page, baseURL, browser }) => {
  const rec = await tasksRecording(browser, baseURL!);
  const app = new URL(baseURL!);
  const doc = readFileSync(new URL('../docs/embedding.md', import.meta.url), 'utf8');
  const snippet = doc.split('<!-- host-snippet -->')[1].split('```html\n')[1].split('```')[0];
  const html = `<!doctype html><html><head><title>Host</title></head><body>${snippet.replaceAll('https://your-host/loopscope/', app.origin + '/')}</body></html>`;
  const host = `http://127.0.0.1:${app.port}/lesson.html`;
  await page.route(host, (route) => route.fulfill({ body: html, contentType: 'text/html' }));
  await page.route(`${app.origin}/recordings/tasks.json`, (route) => route.fulfill({ body: rec, contentType: 'application/json' }));
  await page.goto(host);
  await expect(page.locator('#tasks-step')).toHaveText('step 5 of 16, t = 1 s');
  const embed = page.frameLocator('#tasks-example');
  await expect(embed.getByTestId('step-counter')).toHaveText('5 / 16');
  await expect(embed.getByTestId('timers')).toHaveCount(0);
  await expect
    .poll(async () => [await page.evaluate(() => document.getElementById('tasks-example')!.getBoundingClientRect().height), await embed.locator('#root').evaluate((el) => Math.ceil(el.getBoundingClientRect().height))].join(' '))
    .toMatch(/^(\d+) \1$/);
});
