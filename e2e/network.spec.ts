import { test, expect, waitForRuns } from './fixtures.ts';

// The fixture blocks and records requests to other origins in every test; this
// one also checks that the heavy assets really come from our origin.
test('Monaco, its worker, Pyodide wasm and stdlib are all served by the app', async ({ page, baseURL }) => {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  page.on('worker', (w) => urls.push(w.url()));
  await page.goto('/');
  await waitForRuns(page, 1);
  await page.locator('.monaco-editor').waitFor();
  const origin = new URL(baseURL!).origin;
  for (const name of ['pyodide.asm.wasm', 'python_stdlib.zip', 'pyodide.asm.mjs']) {
    expect(urls.some((u) => u.startsWith(origin) && u.includes(name)), name).toBe(true);
  }
  // Monaco starts its worker only on demand: start it the way Monaco does and see where it comes from.
  await page.evaluate(() => (self as any).MonacoEnvironment.getWorker('workerMain.js', 'editorWorkerService'));
  await expect.poll(() => urls.some((u) => u.startsWith(origin) && u.includes('editor.worker')), { message: 'Monaco worker from our origin' }).toBe(true);
});
