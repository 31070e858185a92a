import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, waitForRuns, appState, stdoutLines } from './fixtures.ts';

const DIR = join(import.meta.dirname, '../src/examples');
const examples = readdirSync(DIR)
  .filter((f) => f.endsWith('.py'))
  .map((f) => f.replace(/\.py$/, ''))
  .sort();

// One page, every example in turn: pick it in the gallery, it runs, and the
// console's stdout equals what CPython printed (the sibling .out file).
const half = Math.ceil(examples.length / 2);
for (const [part, list] of [examples.slice(0, half), examples.slice(half)].entries()) {
  test(`gallery examples part ${part + 1}: console equals CPython (${list.join(', ')})`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/');
    await waitForRuns(page, 1);
    for (const id of list) {
      await test.step(id, async () => {
        const before = (await appState(page)).runs;
        await page.getByLabel('Examples').selectOption(id);
        await waitForRuns(page, before + 1);
        await expect(page.getByTestId('example-info')).toBeVisible();
        const expected = readFileSync(join(DIR, `${id}.out`), 'utf8').replace(/\n$/, '').split('\n');
        expect(await stdoutLines(page), `${id}: stdout`).toEqual(expected);
        const st = await appState(page);
        expect(await page.getByTestId('step-counter').textContent()).toBe(`${st.n} / ${st.n}`);
      });
    }
  });
}

test('the never-awaited example warns on stderr, as CPython does', async ({ page }) => {
  await page.goto('/');
  await waitForRuns(page, 1);
  await page.getByLabel('Examples').selectOption('09-never-awaited');
  await waitForRuns(page, 2);
  await expect(page.locator('[data-testid="console"] .console-line[data-fd="2"]').first()).toContainText(
    "coroutine 'sleep' was never awaited",
  );
});
