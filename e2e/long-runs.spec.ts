// Long runs keep what they recorded: a program of 10^7 steps, opened from a
// link, stops at the page's step cap, plays up to where it stopped, names the
// cap on its last step, and leaves the page responsive.
import LZString from 'lz-string';
import { test, expect, appState } from './fixtures.ts';

const TEN_MILLION_STEPS = `import asyncio

async def main():
    for i in range(10 ** 7):
        await asyncio.sleep(0)
    print("never printed")

asyncio.run(main())
`;

test('a 10^7-step program from a link stops at the step cap and keeps every step it recorded', async ({ page }) => {
  test.setTimeout(240_000); // 200,000 steps take 10-40 s on a busy 2-core machine
  await page.goto(`/#code=${LZString.compressToEncodedURIComponent(TEN_MILLION_STEPS)}`);
  await expect.poll(async () => (await appState(page)).runs, { timeout: 200_000 }).toBe(1);
  const st = await appState(page);
  expect(st.n).toBe(200_000); // RUN_LIMITS.maxSteps in src/state/store.ts
  // The last step names the cap.
  expect(st.k).toBe(st.n);
  await expect(page.getByTestId('limit-note')).toContainText('Run ended early: the step limit was reached');
  await expect(page.getByTestId('narration')).toContainText('the run hit its steps limit');
  await expect(page.getByTestId('console')).toContainText('Loopscope stopped the program: the step limit was reached.');
  // Every step plays: back from the end, to the start, and forward again.
  await page.getByTestId('step-back').click();
  await expect(page.getByTestId('step-counter')).toHaveText('199999 / 200000');
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await expect(page.getByTestId('step-counter')).toHaveText('0 / 200000');
  await page.getByTestId('step-forward').click();
  await expect(page.getByTestId('step-counter')).toHaveText('1 / 200000');
  await page.getByTestId('scrubber').fill('150000');
  await expect(page.getByTestId('step-counter')).toHaveText('150000 / 200000');
  await expect(page.getByTestId('narration')).toContainText('Task-1');
});
