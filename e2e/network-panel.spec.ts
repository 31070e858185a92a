// The Network panel: runs the network gallery examples and checks the panel
// at chosen steps (connections and their states, servers, processes).
// (e2e/network.spec.ts, about same-origin requests, belongs to the app's suite.)
import { test, expect, openFresh, appState } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function runExample(page: Page, id: string) {
  const before = (await appState(page)).runs;
  await page.getByLabel('Examples').selectOption(id);
  await expect.poll(async () => (await appState(page)).runs, { timeout: 60_000 }).toBeGreaterThan(before);
}

async function jumpToEnd(page: Page) {
  // A new run already shows its last step, and the button is disabled there.
  const end = page.getByRole('button', { name: 'Jump to end' });
  if (await end.isEnabled()) await end.click();
  await expect(page.getByTestId('step-counter')).toHaveText(/^(\d+) \/ \1$/);
}

test('no Network panel for a program without sockets or processes', async ({ page }) => {
  await openFresh(page);
  await expect(page.getByTestId('network')).toHaveCount(0);
});

test('echo with Protocol classes: the connection opens, then closes', async ({ page }) => {
  await openFresh(page);
  await runExample(page, '17-echo-protocols');
  const net = page.getByTestId('network');
  await expect(net).toBeVisible();
  await jumpToEnd(page);
  await expect(net.getByTestId('connection-item')).toHaveCount(1);
  await expect(net.getByTestId('connection-item')).toHaveAttribute('data-state', 'closed');
  await expect(net.getByTestId('net-server')).toHaveAttribute('data-state', 'closed');
  // Walk from the start: the connection is open at some step before it closes.
  await page.getByRole('button', { name: 'Jump to start' }).click();
  // No connection at step 0; rows leaving fade out first, so wait until they are gone.
  await expect(net.getByTestId('connection-item')).toHaveCount(0);
  const states: string[] = [];
  for (let i = 0; i < 40; i++) {
    const items = net.getByTestId('connection-item');
    if ((await items.count()) === 1) states.push((await items.getAttribute('data-state')) ?? '');
    if (states.at(-1) === 'closed') break;
    await page.getByTestId('step-forward').click();
  }
  expect(states).toContain('open');
  expect(states.at(-1)).toBe('closed');
  expect(states.indexOf('open')).toBeLessThan(states.indexOf('closed'));
});

test('echo with streams, UDP and a subprocess show in the panel', async ({ page }) => {
  await openFresh(page);
  await runExample(page, '18-echo-streams');
  await jumpToEnd(page);
  await expect(page.getByTestId('network').getByTestId('connection-item')).toHaveAttribute('data-state', 'closed');

  await runExample(page, '19-udp-request-reply');
  await jumpToEnd(page);
  await expect(page.getByTestId('network').getByTestId('net-endpoint')).toHaveCount(2);

  await runExample(page, '20-subprocess-lines');
  await jumpToEnd(page);
  const procs = page.getByTestId('network').getByTestId('net-process');
  await expect(procs).toHaveCount(2);
  await expect(procs.first()).toHaveAttribute('data-state', 'exited');
});
