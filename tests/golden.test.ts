// Golden traces: each file tests/golden/programs/NAME.trace.json holds a
// program (its meta.source) and the trace it records; the program must record
// exactly that trace again, byte for byte. The recording's speed work
// (loop.py, bridge.py, bridge.ts) must keep every recorded fact; this is where
// a change of any fact shows.
//
// When a change of the trace is intended (a format change, a new fact, a
// fidelity fix), re-bless and read the diff before committing it:
//   LOOPSCOPE_BLESS=1 npx vitest run tests/golden.test.ts && git diff tests/golden
// To add a program to the set (named by its file name):
//   LOOPSCOPE_BLESS_ADD=tests/programs/x.py npx vitest run tests/golden.test.ts
//
// Not in the set: programs whose trace depends on memory addresses (those
// that iterate a set of tasks: asyncio.wait, TaskGroup, as_completed, the
// tasks asyncio.run cancels at the end). Their order changes with any edit of
// the runtime's Python files; scripts/trace-digests.ts compares them with each
// step's events sorted (docs/NOTES.md, "Performance").

import { beforeAll, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { OPS } from '../src/trace/wire.ts';
import { goldenRun } from './golden/golden.ts';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'golden', 'programs');
const BLESS = process.env.LOOPSCOPE_BLESS === '1';
const ADD = process.env.LOOPSCOPE_BLESS_ADD;
const SUFFIX = '.trace.json';
const pathOf = (name: string) => join(DIR, name + SUFFIX);
const names = readdirSync(DIR).filter((f) => f.endsWith(SUFFIX)).map((f) => f.slice(0, -SUFFIX.length)).sort();
/** The program a golden trace was recorded from. */
const sourceOf = (name: string): string => (JSON.parse(readFileSync(pathOf(name), 'utf8')) as { meta: { source: string } }).meta.source;

let rt: LoopscopeRuntime;
beforeAll(async () => {
  rt = await nodeRuntime();
  if (ADD) {
    const name = basename(ADD, '.py');
    writeFileSync(pathOf(name), goldenRun(rt, name, readFileSync(ADD, 'utf8')));
    names.push(name);
  }
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
    const path = pathOf(name);
    const got = goldenRun(rt, name, sourceOf(name));
    if (BLESS) writeFileSync(path, got);
    const want = readFileSync(path, 'utf8');
    if (got !== want) throw new Error(`${name}: the trace differs from tests/golden/programs/${name}.trace.json\n${firstDifference(want, got)}`);
  });
}

it('a run records the same trace twice (the golden comparison can only fail on a real change)', () => {
  const source = sourceOf('net-streams');
  expect(goldenRun(rt, 'net-streams', source)).toBe(goldenRun(rt, 'net-streams', source));
});

it('the golden set is there, and between them its traces hold every trace opcode', () => {
  expect(names.length).toBeGreaterThanOrEqual(20);
  const seen = new Set<string>();
  for (const n of names) {
    for (const m of readFileSync(pathOf(n), 'utf8').matchAll(/^ {2}\["([A-Z_]+)"/gm)) seen.add(m[1]);
  }
  expect([...seen].sort()).toEqual(Object.keys(OPS).sort());
});
