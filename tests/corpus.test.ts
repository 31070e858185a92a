// Every program of the shared oracle corpus (when ../shared/corpus is beside
// the project, as in CI) and every program of our own tests/programs must
// print exactly what CPython prints.

import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { GALLERY, loadCases, OWN_PROGRAMS, SHARED_CORPUS, type ProgramCase } from './programs.ts';

let rt: LoopscopeRuntime;
beforeAll(async () => {
  rt = await nodeRuntime();
});

function check(c: ProgramCase, defaultExit: number | null) {
  const r = rt.run(c.source, { filename: c.path, cpuBudget: 20_000_000, maxOutputBytes: 1 << 26 });
  expect(r.stdout, `stdout of ${c.name}\n--- stderr:\n${r.stderr}`).toBe(c.stdout);
  for (const line of c.stderrLines) expect(r.stderr, `stderr of ${c.name}`).toContain(line);
  const exit = c.exit ?? defaultExit;
  if (exit !== null) expect(r.exitCode, `exit status of ${c.name}\n--- stderr:\n${r.stderr}`).toBe(exit);
}

const suites: Array<[string, string, number | null]> = [
  ['shared corpus', SHARED_CORPUS, null],
  ['shared corpus seeds', join(SHARED_CORPUS, 'seeds'), null],
  ['own programs', OWN_PROGRAMS, null],
  ['gallery examples', GALLERY, 0],
];

for (const [title, dir, defaultExit] of suites) {
  const cases = loadCases(dir);
  describe.skipIf(cases.length === 0)(title, () => {
    for (const c of cases) {
      if (c.skip) it.skip(`${c.name} (skipped: ${c.skip})`, () => {});
      else it(c.name, () => check(c, defaultExit));
    }
  });
}
