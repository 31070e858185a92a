import { test, expect, openFresh, counter } from './fixtures.ts';

// The opening example (07-tasks: main creates tasks A and B computing factorials
// with asyncio.sleep(1)) stepped through; expected states follow its trace.
test('stepping forward and back changes the panels as the trace says', async ({ page }) => {
  await openFresh(page);
  await expect(page.getByLabel('Examples')).toHaveValue('07-tasks');
  const ready = page.getByTestId('ready-queue').getByTestId('ready-item');
  const timers = page.getByTestId('timers').getByTestId('timer-item');
  const futures = page.getByTestId('futures').getByTestId('future-item');
  const task = (name: string) => page.getByTestId('tasks').locator(`[data-testid="task-item"][data-name="${name}"]`);

  await page.getByTestId('step-back').waitFor();
  // Run lands on the last step; go to the start.
  await page.getByRole('button', { name: 'Jump to start' }).click();
  expect(await counter(page)).toMatch(/^0 \/ 16$/);
  await expect(ready).toHaveCount(1);
  await expect(ready.first()).toContainText('Task-1: step main()');
  await expect(timers).toHaveCount(0);
  await expect(task('Task-1')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('clock')).toHaveText('t = 0.000 s');

  await page.getByTestId('step-forward').click();
  expect(await counter(page)).toBe('1 / 16');
  await expect(ready).toHaveCount(2);
  await expect(task('Task-1')).toHaveAttribute('data-state', 'running');
  await expect(task('A')).toHaveAttribute('data-state', 'ready');
  await expect(task('B')).toHaveAttribute('data-state', 'ready');

  await page.getByTestId('step-forward').click();
  expect(await counter(page)).toBe('2 / 16');
  await expect(ready).toHaveCount(1);
  await expect(timers).toHaveCount(1);
  await expect(futures).toHaveCount(1);
  await expect(futures.first()).toHaveAttribute('data-state', 'pending');
  await expect(task('Task-1')).toHaveAttribute('data-state', 'waiting');
  await expect(task('A')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('narration')).toContainText('A ran factorial() until it awaited Future-1');

  // Step 3: B sleeps too; nothing is ready, the clock jumps to 1 s and both timers fall due.
  await page.getByTestId('step-forward').click();
  expect(await counter(page)).toBe('3 / 16');
  await expect(timers).toHaveCount(0);
  await expect(ready).toHaveCount(2);
  await expect(futures).toHaveCount(2);
  await expect(page.getByTestId('clock')).toHaveText('t = 1.000 s');
  await expect(page.getByTestId('narration')).toContainText('clock jumped');

  await page.getByTestId('step-forward').click();
  expect(await counter(page)).toBe('4 / 16');
  await expect(page.getByTestId('futures').locator('[data-testid="future-item"][data-state="done"]')).toHaveCount(1);
  await expect(task('A')).toHaveAttribute('data-state', 'ready');

  // And back again: the same states as before.
  await page.getByTestId('step-back').click();
  await page.getByTestId('step-back').click();
  expect(await counter(page)).toBe('2 / 16');
  await expect(timers).toHaveCount(1);
  await expect(ready).toHaveCount(1);
  await expect(futures).toHaveCount(1);
  await expect(task('A')).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('clock')).toHaveText('t = 0.000 s');

  // The end: every task done, the queue empty, the console complete.
  await page.getByRole('button', { name: 'Jump to end' }).click();
  expect(await counter(page)).toBe('16 / 16');
  await expect(ready).toHaveCount(0);
  await expect(page.getByTestId('tasks').locator('[data-testid="task-item"][data-state="done"]')).toHaveCount(5);
  await expect(page.getByTestId('futures').locator('[data-testid="future-item"][data-state="done"]')).toHaveCount(3);
  await expect(page.getByTestId('clock')).toHaveText('t = 2.000 s');
});

test('step by loop iteration and console click jumps to the printing step', async ({ page }) => {
  await openFresh(page);
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await page.getByRole('button', { name: 'Forward one loop iteration' }).click();
  expect(await counter(page)).toBe('1 / 16'); // iteration 1 runs main's first step only
  await page.getByRole('button', { name: 'Forward one loop iteration' }).click();
  expect(await counter(page)).toBe('3 / 16'); // iteration 2 runs A and B
  await page.getByRole('button', { name: 'Back one loop iteration' }).click();
  expect(await counter(page)).toBe('1 / 16');
  await page.getByRole('button', { name: 'Jump to end' }).click();
  await page.locator('[data-testid="console"] .console-line', { hasText: 'Task B: compute factorial(3)' }).click();
  expect(await counter(page)).toBe('7 / 16');
  await expect(page.locator('[data-testid="console"] .console-line[data-fd="1"]')).toHaveCount(4);
});

test('blocking time.sleep is drawn as a stalled stretch; cancelled timers are struck out', async ({ page }) => {
  await openFresh(page);
  await page.getByLabel('Examples').selectOption('08-blocking-sleep');
  await expect(page.getByTestId('timers').getByTestId('timer-block')).toHaveCount(1);
  await page.getByLabel('Examples').selectOption('12-timeouts');
  await expect.poll(async () => (await page.evaluate(() => (window as any).__loopscope.state())).runs).toBeGreaterThanOrEqual(3);
  // Walk the run until a cancelled timer shows (wait_for cancels slow_answer's sleep).
  await page.getByRole('button', { name: 'Jump to start' }).click();
  let seen = false;
  for (let i = 0; i < 40 && !seen; i++) {
    await page.getByTestId('step-forward').click();
    seen = (await page.getByTestId('timers').getByTestId('timer-cancelled').count()) > 0;
  }
  expect(seen).toBe(true);
});
