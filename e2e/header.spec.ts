import { test, expect } from './fixtures.ts';

// The top bar keeps its rows while Python loads: the long loading text ("Run queued — Loading
// Python (WebAssembly, 9.6 MB)…") is cut to the room the bar has, whole in its title. It used to
// push the theme button onto a second row at 1440 px and a third at 760 px, and the bar jumped back
// when Python was ready.
for (const width of [1440, 760]) {
  test(`at ${width} px the top bar is as tall while Python loads as when it is ready`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    let release: () => void = () => {};
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/pyodide/pyodide.asm.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto('/');
    const status = page.getByTestId('python-status');
    await expect(status).toHaveAttribute('data-phase', 'loading');
    await page.getByTestId('run').click(); // the longest text: a run queued behind the load
    await expect(status).toHaveAttribute('data-queued', 'true');
    const bar = page.locator('header.topbar');
    const loading = (await bar.boundingBox())!.height;
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    const title = await status.locator('span').getAttribute('title');
    release();
    await expect(status).toHaveAttribute('data-phase', 'ready', { timeout: 60_000 });
    await expect(status).toHaveAttribute('data-queued', 'false', { timeout: 60_000 });
    expect((await bar.boundingBox())!.height).toBe(loading);
    expect(title).toMatch(/^Run queued — Loading Python/); // the whole text, where the bar cuts it
  });
}
