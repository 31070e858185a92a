// Golden traces: the recorded trace of a program, written in a form a person
// can diff (one event per line, opcode by name) and that holds every byte of
// the trace (the JSON form of traceToJSON, events only split at their
// boundaries), but for two things that are not facts of the program:
// the run's wall time, and memory addresses in strings (`<object at 0x16be580>`
// in a label), which move whenever anything allocated before them changed
// size: an edit to any of the runtime's Python files (it changes the memory
// snapshot's heap) or the programs run before in the same interpreter.
// Used by tests/golden.test.ts and scripts/trace-digests.ts.

import { createHash } from 'node:crypto';
import { OP_NAMES, OPERANDS, traceToJSON, type Trace } from '../../src/trace/schema.ts';
import type { LoopscopeRuntime, RunOptions } from '../../src/runtime/core.ts';

const ADDRESS = /\b0x[0-9a-f]{4,}\b/g;

/**
 * The trace with the events of each step in sorted order: equal for two runs
 * whose steps did the same things in a different order. For the programs whose
 * order depends on memory addresses (asyncio.wait, TaskGroup, as_completed and
 * all_tasks iterate sets of tasks, ordered by address), which goldenText cannot
 * compare across an edit of the runtime (docs/NOTES.md, "Performance").
 */
export function orderFreeText(trace: Trace): string {
  const lines = goldenText(trace).split('\n');
  const out: string[] = [];
  let step: string[] = [];
  for (const l of lines) {
    if (l.startsWith('  ["RUN"')) {
      out.push(...step.sort(), l);
      step = [];
    } else if (l.startsWith('  [')) step.push(l.replace(/,$/, ''));
    else out.push(...step.sort(), l), (step = []);
  }
  return out.join('\n');
}

/** How every golden program runs (fixed, so that the trace depends on the code only). */
export const GOLDEN_OPTIONS: RunOptions = { cpuBudget: 20_000_000, maxOutputBytes: 1 << 20 };

/** The trace as stored: stable, readable, and lossless but for meta.wallMs. */
export function goldenText(trace: Trace): string {
  const j = traceToJSON(trace);
  const { wallMs: _wallMs, ...meta } = j.meta as typeof j.meta & { wallMs?: number };
  const ops: string[] = [];
  for (let i = 0; i < j.ops.length; ) {
    const n = OPERANDS[j.ops[i]];
    if (n === undefined) throw new Error(`unknown opcode ${j.ops[i]} at ${i}`);
    ops.push(`  ${JSON.stringify([OP_NAMES[j.ops[i]], ...j.ops.slice(i + 1, i + 1 + n)])}`);
    i += 1 + n;
  }
  const line = (k: string, v: unknown) => `"${k}": ${JSON.stringify(v)}`;
  const strings = j.strings.map((x) => x.replace(ADDRESS, '0x…'));
  return [
    '{',
    ` ${line('version', j.version)},`,
    ` ${line('meta', meta)},`,
    ` ${line('strings', strings)},`,
    ` ${line('times', j.times)},`,
    ` ${line('chains', j.chains)},`,
    ` ${line('steps', j.steps)},`,
    ` "ops": [\n${ops.join(',\n')}\n ]`,
    '}',
    '',
  ].join('\n');
}

/** Run a golden program under its fixed options and name. */
export function goldenRun(rt: LoopscopeRuntime, name: string, source: string): string {
  return goldenText(rt.run(source, { ...GOLDEN_OPTIONS, filename: `${name}.py` }).trace);
}

export const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);
