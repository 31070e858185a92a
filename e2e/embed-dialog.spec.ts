// "Embed": the Copy-embed dialog gives an <iframe> and a <loopscope-player>
// snippet for the current run, with a live preview, and copies them.
import AxeBuilder from '@axe-core/playwright';
import { test, expect, openFresh, counter, appState } from './fixtures.ts';
import LZString from 'lz-string';

/** An embed address's code, step and options (src/state/share.ts and src/embed/options.ts write them). */
function readSrc(html: string) {
  const src = html.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&');
  const p = new URLSearchParams(src.slice(src.indexOf('#') + 1).replace(/\+/g, '%2B'));
  return {
    src,
    code: LZString.decompressFromEncodedURIComponent(p.get('code')!),
    step: p.has('step') ? Number(p.get('step')) : null,
    embed: p.get('embed'),
    panels: p.get('panels'),
    readonly: p.get('readonly'),
    theme: p.get('theme'),
  };
}

test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

test('the dialog: snippets for this run and step, options, live preview, copy; focus stays inside; Escape closes', async ({ page, baseURL }) => {
  await openFresh(page);
  await page.getByTestId('step-back').click();
  await page.getByTestId('step-back').click();
  const k = (await appState(page)).k;
  const code = await page.evaluate(() => (window as any).__loopscope.getCode());
  const opener = page.getByTestId('embed');
  await opener.click();
  const dialog = page.getByRole('dialog', { name: 'Embed this run' });
  await expect(dialog).toBeVisible();

  // The iframe snippet opens this code at this step as an embed.
  const iframe = page.getByTestId('iframe-snippet');
  const first = readSrc(await iframe.inputValue());
  expect(first.src.startsWith(`${baseURL}/#code=`)).toBe(true);
  expect(first).toMatchObject({ code, step: k, embed: '1', panels: null, readonly: null, theme: null });
  await expect(iframe).toHaveValue(/embed-host\.js/);
  await expect(page.getByTestId('player-snippet')).toHaveValue(new RegExp(`<loopscope-player src="tasks-running-coroutines-concurrently\\.json" step="${k}" theme="auto"></loopscope-player>`));

  // The preview is the embed itself, showing this run at this step without a second Python.
  const preview = page.frameLocator('[data-testid="embed-preview"]');
  await expect(preview.getByTestId('step-counter')).toHaveText(`${k} / 16`);
  await expect(preview.getByTestId('python-status')).toHaveText('Python starts when you press Run');

  // Options change the snippets and the preview.
  await dialog.getByRole('checkbox', { name: 'Futures' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Narration' }).uncheck();
  await dialog.getByRole('checkbox', { name: 'Read-only editor (iframe)' }).check();
  await dialog.getByRole('combobox', { name: 'Theme' }).selectOption('dark');
  expect(readSrc(await iframe.inputValue())).toMatchObject({ code, step: k, panels: 'ready,timers,tasks,network,console', readonly: '1', theme: 'dark' });
  await expect(page.getByTestId('player-snippet')).toHaveValue(/panels="ready,timers,tasks,network,console" theme="dark"/);
  await expect(preview.getByTestId('futures')).toHaveCount(0);
  await expect(preview.getByTestId('tasks')).toBeVisible();
  await expect(preview.locator('html')).toHaveAttribute('data-theme', 'dark');

  // Copy.
  await page.getByTestId('copy-iframe').click();
  await expect(page.getByTestId('embed-status')).toHaveText('iframe code copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await iframe.inputValue());
  await page.getByTestId('copy-player').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.getByTestId('player-snippet').inputValue());

  // Accessible: axe finds nothing serious in the dialog; Tab never leaves it.
  const results = await new AxeBuilder({ page }).include('[data-testid="embed-dialog"]').exclude('[data-testid="embed-preview"]').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press(i % 7 === 6 ? 'Shift+Tab' : 'Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('[data-testid="embed-dialog"]'))).toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
  expect(await counter(page)).toBe(`${k} / 16`);
});
