import { test, expect, waitForRuns, setCode, appState } from './fixtures.ts';

test('autosave: a reload restores the work', async ({ page }) => {
  await page.goto('/');
  await waitForRuns(page, 1);
  const code = 'import asyncio\n# autosaved edit\nprint("saved")\n';
  await setCode(page, code);
  await expect.poll(() => page.evaluate(() => localStorage.getItem('loopscope:code'))).toBe(code);
  await page.reload();
  await expect(page.getByTestId('editor')).toContainText('autosaved edit');
  expect(await page.evaluate(() => (window as any).__loopscope.getCode())).toBe(code);
});

test('Stop ends a runaway program; the page stays responsive and Python comes back', async ({ page }) => {
  await page.goto('/');
  await waitForRuns(page, 1);
  await setCode(page, 'while True:\n    pass\n');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('stop')).toBeEnabled();
  // The page still answers while Python spins.
  await page.getByRole('button', { name: /Switch to (light|dark) theme/ }).click();
  await page.getByTestId('stop').click();
  await expect(page.getByTestId('notice')).toContainText('Stopped');
  expect(await page.evaluate(() => (window as any).__loopscope.getCode())).toContain('while True');
  await expect.poll(async () => (await appState(page)).phase, { timeout: 60_000 }).toBe('ready');
  await setCode(page, 'print("alive")\n');
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await expect(page.locator('[data-testid="console"] .console-line[data-fd="1"]')).toHaveText(['alive']);
});

test('a syntax error is marked at its line', async ({ page }) => {
  await page.goto('/');
  await waitForRuns(page, 1);
  await page.locator('.monaco-editor').waitFor();
  await setCode(page, 'import asyncio\n\ndef broken(:\n    pass\n');
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await expect(page.locator('.monaco-editor .ls-error-glyph')).toHaveCount(1);
  await expect(page.locator('.monaco-editor .squiggly-error').first()).toBeAttached();
  await expect(page.getByTestId('console')).toContainText('SyntaxError');
  // The marked line is line 3.
  const top = await page.locator('.monaco-editor .ls-error-line').first().evaluate((el) => el.parentElement?.style.top ?? (el as HTMLElement).style.top);
  const line3 = await page.locator('.monaco-editor .view-line').nth(2).evaluate((el) => (el as HTMLElement).style.top);
  expect(top).toBe(line3);
});

test('an uncaught exception is marked at its line', async ({ page }) => {
  await page.goto('/');
  await waitForRuns(page, 1);
  await page.locator('.monaco-editor').waitFor();
  await setCode(page, 'import asyncio\n\nasync def main():\n    raise ValueError("boom")\n\nasyncio.run(main())\n');
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await expect(page.getByTestId('console')).toContainText('ValueError: boom');
  await expect(page.locator('.monaco-editor .ls-error-glyph').first()).toBeAttached();
});

test('huge output is capped with a note', async ({ page }) => {
  await page.goto('/');
  await waitForRuns(page, 1);
  await setCode(page, 'for i in range(100000):\n    print("line", i, "x" * 40)\n');
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await expect(page.getByTestId('console')).toContainText(/capped/);
});
