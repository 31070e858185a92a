// A real recording for the recording and embed specs: the playground's opening
// example (07-tasks), recorded in the page and saved through "Download
// recording", once per worker.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { waitForRuns } from './fixtures.ts';

let cached: string | null = null;

export async function downloadRecording(page: Page): Promise<{ name: string; text: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-recording').click()]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), text: readFileSync(path!, 'utf8') };
}

/** The text of a recording of the opening example (16 steps, exit 0). */
export async function tasksRecording(browser: Browser, baseURL: string): Promise<string> {
  if (cached) return cached;
  const context = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const page = await context.newPage();
  await page.goto('/');
  await page.evaluate(() => localStorage.clear());
  await waitForRuns(page, 1);
  cached = (await downloadRecording(page)).text;
  await context.close();
  return cached;
}

/** The recording with other author options. */
export function withOptions(text: string, options: Record<string, unknown>): string {
  const json = JSON.parse(text);
  json.options = options;
  return JSON.stringify(json);
}
