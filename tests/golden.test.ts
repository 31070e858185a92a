// Golden traces: every program in tests/golden/programs records exactly the
// trace stored beside it (tests/golden/programs/NAME.trace.json), byte for
// byte. The recording's speed work (loop.py, bridge.py, bridge.ts) must keep
// every recorded fact; this is where a change of any fact shows.
//
// Not in the set: programs whose trace depends on memory addresses (those
// that iterate a set of tasks: asyncio.wait, TaskGroup, as_completed, the
// tasks asyncio.run cancels at the end). Their order changes with any edit of
// the runtime's Python files; scripts/trace-digests.ts compares them with each
// step's events sorted (docs/NOTES.md, "Performance").
//
// When a change of the trace is intended (a format change, a new fact, a
// fidelity fix), re-bless and read the diff before committing it:
//   LOOPSCOPE_BLESS=1 npx vitest run tests/golden.test.ts && git diff tests/golden

import { beforeAll, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { OPS } from '../src/trace/wire.ts';
import { goldenRun } from './golden/golden.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'programs');
const BLESS = process.env.LOOPSCOPE_BLESS === '1';
const names = readdirSync(DIR).filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3)).sort();

let rt: LoopscopeRuntime;
beforeAll(async () => {
  rt = await nodeRuntime();
});

/** The first line where two texts differ, shown with its neighbours. */
function firstDifference(want: string, got: string): string {
  const a = want.split('\n'), b = got.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (xs: string[]) => xs.slice(Math.max(0, i - 2), i + 3).join('\n');
  return `first difference at line ${i + 1}\n--- stored:\n${around(a)}\n--- recorded now:\n${around(b)}`;
}

for (const name of names) {
  it(`${name} records the stored trace`, () => {
    const got = goldenRun(rt, name, readFileSync(join(DIR, `${name}.py`), 'utf8'));
    const path = join(DIR, `${name}.trace.json`);
    if (BLESS) writeFileSync(path, got);
    if (!existsSync(path)) throw new Error(`no stored trace for ${name}: bless it (LOOPSCOPE_BLESS=1 npx vitest run tests/golden.test.ts)`);
    const want = readFileSync(path, 'utf8');
    if (got !== want) throw new Error(`${name}: the trace differs from tests/golden/programs/${name}.trace.json\n${firstDifference(want, got)}`);
  });
}

it('a run records the same trace twice (the golden comparison can only fail on a real change)', () => {
  const source = readFileSync(join(DIR, 'net-streams.py'), 'utf8');
  expect(goldenRun(rt, 'net-streams', source)).toBe(goldenRun(rt, 'net-streams', source));
});

it('the golden set is there, and between them its traces hold every trace opcode', () => {
  expect(names.length).toBeGreaterThanOrEqual(20);
  const seen = new Set<string>();
  for (const n of names) {
    const path = join(DIR, `${n}.trace.json`);
    for (const m of readFileSync(path, 'utf8').matchAll(/^ {2}\["([A-Z_]+)"/gm)) seen.add(m[1]);
  }
  expect([...seen].sort()).toEqual(Object.keys(OPS).sort());
});
