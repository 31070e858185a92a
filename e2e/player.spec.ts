// <loopscope-player> and the tutorial page, on the production build.
// Expected counts come from the recordings themselves (replayed here in Node
// with the same TracePlayer and panel data), not from guesses.
import AxeBuilder from '@axe-core/playwright';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { readRecording } from '../src/trace/recording.ts';
import { TracePlayer } from '../src/trace/seek.ts';
import { panelData } from '../src/trace/panel-data.ts';
import { parsePanels } from '../src/embed/api.ts';
import LZString from 'lz-string';

const DIST = join(import.meta.dirname, '..', 'dist');
const RECORDINGS = readdirSync(join(DIST, 'recordings'))
  .filter((f) => f.endsWith('.json'))
  .sort();

/** Requests that mean Python or the editor was loaded. */
const HEAVY = /\/pyodide\/|snapshot-|CodeEditor|editor\.worker|monaco/i;

function replay(file: string): TracePlayer {
  const r = readRecording(readFileSync(join(DIST, 'recordings', file), 'utf8'));
  if (!r.ok) throw new Error(r.error);
  return new TracePlayer(r.recording.trace);
}

const player = (page: Page, src: string) => page.locator(`loopscope-player[src="./recordings/${src}"]`);
const counterOf = (p: Locator) => p.getByTestId('step-counter');

/** Wait until every recorded player shows its run. */
async function openTutorial(page: Page): Promise<string[]> {
  const heavy: string[] = [];
  page.on('request', (r) => {
    if (HEAVY.test(r.url())) heavy.push(r.url());
  });
  await page.goto('/tutorial.html');
  for (const f of RECORDINGS) await expect(counterOf(player(page, f))).toHaveText(new RegExp(`^\\d+ / ${replay(f).steps}$`));
  return heavy;
}

test('the tutorial page opens without one request for Pyodide, the snapshot or Monaco', async ({ page }) => {
  const heavy = await openTutorial(page);
  expect(await page.locator('loopscope-player').count()).toBe(RECORDINGS.length + 1);
  expect(RECORDINGS).toHaveLength(12);
  // Scroll the whole page through: nothing heavy arrives on the way either.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => requestAnimationFrame(r));
    }
  });
  await page.waitForLoadState('networkidle');
  expect(heavy).toEqual([]);
});

test('every player steps forward and back, with the ready queue and the tasks of its recording', async ({ page }) => {
  await openTutorial(page);
  for (const f of RECORDINGS) {
    const tp = replay(f);
    const el = player(page, f);
    const shown = parsePanels(await el.getAttribute('panels')).panels;
    const n = tp.steps;
    const start = Number((await counterOf(el).textContent())!.split(' / ')[0]);
    await el.getByTestId('step-forward').click();
    await expect(counterOf(el)).toHaveText(`${start + 1} / ${n}`);
    await el.getByTestId('step-back').click();
    await expect(counterOf(el)).toHaveText(`${start} / ${n}`);
    for (const k of [1, Math.floor(n / 2), n - 1]) {
      await el.evaluate((e, k) => (e as HTMLElement & { goto(k: number): void }).goto(k), k);
      await expect(counterOf(el)).toHaveText(`${k} / ${n}`);
      const d = panelData(tp, k);
      await expect(el.getByTestId('ready-item'), `${f} ready queue at step ${k}`).toHaveCount(shown.includes('ready') ? d.counts.ready : 0);
      await expect(el.getByTestId('task-item'), `${f} tasks at step ${k}`).toHaveCount(shown.includes('tasks') ? d.counts.tasks : 0);
    }
  }
});

test('the API round trip: goto(5) gives a step event with k = 5; play, pause, setSpeed; a bad command is an error event', async ({ page }) => {
  await openTutorial(page);
  const el = player(page, '07-tasks.json');
  const n = replay('07-tasks.json').steps;
  const ev = await el.evaluate(
    (e) =>
      new Promise<unknown>((resolve) => {
        e.addEventListener('step', (x) => resolve((x as CustomEvent).detail), { once: true });
        (e as HTMLElement & { goto(k: number): void }).goto(5);
      }),
  );
  expect(ev).toMatchObject({ type: 'step', k: 5, n });
  expect(typeof (ev as { time: number }).time).toBe('number');
  await el.evaluate((e) => {
    const p = e as HTMLElement & { setSpeed(x: number): void; play(): void };
    p.setSpeed(7);
    p.play();
  });
  await expect(el.getByTestId('speed')).toHaveValue('8');
  await expect(counterOf(el)).toHaveText(`${n} / ${n}`);
  const err = await el.evaluate(
    (e) =>
      new Promise<unknown>((resolve) => {
        e.addEventListener('error', (x) => resolve((x as CustomEvent).detail), { once: true });
        (e as HTMLElement & { goto(k: unknown): void }).goto('five' as unknown);
      }),
  );
  expect(err).toMatchObject({ type: 'error' });
  // load {recording} with another recording: ready, then recorded with its steps.
  const other = readFileSync(join(DIST, 'recordings', '03-futures.json'), 'utf8');
  const got = await el.evaluate(
    (e, text) =>
      new Promise<unknown[]>((resolve) => {
        const seen: unknown[] = [];
        const steps = (x: Event) => seen.push((x as CustomEvent).detail);
        e.addEventListener('step', steps);
        e.addEventListener('recorded', (x) => (e.removeEventListener('step', steps), resolve([...seen, (x as CustomEvent).detail])), { once: true });
        e.addEventListener('ready', (x) => seen.push((x as CustomEvent).detail), { once: true });
        (e as HTMLElement & { load(w: object): void }).load({ recording: text });
      }),
    other,
  );
  // One step event, for the new run's first step (not the old step first, clamped to the new run).
  const m = replay('03-futures.json').steps;
  expect(got).toEqual([
    { type: 'step', k: 0, n: m, time: 0 },
    { type: 'ready', version: 1 },
    { type: 'recorded', steps: m, exitStatus: 0 },
  ]);
});

test('inline code: Run records live on the page worker, and the run plays', async ({ page }) => {
  await openTutorial(page);
  const live = page.locator('loopscope-player#live');
  await expect(counterOf(live)).toHaveText('0 / 0');
  await live.getByTestId('run').click();
  await expect(counterOf(live)).toHaveText(/^0 \/ [1-9]\d*$/, { timeout: 60_000 });
  await live.getByTestId('play').click();
  await expect(live.getByTestId('console')).toContainText('a is back', { timeout: 30_000 });
  const n = (await counterOf(live).textContent())!.split(' / ')[1];
  await expect(counterOf(live)).toHaveText(`${n} / ${n}`);
  await expect(live.getByTestId('console')).toHaveText('a waits 0.2 sb waits 0.1 sb is backa is back');
});

test('height="auto" fits the content; a number fixes it and scrolls inside', async ({ page }) => {
  await openTutorial(page);
  const el = player(page, '07-tasks.json');
  const fit = () =>
    el.evaluate((e) => {
      const root = e.shadowRoot!.querySelector('.loopscope-root') as HTMLElement;
      return { host: e.getBoundingClientRect().height, root: root.getBoundingClientRect().height, scroll: root.scrollHeight, client: root.clientHeight };
    });
  const auto = await fit();
  expect(auto.scroll).toBeLessThanOrEqual(auto.client + 2); // border
  expect(Math.abs(auto.host - auto.root)).toBeLessThan(1);
  const resized = el.evaluate((e) => new Promise<unknown>((r) => e.addEventListener('resize', (x) => r((x as CustomEvent).detail), { once: true })));
  await el.evaluate((e) => e.setAttribute('height', '240'));
  expect(await resized).toEqual({ type: 'resize', height: 240 });
  const fixed = await fit();
  expect(fixed.host).toBe(240);
  expect(fixed.scroll).toBeGreaterThan(fixed.client);
  await el.evaluate((e) => e.setAttribute('height', 'auto'));
  expect((await fit()).host).toBe(auto.host);
});

test('keyboard only: Tab reaches a player, arrows step, Home/End, Space plays; the page does not scroll', async ({ page }) => {
  await openTutorial(page);
  const el = player(page, '01-call-soon.json');
  const n = replay('01-call-soon.json').steps;
  // Tab from the top of the page to the first player.
  let found = false;
  for (let i = 0; i < 20 && !found; i++) {
    await page.keyboard.press('Tab');
    found = await el.evaluate((e) => e.shadowRoot!.activeElement?.classList.contains('loopscope-root') ?? false);
  }
  expect(found).toBe(true);
  const y = await page.evaluate(() => scrollY);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(counterOf(el)).toHaveText(`2 / ${n}`);
  await page.keyboard.press('ArrowLeft');
  await expect(counterOf(el)).toHaveText(`1 / ${n}`);
  await page.keyboard.press('End');
  await expect(counterOf(el)).toHaveText(`${n} / ${n}`);
  await page.keyboard.press('Home');
  await expect(counterOf(el)).toHaveText(`0 / ${n}`);
  expect(await page.evaluate(() => scrollY)).toBe(y);
  await page.keyboard.press(' ');
  await expect(counterOf(el)).toHaveText(`${n} / ${n}`);
  // The controls are reachable by Tab and work with Enter.
  await page.keyboard.press('Home');
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    if ((await el.evaluate((e) => e.shadowRoot!.activeElement?.getAttribute('data-testid'))) === 'step-forward') break;
  }
  await page.keyboard.press('Enter');
  await expect(counterOf(el)).toHaveText(`1 / ${n}`);
});

test('axe finds no serious or critical violations inside the players, light and dark', async ({ page }) => {
  // Three players that between them show every panel, the console, the narration, Run and Edit
  // (axe over all thirteen players of the tutorial takes minutes on a loaded machine).
  test.setTimeout(180_000);
  await page.route('**/axe.html', (r) =>
    r.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><title>axe</title><body><main>
        <loopscope-player src="./recordings/07-tasks.json"></loopscope-player>
        <loopscope-player src="./recordings/12-echo-server.json" step="20"></loopscope-player>
        <loopscope-player editable><script type="text/x-python">print("hi")</script></loopscope-player>
        </main><script type="module" src="./player.js"></script></body></html>`,
    }),
  );
  await page.goto('/axe.html');
  await expect(counterOf(page.locator('loopscope-player').nth(1))).toHaveText(`20 / ${replay('12-echo-server.json').steps}`);
  await expect(page.locator('loopscope-player').nth(1).getByTestId('network')).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).include('loopscope-player').analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${scheme}: ${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(' | ')}`)).toEqual([]);
  }
});

test('a recording that cannot be read says so plainly, with the reader’s message', async ({ page }) => {
  await page.goto('/tutorial.html');
  const cases: [string, string][] = [
    ['not json', 'this is not JSON'],
    ['newer', JSON.stringify({ format: 'loopscope-recording', version: 99, options: {}, trace: {} })],
  ];
  for (const [name, text] of cases) {
    const want = readRecording(text);
    expect(want.ok, name).toBe(false);
    const shown = await page.evaluate((t) => {
      const el = document.createElement('loopscope-player') as unknown as HTMLElement & { recording: string };
      document.body.prepend(el);
      el.recording = t;
      return el.shadowRoot!.querySelector('[data-testid=player-message]')!.textContent;
    }, text);
    expect(shown, name).toBe((want as { error: string }).error);
  }
  // A src that is not there: this server answers with the app's page, and the reader says what that is.
  const msg = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const el = document.createElement('loopscope-player');
        el.addEventListener('error', (e) => resolve((e as unknown as CustomEvent).detail.message));
        el.setAttribute('src', './recordings/missing.json');
        document.body.prepend(el);
      }),
  );
  expect(msg).toBe((readRecording(readFileSync(join(DIST, 'index.html'), 'utf8')) as { error: string }).error);
});

test('one player alone on a blank page: attributes are reactive, nothing leaks into the page', async ({ page }) => {
  await page.route('**/alone.html', (r) =>
    r.fulfill({ contentType: 'text/html', body: '<!doctype html><title>alone</title><body><loopscope-player src="./recordings/09-gather.json" controls="minimal" panels="tasks,console"></loopscope-player><script type="module" src="./player.js"></script></body>' }),
  );
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/alone.html');
  const el = page.locator('loopscope-player');
  const n = replay('09-gather.json').steps;
  await expect(counterOf(el)).toHaveText(`0 / ${n}`);
  await expect(el.getByTestId('scrubber')).toBeHidden();
  await expect(el.getByTestId('ready-queue')).toBeHidden();
  await el.evaluate((e) => {
    e.setAttribute('controls', 'full');
    e.setAttribute('panels', 'ready,tasks,narration');
    e.setAttribute('step', '4');
    e.setAttribute('theme', 'dark');
  });
  await expect(el.getByTestId('scrubber')).toBeVisible();
  await expect(el.getByTestId('ready-queue')).toBeVisible();
  await expect(el.getByTestId('console')).toBeHidden();
  await expect(counterOf(el)).toHaveText(`4 / ${n}`);
  await expect(el.getByTestId('narration')).not.toBeEmpty();
  expect(await el.evaluate((e) => e.shadowRoot!.querySelector('.loopscope-root')!.getAttribute('data-theme'))).toBe('dark');
  await el.evaluate((e) => e.setAttribute('src', './recordings/03-futures.json'));
  await expect(counterOf(el)).toHaveText(`4 / ${replay('03-futures.json').steps}`);
  // Nothing of the player's styles reaches the page, and focus stayed where it was.
  expect(await page.evaluate(() => [document.styleSheets.length, document.activeElement === document.body])).toEqual([0, true]);
  expect(errors).toEqual([]);
});

test('the plain-HTML snippet of docs/embedding.md works as written', async ({ page, baseURL }) => {
  const doc = readFileSync(join(import.meta.dirname, '..', 'docs', 'embedding.md'), 'utf8');
  const snippet = /<!-- tested: e2e\/player\.spec\.ts[^>]*-->\n```html\n([\s\S]*?)```/.exec(doc)?.[1];
  expect(snippet).toBeTruthy();
  // The snippet expects the build under /loopscope/ on the author's site.
  await page.route('**/loopscope/**', async (r) => r.fulfill({ response: await r.fetch({ url: r.request().url().replace('/loopscope/', '/') }) }));
  await page.route('**/lesson.html', (r) => r.fulfill({ contentType: 'text/html', body: `<!doctype html><title>lesson</title><body><h1>A lesson</h1>${snippet}</body>` }));
  await page.goto(new URL('/lesson.html', baseURL).href);
  const [recorded, inline] = [page.locator('loopscope-player').first(), page.locator('loopscope-player').nth(1)];
  const n = replay('07-tasks.json').steps;
  await expect(counterOf(recorded)).toHaveText(`12 / ${n}`); // the recording's own start step
  await recorded.getByTestId('step-forward').click();
  await expect(counterOf(recorded)).toHaveText(`13 / ${n}`);
  await expect(recorded.getByTestId('task-item')).toHaveCount(panelData(replay('07-tasks.json'), 13).counts.tasks);
  await expect(inline.getByTestId('run')).toBeVisible();
  await expect(inline.getByTestId('edit')).toBeVisible();
  await expect(inline.getByTestId('code')).toContainText('asyncio.run(main())');
  expect(await inline.getByTestId('code').locator('.ln').first().textContent()).toBe('1import asyncio');
});

test('Edit opens the playground with the code and step: in a new tab by default, in place with editable="inline"; the recording property loads', async ({ page }) => {
  await page.route('**/edit.html', (r) =>
    r.fulfill({ contentType: 'text/html', body: '<!doctype html><body><loopscope-player editable></loopscope-player><script type="module" src="./player.js"></script></body>' }),
  );
  await page.goto('/edit.html');
  const el = page.locator('loopscope-player');
  const rec = JSON.parse(readFileSync(join(DIST, 'recordings', '05-async-def.json'), 'utf8'));
  await el.evaluate((e, r) => ((e as unknown as { recording: object }).recording = r), rec);
  const n = replay('05-async-def.json').steps;
  await expect(counterOf(el)).toHaveText(`0 / ${n}`);
  await el.getByTestId('step-forward').click();
  const [popup] = await Promise.all([page.waitForEvent('popup'), el.getByTestId('edit').click()]);
  const url = new URL(popup.url());
  await popup.close();
  expect(url.pathname).toBe('/index.html');
  const params = new URLSearchParams(url.hash.slice(1));
  expect(LZString.decompressFromEncodedURIComponent(params.get('code')!)).toBe(rec.trace.meta.source);
  expect(params.get('step')).toBe('1');
  // In place: the replay gives way to the playground in embed mode, in a frame.
  await el.evaluate((e) => e.setAttribute('editable', 'inline'));
  await el.getByTestId('edit').click();
  const frame = el.locator('iframe');
  await expect(frame).toHaveAttribute('src', /\/index\.html#embed=1&code=/);
  await expect(el.getByTestId('step-forward')).toBeHidden();
});
