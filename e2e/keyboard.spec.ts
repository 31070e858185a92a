import AxeBuilder from '@axe-core/playwright';
import { test, expect, openFresh, counter, appState, waitForRuns } from './fixtures.ts';

test('keyboard shortcuts: Ctrl+Enter, arrows, Shift+arrows, Home/End, Space', async ({ page }) => {
  await openFresh(page);
  await page.locator('.monaco-editor').click();
  await page.keyboard.press('Control+Enter');
  await waitForRuns(page, 2);
  await page.keyboard.press('Escape'); // leave the editor
  await page.keyboard.press('Home');
  expect(await counter(page)).toBe('0 / 16');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await counter(page)).toBe('2 / 16');
  await page.keyboard.press('ArrowLeft');
  expect(await counter(page)).toBe('1 / 16');
  await page.keyboard.press('Shift+ArrowRight');
  expect(await counter(page)).toBe('3 / 16');
  await page.keyboard.press('End');
  expect(await counter(page)).toBe('16 / 16');
  await page.keyboard.press('Home');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-label', 'Pause');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-label', 'Play');
  expect((await appState(page)).playing).toBe(false);
  // Playing runs to the end by itself.
  await page.getByTestId('play').click();
  await expect(page.getByTestId('step-counter')).toHaveText('16 / 16', { timeout: 30_000 });
});

test('keyboard-only use: Tab reaches Run, which runs; the controls are reachable', async ({ page }) => {
  await openFresh(page);
  const seen: string[] = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.getAttribute('aria-label') ?? '');
    seen.push(id);
    if (id === 'run') break;
  }
  expect(seen).toContain('run');
  await page.keyboard.press('Enter');
  await waitForRuns(page, 2);
  // Tab on to the step-back button (forward ones are disabled at the end) and use it.
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() =>
      document.activeElement?.closest('.monaco-editor') ? 'editor' : document.activeElement?.getAttribute('data-testid'),
    );
    // Tab indents inside the editor; Escape leaves it (as its aria label says).
    if (where === 'editor') await page.keyboard.press('Escape');
    found = where === 'step-back';
  }
  expect(found).toBe(true);
  await page.keyboard.press('Enter');
  expect(await counter(page)).toBe('15 / 16');
});

test('accessibility: axe finds no serious or critical violations', async ({ page }) => {
  await openFresh(page);
  await page.locator('.monaco-editor').waitFor();
  for (const theme of ['first', 'second']) {
    const results = await new AxeBuilder({ page }).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(bad.map((v) => `${theme} theme: ${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    await page.getByRole('button', { name: /Switch to (light|dark) theme/ }).click();
  }
});
