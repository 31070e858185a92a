// The bridge replays Python's buffer into the engine and the recorder. Codes
// and operand counts come from the wire table; facts without a case of their
// own cross on the generic path, which maps string, chain and time operands.

import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { TraceRecorder } from '../trace/recorder.ts';
import { forEachEvent } from '../trace/decode.ts';
import { B, LimitKind, LoopEvent, Op, OP_NAMES, OPERANDS } from '../trace/wire.ts';
import { makeBridge } from './bridge.ts';

function setup() {
  const rec = new TraceRecorder();
  const engine = new Engine(rec);
  const out: string[] = [];
  const bridge = makeBridge(engine, rec, { out: (_fd, text) => out.push(text) });
  const flush = (records: number[], fresh: Array<string | number[]> | null) =>
    bridge.flush(
      { getBuffer: () => ({ data: Float64Array.from(records), release: () => {} }) },
      fresh && { toJs: () => fresh },
    );
  const events = () => {
    const t = rec.finish({ filename: 'm.py', source: '', exitCode: 0, pythonVersion: '', wallMs: 0 });
    const evs: string[] = [];
    forEachEvent(t.ops, (op, at, ops) => {
      const args = Array.from(ops.subarray(at + 1, at + 1 + OPERANDS[op]));
      evs.push(`${OP_NAMES[op]} ${args.map((x, j) => (OP_NAMES[op] === 'TASK_NEW' && j > 0 && j < 3 ? t.strings[x] : x)).join(' ')}`);
    });
    return { t, evs };
  };
  return { rec, flush, events, out };
}

describe('bridge', () => {
  it('maps Python string and chain ids to the trace\'s, in the order they first crossed', () => {
    const { rec, flush, events } = setup();
    rec.intern('a string JS interned first'); // trace ids differ from Python's
    flush([B.LOOP, 1, LoopEvent.CREATED, B.TASK_NEW, 0, 1, 2, 7, B.TASK_STATE, 0, 3, -1, 0], ['', 'Task-1', [7, 3], 'main()']);
    const { t, evs } = events();
    expect(evs).toEqual(['LOOP 1 0', 'TASK_NEW 0 Task-1 main() 7', 'TASK_STATE 0 3 -1 0']);
    expect(t.chains).toEqual([[7, 3]]);
  });

  it('carries LIMIT and ERROR messages on the generic path', () => {
    const { flush, events } = setup();
    flush([B.LIMIT, LimitKind.IDLE, 1, B.ERROR, 1, 3, 0, 2], ['', 'idle', 'ValueError: x']);
    const { t } = events();
    expect(Array.from(t.ops)).toEqual([Op.LIMIT, LimitKind.IDLE, 1, Op.ERROR, 1, 3, 0, 2]);
    expect(t.strings.slice(1)).toEqual(['idle', 'ValueError: x']);
  });

  it('refuses a record it does not know', () => {
    const { flush } = setup();
    expect(() => flush([99, 1, 2], null)).toThrow('bad bridge record 99 at 0');
    expect(() => flush([Op.CLOCK, 0], null)).toThrow(`bad bridge record ${Op.CLOCK} at 0`); // a trace op Python never sends
  });
});
