import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every test: requests to any origin other than the app's are blocked and
 * recorded; the test fails if one was even attempted.
 */
export const test = base.extend<{ external: string[] }>({
  external: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL ?? 'http://localhost:4173').origin;
      const attempted: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (url.startsWith('data:') || url.startsWith('blob:') || new URL(url).origin === origin) return route.continue();
        attempted.push(url);
        return route.abort('blockedbyclient');
      });
      // WebSockets do not pass through page.route.
      await page.routeWebSocket(/.*/, (ws) => {
        attempted.push(ws.url());
        ws.close();
      });
      await use(attempted);
      expect(attempted, 'requests to other origins').toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

/** A small program that prints "one", sleeps a second and prints "two" (links and embeds). */
export const ONE_TWO = `import asyncio

async def main():
    print("one")
    await asyncio.sleep(1)
    print("two")

asyncio.run(main())
`;

export interface AppState {
  phase: string;
  k: number;
  n: number | null;
  queued: boolean;
  runs: number;
  playing: boolean;
}

export const appState = (page: Page) =>
  page.evaluate(() => (window as unknown as { __loopscope: { state(): AppState } }).__loopscope.state());

/** Wait until `runs` results have arrived. */
export async function waitForRuns(page: Page, runs: number) {
  await expect.poll(async () => (await appState(page)).runs, { timeout: 60_000 }).toBeGreaterThanOrEqual(runs);
}

export async function setCode(page: Page, code: string) {
  await page.evaluate((c) => (window as unknown as { __loopscope: { setCode(c: string): void } }).__loopscope.setCode(c), code);
}

/** Open the page fresh (no autosave) and wait for the opening example's run. */
export async function openFresh(page: Page, hash = '') {
  await page.goto('/' + hash);
  await page.evaluate(() => localStorage.clear());
  await waitForRuns(page, 1);
}

export async function counter(page: Page) {
  return (await page.getByTestId('step-counter').textContent())?.trim();
}

export async function stdoutLines(page: Page) {
  return page.locator('[data-testid="console"] .console-line[data-fd="1"]').allTextContents();
}
