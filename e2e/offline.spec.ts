// Offline after the first visit (src/sw.ts, src/offline.ts, docs/offline.md):
// one visit installs the service worker once Python is ready; then, with the
// network off, a reload opens the page, the editor and Python (from the
// memory snapshot, checked as usual) and runs a program.
import { test, expect, waitForRuns, setCode, stdoutLines } from './fixtures.ts';

test.use({ serviceWorkers: 'allow' });

test('after one visit, the page reloads and runs a program with the network off', async ({ page, context }) => {
  const log: string[] = [];
  page.on('console', (m) => log.push(`${m.type()}: ${m.text()}`));
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await waitForRuns(page, 1);
  // Said once, quietly, when everything is kept.
  await expect(page.getByTestId('notice')).toContainText('works offline', { timeout: 60_000 });
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
  const cached = await page.evaluate(async () => {
    const names = await caches.keys();
    const urls = (await Promise.all(names.map(async (n) => (await (await caches.open(n)).keys()).map((r) => new URL(r.url).pathname)))).flat();
    return { names, urls };
  });
  expect(cached.names).toHaveLength(1);
  for (const want of [/^\/index\.html/, /^\/assets\/CodeEditor-.+\.js$/, /^\/assets\/worker-.+\.js$/, /^\/pyodide\/pyodide\.asm\.wasm/, /^\/pyodide\/python_stdlib\.zip/, /^\/pyodide\/snapshot-[0-9a-f]+\.bin\.gz$/])
    expect(cached.urls.some((u) => want.test(u)), `${want} cached`).toBe(true);

  await context.setOffline(true);
  log.length = 0;
  await page.reload();
  await waitForRuns(page, 1);
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  await setCode(page, 'import asyncio\nasync def main():\n    await asyncio.sleep(2)\n    print("offline", asyncio.get_running_loop().time())\nasyncio.run(main())\n');
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await expect.poll(() => stdoutLines(page)).toEqual(['offline 2.0']);
  // Python came from the snapshot the service worker kept (decoded, then checked), not a plain load.
  expect(log.join('\n')).toContain('from the memory snapshot');
  expect(log.join('\n')).not.toMatch(/snapshot failed|plain load/);
  // Once: a later visit does not say it again.
  await expect(page.getByTestId('notice')).toHaveCount(0);
});
