// Every program of the shared oracle corpus (../shared/corpus, beside the
// project; required in CI) and every program of our own tests/programs must
// print exactly what CPython prints, and end with the stated exit status.

import { beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { GALLERY, loadCases, ORACLES_REQUIRED, oracleProblems, OWN_PROGRAMS, SHARED_CORPUS, TUTORIAL, unstated, type ProgramCase } from './programs.ts';

let rt: LoopscopeRuntime;
beforeAll(async () => {
  rt = await nodeRuntime();
});

function check(c: ProgramCase, defaultExit: number | null) {
  const r = rt.run(c.source, { filename: c.path, cpuBudget: 20_000_000, maxOutputBytes: 1 << 26 });
  expect(r.stdout, `stdout of ${c.name}\n--- stderr:\n${r.stderr}`).toBe(c.stdout);
  for (const line of c.stderrLines) expect(r.stderr, `stderr of ${c.name}`).toContain(line);
  const exit = c.exit ?? defaultExit;
  if (exit === null) throw new Error(`${c.name} states no expected exit status`);
  expect(r.exitCode, `exit status of ${c.name}\n--- stderr:\n${r.stderr}`).toBe(exit);
}

// In CI a missing oracle is a failure that says so, not a suite that runs nothing.
if (ORACLES_REQUIRED) {
  it('the oracles are beside the project (CI)', () => {
    const problems = oracleProblems();
    if (problems.length) throw new Error(`CI is set, so the oracles must be beside the project: ${problems.join('; ')}`);
  });
}

it('every program of ours states its stdout and its exit status', () => {
  expect(unstated(OWN_PROGRAMS)).toEqual([]);
});

it('a missing or empty oracle is named as such (what CI fails with)', () => {
  const empty = mkdtempSync(join(tmpdir(), 'loopscope-shared-'));
  expect(oracleProblems(join(empty, 'nowhere'))).toEqual([
    `the shared oracle corpus is missing: no folder ${join(empty, 'nowhere', 'corpus')}`,
    `CPython's asyncio tests are missing: no folder ${join(empty, 'nowhere', 'cpython-test-asyncio', 'Lib', 'test', 'test_asyncio')}`,
  ]);
  mkdirSync(join(empty, 'corpus'));
  mkdirSync(join(empty, 'cpython-test-asyncio', 'Lib', 'test', 'test_asyncio'), { recursive: true });
  expect(oracleProblems(empty)).toEqual([
    `the shared oracle corpus ${join(empty, 'corpus')} holds no programs`,
    `CPython's asyncio tests folder ${join(empty, 'cpython-test-asyncio', 'Lib', 'test', 'test_asyncio')} holds no test_*.py`,
  ]);
  rmSync(empty, { recursive: true });
});

// [title, folder, exit status expected when a program has no .exit file (null: it must have one)]
const suites: Array<[string, string, number | null]> = [
  ['shared corpus', SHARED_CORPUS, 0],
  ['shared corpus seeds', join(SHARED_CORPUS, 'seeds'), 0],
  ['own programs', OWN_PROGRAMS, null],
  ['gallery examples', GALLERY, 0],
  ['tutorial programs', TUTORIAL, 0],
];

for (const [title, dir, defaultExit] of suites) {
  const cases = loadCases(dir);
  if (cases.length === 0) continue; // the oracle is not here (and CI is not set: see above)
  describe(title, () => {
    for (const c of cases) {
      if (c.skip) it.skip(`${c.name} (skipped: ${c.skip})`, () => {});
      else it(c.name, () => check(c, defaultExit));
    }
  });
}
