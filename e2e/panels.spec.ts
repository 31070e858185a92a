import { test, expect, openFresh, setCode, waitForRuns } from './fixtures.ts';

// An automation that counts items right after a step, before any transition
// has finished, must see exactly the state of that step: elements that leave
// give up their data-testid at once. (With motion on: the default context.)
test('right after each step, the counted items are exactly the queue, the timers and the tasks', async ({ page }) => {
  await openFresh(page);
  await page.getByRole('button', { name: 'Jump to start' }).click();
  const seen = await page.evaluate(async () => {
    const n = (window as unknown as { __loopscope: { state(): { n: number } } }).__loopscope.state().n;
    const count = (panel: string, id: string) => document.querySelectorAll(`[data-testid="${panel}"] [data-testid="${id}"]`).length;
    const badge = (panel: string) => Number(document.querySelector(`[data-testid="${panel}"] .panel-count`)?.textContent ?? -1);
    const rows: string[] = [];
    for (let k = 1; k <= n; k++) {
      (document.querySelector('[data-testid="step-forward"]') as HTMLButtonElement).click();
      // The frame of step k is committed (the panels draw in the same commit), then count at once.
      await new Promise<void>((resolve) => {
        const f = () => (document.documentElement.dataset.frame === `${n}:${k}` ? resolve() : requestAnimationFrame(f));
        f();
      });
      rows.push(
        `${k}: ready ${count('ready-queue', 'ready-item')}/${badge('ready-queue')} timers ${count('timers', 'timer-item')}/${badge('timers')} ` +
          `tasks ${count('tasks', 'task-item')}/${badge('tasks')} running ${count('ready-queue', 'running')}/1`,
      );
    }
    return rows;
  });
  expect(seen.length).toBe(16);
  for (const row of seen) {
    const [, k, ready, readyWant, timers, timersWant, tasks, tasksWant, running, runningWant] = /^(\d+): ready (\d+)\/(\d+) timers (\d+)\/(\d+) tasks (\d+)\/(\d+) running (\d+)\/(\d+)$/.exec(row)!;
    expect([k, ready, timers, tasks, running], row).toEqual([k, readyWant, timersWant, tasksWant, runningWant]);
  }
});

// The classic pitfall: ten tasks each calling time.sleep(1). Their stretches
// touch on the timer axis; their labels must not overlap into a smear.
test('ten blocking calls in a row: ten stretches, labels that do not overlap, each stretch named on hover', async ({ page }) => {
  await openFresh(page);
  const code = [
    'import asyncio',
    'import time',
    '',
    '',
    'async def worker(n):',
    '    time.sleep(1)',
    '',
    '',
    'async def main():',
    '    await asyncio.gather(*(worker(n) for n in range(10)))',
    '',
    '',
    'asyncio.run(main())',
    '',
  ].join('\n');
  await setCode(page, code);
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  const timers = page.getByTestId('timers');
  await expect(timers.getByTestId('timer-block')).toHaveCount(10);
  for (const width of [1440, 760]) {
    await page.setViewportSize({ width, height: 900 });
    // Wait for the panel to redraw at the new width.
    await expect.poll(async () => Number(await timers.locator('svg').first().getAttribute('width'))).toBeLessThan(width);
    // Every label on the axis that speaks of the loop being blocked.
    const boxes = await timers.locator('svg text', { hasText: 'blocked' }).evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return [r.left, r.right];
      }),
    );
    boxes.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < boxes.length; i++) expect(boxes[i][0]).toBeGreaterThanOrEqual(boxes[i - 1][1]);
    expect(boxes.length).toBeLessThanOrEqual(1);
    const titles = await timers.locator('[data-testid="timer-block"] title').allTextContents();
    expect(titles).toHaveLength(10);
    for (const t of titles) expect(t).toBe('time.sleep(1): the loop could run nothing for 1 s');
  }
});
