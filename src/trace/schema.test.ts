// The one JSON reader of traces: this version round-trips; version 1 (a
// --trace file recorded by the previous format, kept in testdata/) is
// upgraded; anything else is refused with a message that says why.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateTrace } from './decode.ts';
import { narrate } from './narrate.ts';
import { chainLines, innermostLine, NO_ID, Op, OPERANDS, TaskState, TRACE_VERSION, traceFromJSON, traceToJSON, type Trace } from './schema.ts';
import { snapshotAt } from './loop-state.ts';
import { tinyProgram } from './fixtures.test-util.ts';

const V1 = JSON.parse(readFileSync(join(import.meta.dirname, 'testdata', 'trace-v1.json'), 'utf8'));

/** [task, state, waitOn, chain operand] of every TASK_STATE. */
function taskStates(t: Trace): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < t.ops.length; i += 1 + OPERANDS[t.ops[i]]) {
    if (t.ops[i] === Op.TASK_STATE) out.push(Array.from(t.ops.subarray(i + 1, i + 5)));
  }
  return out;
}

describe('traceFromJSON', () => {
  it('round-trips this version', () => {
    const t = tinyProgram();
    const back = traceFromJSON(JSON.parse(JSON.stringify(traceToJSON(t))));
    expect(back.version).toBe(TRACE_VERSION);
    expect(back.chains).toEqual(t.chains);
    expect(Array.from(back.ops)).toEqual(Array.from(t.ops));
    expect(snapshotAt(back, 3)).toEqual(snapshotAt(t, 3));
  });

  it('opens a version-1 trace (chains as "10>5" strings) by upgrading it to the chains table', () => {
    expect(V1.version).toBe(1);
    expect(V1.chains).toBeUndefined();
    const t = traceFromJSON(V1);
    expect(t.version).toBe(TRACE_VERSION);
    expect(validateTrace(t)).toEqual([]);
    // Every v1 chain operand named a string "a>b"; now it names the same lines in the table.
    const v1States = taskStates({ ...t, ops: Int32Array.from(V1.ops) });
    const v2States = taskStates(t);
    expect(v2States.length).toBe(v1States.length);
    v1States.forEach(([task, state, waitOn, sid], i) => {
      expect(v2States[i].slice(0, 3)).toEqual([task, state, waitOn]);
      const text: string = sid >= 0 ? V1.strings[sid] : '';
      expect(chainLines(t, v2States[i][3]).join('>')).toBe(text);
      if (!text) expect(v2States[i][3]).toBe(NO_ID);
    });
    // The program's tasks wait in outer() at line 10 inside inner() at line 5.
    expect(t.chains).toEqual(expect.arrayContaining([[10, 5], [16], [17]]));
    expect(new Set(t.chains.map((c) => c.join('>'))).size).toBe(t.chains.length);
    const waiting = v2States.filter(([, state]) => state === TaskState.WAITING).map(([, , , c]) => innermostLine(t, c));
    expect(waiting).toContain(5);
    // And it replays: snapshots and narration for every step.
    const mid = snapshotAt(t, 3);
    expect(mid.tasks.find((x) => x.name === 'Task-2')?.chain).toEqual([10, 5]);
    for (let k = 0; k <= t.steps.length; k++) expect(narrate(t, k)).toMatch(/\.$/);
  });

  it('refuses a newer version, and what is no trace, saying which versions it reads', () => {
    const j = traceToJSON(tinyProgram());
    expect(() => traceFromJSON({ ...j, version: TRACE_VERSION + 1 })).toThrow(
      `trace version ${TRACE_VERSION + 1} was recorded by a newer Loopscope: this build reads versions 1 to ${TRACE_VERSION}`,
    );
    expect(() => traceFromJSON({ ...j, version: 0 })).toThrow('trace version 0 is not a trace this build knows: this build reads versions 1 to');
    expect(() => traceFromJSON({ ...(j as object), version: undefined } as never)).toThrow('trace version undefined is not a trace this build knows');
  });

  it('refuses a trace of this version without its chains table', () => {
    const j = traceToJSON(tinyProgram());
    const { chains: _gone, ...rest } = j;
    void _gone;
    expect(() => traceFromJSON(rest as never)).toThrow(`trace version ${TRACE_VERSION}: the chains table is missing or damaged`);
    expect(() => traceFromJSON({ ...j, chains: [['12']] as never })).toThrow('the chains table is missing or damaged');
  });

  it('refuses a version-1 trace with an unknown opcode instead of misreading it', () => {
    expect(() => traceFromJSON({ ...V1, ops: [...V1.ops.slice(0, 3), 99, 0] })).toThrow('unknown opcode 99');
  });
});

describe('chain decoders', () => {
  it('read the table; NO_ID is the empty chain', () => {
    const t = { chains: [[12], [5, 9]] };
    expect(chainLines(t, 1)).toEqual([5, 9]);
    expect(innermostLine(t, 1)).toBe(9);
    expect(chainLines(t, NO_ID)).toEqual([]);
    expect(innermostLine(t, NO_ID)).toBe(0);
  });
});
