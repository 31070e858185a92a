// Start-up from the build's Pyodide memory snapshot (scripts/make-snapshot.mjs):
// the production build restores it; without it (?snapshot=0), or when it cannot
// be fetched or is corrupt, Python still comes up, by a plain load, and the same
// program prints the same thing either way.
import { test, expect, waitForRuns, setCode, stdoutLines } from './fixtures.ts';
import type { Page } from '@playwright/test';

const PROBE = `import sys, os, asyncio, json
print(sys.path, sys.executable, sys.argv)
print(sorted(k for k in os.environ), os.environ["LANG"], os.getcwd())
async def main():
    await asyncio.sleep(1.5)
    print("slept", asyncio.get_running_loop().time(), json.dumps([1, 2]))
asyncio.run(main())
`;

/** Open the page, collect the worker's start-up line, run PROBE and return its stdout. */
async function probe(page: Page, path: string) {
  const lines: string[] = [];
  page.on('console', (m) => {
    if (m.text().startsWith('[loopscope]')) lines.push(`${m.type()}: ${m.text()}`);
  });
  await page.goto(path);
  await page.evaluate(() => localStorage.clear());
  await waitForRuns(page, 1);
  await setCode(page, PROBE);
  await page.getByTestId('run').click();
  await waitForRuns(page, 2);
  await expect.poll(async () => (await stdoutLines(page)).some((l) => l.startsWith('slept'))).toBe(true);
  return { out: await stdoutLines(page), lines };
}

test('Python starts from the memory snapshot, and as a plain load gives the same results', async ({ page, browser }) => {
  const snap = await probe(page, '/');
  expect(snap.lines.join('\n')).toContain('from the memory snapshot');
  const ctx = await browser.newContext();
  const plainPage = await ctx.newPage();
  const plain = await probe(plainPage, '/?snapshot=0');
  await ctx.close();
  expect(plain.lines.join('\n')).toContain('(plain load)');
  expect(snap.out).toEqual(plain.out);
  expect(snap.out.at(-1)).toMatch(/^slept 1\.5 \[1, 2\]$/);
});

test('a snapshot that cannot be fetched: warning, plain load, Python works', async ({ page }) => {
  await page.route(/\/pyodide\/snapshot-[0-9a-f]+\.bin\.gz$/, (r) => r.fulfill({ status: 404, body: 'gone' }));
  const { out, lines } = await probe(page, '/');
  expect(lines.join('\n')).toMatch(/warning: \[loopscope\] memory snapshot failed/);
  expect(lines.join('\n')).toContain('plain load after the snapshot failed');
  expect(out.at(-1)).toMatch(/^slept 1\.5/);
});

test('a corrupt snapshot: warning, plain load, Python works', async ({ page }) => {
  await page.route(/\/pyodide\/snapshot-[0-9a-f]+\.bin\.gz$/, async (r) => {
    const res = await r.fetch();
    const body = Buffer.from(await res.body());
    body.fill(0x5a, 5000, 9000); // damaged gzip data
    await r.fulfill({ response: res, body });
  });
  const { out, lines } = await probe(page, '/');
  expect(lines.join('\n')).toMatch(/warning: \[loopscope\] memory snapshot failed/);
  expect(out.at(-1)).toMatch(/^slept 1\.5/);
});
