#!/usr/bin/env node
// End-to-end tests: make sure Debian's Chromium is there (apt-get, no browser
// download), build the app, run Playwright against `vite preview`.
// Exits with Playwright's status (non-zero on any failure).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1', CI: process.env.CI ?? '1' };

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, ...opts });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

if (!existsSync(CHROMIUM)) {
  console.log(`[e2e] ${CHROMIUM} is missing: installing Debian's chromium`);
  if (run('apt-get', ['update']) !== 0 || run('apt-get', ['install', '-y', 'chromium', 'fonts-dejavu-core']) !== 0) {
    console.error('[e2e] could not install chromium');
    process.exit(1);
  }
}

console.log('[e2e] building');
if (run('node_modules/.bin/vite', ['build', '--logLevel', 'warn']) !== 0) process.exit(1);

const extra = process.argv.slice(2);
console.log('[e2e] playwright test');
process.exit(run('node_modules/.bin/playwright', ['test', '--reporter=list', ...extra]));
