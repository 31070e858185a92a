#!/usr/bin/env node
// `npm test`: every test of the project, in order, then one summary line
// `N passed, N failed[, N skipped]` over all suites.
//   1. types:  tsc over the whole project
//   2. unit + corpus: vitest (engine, trace, runtime; ../shared/corpus when present; tests/programs)
//   3. e2e: the production build in Debian's Chromium through Playwright (scripts/e2e.mjs
//      installs chromium when it is missing)
// Set LOOPSCOPE_SKIP_E2E=1 to leave out step 3 (it is never skipped in CI).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const totals = { passed: 0, failed: 0, skipped: 0 };
const results = [];
const bin = (name) => join('node_modules', '.bin', name);

function run(cmd, args, env = {}) {
  return new Promise((resolve) => {
    let out = '';
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (d) => { process.stdout.write(d); out += d; });
    child.stderr.on('data', (d) => { process.stderr.write(d); out += d; });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function record(suite, passed, failed, skipped, code) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  results.push({ suite, passed, failed, skipped, code });
}

// 1. Types.
{
  console.log('\n== types (tsc) ==');
  const { code } = await run(bin('tsc'), ['-p', 'tsconfig.json']);
  record('types', code === 0 ? 1 : 0, code === 0 ? 0 : 1, 0, code);
}

// 2. Unit and corpus tests.
{
  console.log('\n== unit and corpus tests (vitest) ==');
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-vitest-'));
  const json = join(dir, 'vitest.json');
  const { code } = await run(bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${json}`]);
  if (existsSync(json)) {
    const r = JSON.parse(readFileSync(json, 'utf8'));
    const failed = r.numFailedTests + (code !== 0 && r.numFailedTests === 0 ? 1 : 0);
    record('vitest', r.numPassedTests, failed, r.numPendingTests + r.numTodoTests, code);
  } else {
    record('vitest', 0, 1, 0, code);
  }
}

// 3. End-to-end tests in the browser.
if (process.env.LOOPSCOPE_SKIP_E2E === '1' && !process.env.CI) {
  console.log('\n== e2e skipped (LOOPSCOPE_SKIP_E2E=1) ==');
} else if (existsSync('scripts/e2e.mjs')) {
  console.log('\n== end-to-end tests (Playwright, Chromium) ==');
  const { code, out } = await run(process.execPath, ['scripts/e2e.mjs']);
  const count = (word) => {
    const m = [...out.matchAll(new RegExp(`^\\s*(\\d+) ${word}\\b`, 'gm'))];
    return m.length ? Number(m[m.length - 1][1]) : 0;
  };
  const passed = count('passed');
  let failed = count('failed') + count('flaky') + count('interrupted') + count('did not run');
  if (code !== 0 && failed === 0) failed = 1;
  record('e2e', passed, failed, count('skipped'), code);
}

console.log('\n== summary ==');
for (const r of results) console.log(`${r.suite}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (exit ${r.code})`);
const line = `${totals.passed} passed, ${totals.failed} failed` + (totals.skipped ? `, ${totals.skipped} skipped` : '');
console.log(line);
process.exit(totals.failed > 0 || results.some((r) => r.code !== 0) ? 1 : 0);
