import LZString from 'lz-string';
import { test, expect, waitForRuns } from './fixtures.ts';

// Monaco (a 3.3 MB chunk) loads after the first run's frame, not during Python's start-up,
// and at once when the reader reaches for the editor (src/ui/editor/when.ts).

const CODE = `import asyncio

async def main():
    print("hello")
    await asyncio.sleep(1)

asyncio.run(main())
`;
const LINK = `/#code=${LZString.compressToEncodedURIComponent(CODE)}&step=1`;

test('a share link: the code shows as text at once; Monaco is asked for only after the run is shown', async ({ page }) => {
  await page.goto(LINK);
  await expect(page.locator('.editor-fallback')).toContainText('print("hello")');
  await waitForRuns(page, 1);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('print("hello")');
  // The editor's chunk was requested after the result had arrived.
  const order = await page.evaluate(() => {
    const result = performance.getEntriesByName('loopscope:result')[0]?.startTime;
    const chunk = performance.getEntriesByType('resource').find((e) => /\/CodeEditor-[^/]*\.js$/.test(e.name))?.startTime;
    return { result, chunk };
  });
  expect(order.result).toBeDefined();
  expect(order.chunk).toBeDefined();
  expect(order.chunk!).toBeGreaterThan(order.result!);
});

test('while Python loads, reaching for the code loads the editor at once, with the focus in it', async ({ page }) => {
  // Hold Pyodide's WebAssembly back: Python cannot be ready, no run can finish.
  let release: () => void = () => {};
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/pyodide/pyodide.asm.wasm', async (route) => {
    await held;
    await route.continue();
  });
  const editorChunk: string[] = [];
  page.on('request', (r) => {
    if (/\/CodeEditor-[^/]*\.js$/.test(r.url())) editorChunk.push(r.url());
  });
  await page.goto(LINK);
  const text = page.locator('.editor-fallback');
  await expect(text).toContainText('print("hello")');
  expect(await page.locator('.monaco-editor').count()).toBe(0);
  expect(editorChunk).toEqual([]);
  await text.click();
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('print("hello")');
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.closest('.monaco-editor') !== null))
    .toBe(true);
  release();
  await waitForRuns(page, 1);
});
