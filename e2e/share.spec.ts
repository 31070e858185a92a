import LZString from 'lz-string';
const { compressToEncodedURIComponent } = LZString;
import { test, expect, waitForRuns, counter, setCode, appState, ONE_TWO as CODE } from './fixtures.ts';


test('a share link loads the code, runs it and shows the step', async ({ page }) => {
  await page.goto(`/#code=${compressToEncodedURIComponent(CODE)}&step=2`);
  await waitForRuns(page, 1);
  const st = await appState(page);
  expect(await counter(page)).toBe(`2 / ${st.n}`);
  expect(await page.evaluate(() => (window as any).__loopscope.getCode())).toBe(CODE);
  await expect(page.locator('[data-testid="console"] .console-line[data-fd="1"]')).toHaveText(['one']);
});

test('Copy link round trip: the link reopens the same code at the same step', async ({ page, context }) => {
  await page.goto('/');
  await waitForRuns(page, 1);
  await setCode(page, CODE);
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await page.getByTestId('step-forward').click();
  await page.getByTestId('step-forward').click();
  await page.getByTestId('step-forward').click();
  const k = await counter(page);
  await page.getByTestId('copy-link').click();
  await expect(page).toHaveURL(/#code=.+&step=3$/);
  const url = page.url();
  const other = await context.newPage();
  await other.goto(url);
  await waitForRuns(other, 1);
  expect(await counter(other)).toBe(k);
  expect(await other.evaluate(() => (window as any).__loopscope.getCode())).toBe(CODE);
});

test('a broken or truncated link says so and loses nothing', async ({ page }) => {
  await page.goto('/');
  await waitForRuns(page, 1);
  await setCode(page, '# my precious work\nprint("hi")\n');
  await expect.poll(() => page.evaluate(() => localStorage.getItem('loopscope:code'))).toContain('precious');
  const good = compressToEncodedURIComponent(CODE);
  await page.goto(`/#code=${good.slice(0, Math.floor(good.length / 2))}`);
  await page.reload();
  await expect(page.getByTestId('notice')).toContainText(/broken or truncated/);
  expect(await page.evaluate(() => (window as any).__loopscope.getCode())).toContain('my precious work');
});
