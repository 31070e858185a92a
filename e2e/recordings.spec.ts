// Recordings in the playground: open one (drop, "Open recording", #recording=),
// save the current run as one; bad files say why and lose nothing.
import type { Page } from '@playwright/test';
import { test, expect, appState, counter, openFresh, setCode, stdoutLines } from './fixtures.ts';
import { downloadRecording, tasksRecording, withOptions } from './recording-fixture.ts';

const MINE = '# my own work\nprint("mine")\n';
const getCode = (page: Page) => page.evaluate(() => (window as unknown as { __loopscope: { getCode(): string } }).__loopscope.getCode());
const saved = (page: Page) => page.evaluate(() => localStorage.getItem('loopscope:code'));
const frame = (page: Page) => page.evaluate(() => document.documentElement.dataset.frame);

/** Drop a file on the page as a reader would. */
async function drop(page: Page, name: string, text: string) {
  const dt = await page.evaluateHandle(
    ({ name, text }) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], name, { type: 'application/json' }));
      return dt;
    },
    { name, text },
  );
  await page.dispatchEvent('.workspace', 'dragenter', { dataTransfer: dt });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await page.dispatchEvent('.workspace', 'dragover', { dataTransfer: dt });
  await page.dispatchEvent('.workspace', 'drop', { dataTransfer: dt });
  await expect(page.getByTestId('drop-overlay')).toHaveCount(0);
}

/** The playground with the reader's own autosaved code. */
async function withMyWork(page: Page) {
  await openFresh(page);
  await setCode(page, MINE);
  await expect.poll(() => saved(page)).toBe(MINE);
}

test('Download recording saves the run; dropping it opens its code and run without running Python, at the author’s step, panels and speed', async ({ page, browser, baseURL }) => {
  await openFresh(page);
  const source = await getCode(page);
  const { name, text } = await downloadRecording(page);
  expect(name).toBe('tasks-running-coroutines-concurrently.json');
  const json = JSON.parse(text);
  expect(json).toMatchObject({ format: 'loopscope-recording', version: 1, title: 'Tasks: running coroutines concurrently', options: { step: 16 } });
  expect(json.trace.meta.source).toBe(source);

  await setCode(page, MINE);
  await expect.poll(() => saved(page)).toBe(MINE);
  const rec = withOptions(await tasksRecording(browser, baseURL!), { step: 5, panels: ['ready', 'tasks', 'console'], speed: 2 });
  await drop(page, 'lesson.json', rec);
  await expect.poll(() => frame(page)).toBe('16:5');
  expect(await getCode(page)).toBe(source);
  expect((await appState(page)).runs).toBe(1); // the opening example's run only
  expect(await counter(page)).toBe('5 / 16');
  await expect(page.getByTestId('ready-queue')).toBeVisible();
  await expect(page.getByTestId('tasks')).toBeVisible();
  await expect(page.getByTestId('timers')).toHaveCount(0);
  await expect(page.getByTestId('futures')).toHaveCount(0);
  await expect(page.getByTestId('narration')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Playback speed' })).toHaveValue('2');
  await expect(page.getByTestId('recording-info').or(page.getByTestId('example-info'))).toBeVisible();
  expect(await stdoutLines(page)).toEqual(['Task A: compute factorial(2)...', 'Task B: compute factorial(2)...']);
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveAttribute('data-kind', 'recording');
  await expect(notice).toContainText('its author shows the ready, tasks, console panels');
  // The reader's own autosaved work is untouched by a recording's code.
  await page.getByTestId('step-forward').click();
  expect(await saved(page)).toBe(MINE);
  await page.getByTestId('all-panels').click();
  await expect(page.getByTestId('timers')).toBeVisible();
  await expect(page.getByTestId('narration')).toBeVisible();
});

test('#recording=<same-origin URL> opens the recording in the playground without a run', async ({ page, browser, baseURL }) => {
  const rec = withOptions(await tasksRecording(browser, baseURL!), { step: 7 });
  await page.route('**/lessons/tasks.json', (route) => route.fulfill({ body: rec, contentType: 'application/json' }));
  await page.goto('/#recording=lessons/tasks.json');
  await expect.poll(() => frame(page)).toBe('16:7');
  expect((await appState(page)).runs).toBe(0);
  expect(await getCode(page)).toBe(JSON.parse(rec).trace.meta.source);
  // A link's step wins over the author's.
  await page.goto('/#recording=lessons/tasks.json&step=3');
  await page.reload();
  await expect.poll(() => frame(page)).toBe('16:3');
});

test('#recording= of another origin, or one the server does not have, is refused with a message; nothing is lost', async ({ page }) => {
  await withMyWork(page);
  await page.goto('/#recording=' + encodeURIComponent('http://127.0.0.1:9/tasks.json'));
  await page.reload();
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveAttribute('data-kind', 'bad-recording');
  await expect(notice).toContainText('another site than this page');
  await expect(notice).toContainText('Nothing was changed');
  expect(await getCode(page)).toBe(MINE);
  expect(await saved(page)).toBe(MINE);

  // A server answers a missing file with an error, or (vite preview, many static hosts) with the app's page.
  await page.route('**/gone/recording.json', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto('/#recording=gone/recording.json');
  await page.reload();
  await expect(notice).toContainText('Could not open the recording recording.json: the server answered 404');
  expect(await getCode(page)).toBe(MINE);
  await page.goto('/#recording=no-such/recording.json');
  await page.reload();
  await expect(notice).toContainText('Could not open the recording recording.json. The file is an HTML page, not a recording');
  expect(await getCode(page)).toBe(MINE);
});

for (const [what, make, says] of [
  ['a truncated file', (t: string) => t.slice(0, Math.floor(t.length / 2)), 'The recording is truncated'],
  ['a newer version', (t: string) => JSON.stringify({ ...JSON.parse(t), version: 99 }), 'made by a newer Loopscope (recording version 99'],
  ['a trace of a newer version', (t: string) => { const j = JSON.parse(t); j.trace.version = 99; return JSON.stringify(j); }, 'holds a trace of version 99'],
  ['a file that is not JSON', () => 'def main():\n    pass\n', 'it is not JSON'],
] as const) {
  test(`dropping ${what} says why and loses nothing`, async ({ page, browser, baseURL }) => {
    const good = await tasksRecording(browser, baseURL!);
    await withMyWork(page);
    const before = await frame(page);
    await drop(page, 'bad.json', make(good));
    const notice = page.getByTestId('notice');
    await expect(notice).toHaveAttribute('data-kind', 'bad-recording');
    await expect(notice).toContainText('Could not open bad.json.');
    await expect(notice).toContainText(says);
    await expect(notice).toContainText('Nothing was changed: your code is as you left it.');
    expect(await getCode(page)).toBe(MINE);
    expect(await saved(page)).toBe(MINE);
    expect(await frame(page)).toBe(before);
  });
}

test('"Open recording" opens a file chosen with the file picker', async ({ page, browser, baseURL }) => {
  const rec = withOptions(await tasksRecording(browser, baseURL!), { step: 2 });
  await openFresh(page);
  await setCode(page, MINE);
  await page.getByTestId('open-recording').setInputFiles({ name: 'tasks.json', mimeType: 'application/json', buffer: Buffer.from(rec) });
  await expect.poll(() => frame(page)).toBe('16:2');
  expect(await getCode(page)).toBe(JSON.parse(rec).trace.meta.source);
});
