// The object Python calls into during a run.
//
// A Python->JS call costs ~0.25 µs plus ~0.15-0.3 µs per argument (measured in
// Pyodide 314), more than a whole loop step of CPython. So Python does not call
// in per fact: it appends every fact and scheduling request to a float64
// buffer (handle ids are assigned in Python), and hands the buffer over once
// per loop iteration, in `begin`. Here the buffer is replayed in order into
// the Engine (which owns the ready queue, timers and clock) and the
// TraceRecorder; then the engine starts the next iteration and the ids of the
// handles it will run go back to Python in one typed array. The order of
// events in the trace is exactly the order Python produced them in.
//
// Strings and await chains are interned in Python: each distinct one crosses
// once, in the `fresh` list of the call that first uses it (a string is the
// next Python string id, an array of user lines the next chain id). `pyStr`
// and `pyChain` map Python's ids to the recorder's, so JS may intern strings
// of its own at any time.

import type { Engine } from '../engine/engine.ts';
import { CANCELLED } from '../engine/engine.ts';
import type { TraceRecorder } from '../trace/recorder.ts';
import { B, BRIDGE_RECORDS, NET_STRING_B, OPS, operandKind, type OperandKind } from '../trace/wire.ts';

// Record codes and sizes come from the wire table (src/trace/wire.ts), as do
// Python's (generated from it): a trace op keeps its code on the bridge.
const SIZE: number[] = [];
for (const r of Object.values(BRIDGE_RECORDS)) SIZE[r.code] = r.operands.length;

/**
 * The generic path: a trace op Python sends that needs nothing but its
 * operands mapped (Python's string and chain ids to the recorder's, seconds to
 * the times table) has no case of its own below. So a fact added to the wire
 * table (a row with bridge: true) crosses without touching this file.
 */
const INT = 0, STRING = 1, TIME = 2, CHAIN = 3;
const KIND_CODE: Record<OperandKind, number> = { int: INT, string: STRING, time: TIME, chain: CHAIN };
const GENERIC: Array<Int8Array | undefined> = [];
for (const r of Object.values(OPS)) if (r.bridge) GENERIC[r.code] = Int8Array.from(r.operands, (o) => KIND_CODE[operandKind(o)]);

/** A PyProxy of Python's bytes (the records packed as float64s) and list, as far as we use them. */
interface PyBufferLike {
  getBuffer(type: 'f64'): { data: Float64Array; release(): void };
}
interface PyListLike {
  toJs(): Array<string | number[]>;
}

export interface BridgeHooks {
  /** Program output as it is recorded (text already capped by the caller's policy). */
  out(fd: number, text: string): void;
}

export function makeBridge(engine: Engine, rec: TraceRecorder, hooks: BridgeHooks) {
  const pyStr: number[] = [];
  const str = (i: number) => (i < 0 ? i : pyStr[i]);
  const pyChain: number[] = [];
  const chain = (i: number) => (i < 0 ? i : pyChain[i]);

  const operands: number[] = [];

  function apply(d: Float64Array): void {
    const n = d.length;
    let i = 0;
    while (i < n) {
      const code = d[i];
      const a = d[i + 1];
      switch (code) {
        case B.SOON:
          engine.callSoon(a, str(d[i + 2]), d[i + 3]);
          break;
        case B.AT:
          engine.callAt(a, d[i + 4], str(d[i + 2]), d[i + 3]);
          break;
        case B.CANCEL:
          engine.cancel(a);
          break;
        case B.RUN: {
          const h = engine.popReady();
          if (h !== a) throw new Error(`loop out of step: Python ran handle ${a}, the engine's next is ${h}`);
          break;
        }
        case B.SKIP: {
          const h = engine.popReady();
          if (h !== CANCELLED) throw new Error(`loop out of step: Python skipped handle ${a}, the engine's next is ${h}`);
          break;
        }
        case B.TASK_STATE:
          rec.taskState(a, d[i + 2], d[i + 3], chain(d[i + 4]));
          break;
        case B.FUT_NUM: {
          const purpose = d[i + 3];
          const label = purpose < 0 ? `Future-${d[i + 2]}` : `Future-${d[i + 2]} (${rec.strings[str(purpose)]})`;
          rec.futNew(a, rec.intern(label), d[i + 4]);
          break;
        }
        case B.FUT_DONE:
          rec.futDone(a, d[i + 2], str(d[i + 3]));
          break;
        case B.OUT:
          hooks.out(a, rec.strings[str(d[i + 2])]);
          break;
        case B.BLOCK:
          engine.block(d[i + 3], a, str(d[i + 2]));
          break;
        case B.NET:
          rec.net(a, d[i + 2], NET_STRING_B.has(a) ? str(d[i + 3]) : d[i + 3], d[i + 4], d[i + 5]);
          break;
        case B.LINE:
          rec.line(a, d[i + 2]);
          break;
        case B.END:
          engine.finish();
          break;
        default: {
          // TASK_NEW, FUT_NEW, FUT_CB, LOOP, LIMIT, ERROR, and any fact added to the table.
          const kinds = GENERIC[code];
          if (kinds === undefined) throw new Error(`bad bridge record ${code} at ${i}`);
          for (let j = 0; j < kinds.length; j++) {
            const v = d[i + 1 + j];
            const kind = kinds[j];
            operands[j] = kind === STRING ? str(v) : kind === CHAIN ? chain(v) : kind === TIME ? rec.time(v) : v;
          }
          operands.length = kinds.length;
          rec.event(code, operands);
        }
      }
      i += 1 + SIZE[code];
    }
  }

  /** Take Python's buffered records and new strings and chains, and replay them. */
  function flush(buf: PyBufferLike, fresh: PyListLike | null): void {
    if (fresh) {
      for (const x of fresh.toJs()) {
        if (typeof x === 'string') pyStr.push(rec.intern(x));
        else pyChain.push(rec.chain(x));
      }
    }
    const view = buf.getBuffer('f64');
    try {
      apply(view.data);
    } finally {
      view.release();
    }
  }

  return {
    flush,
    /**
     * Flush, then start the next loop iteration. Returns an Int32Array: slots
     * 0-1 hold the virtual clock after the jump (a float64), slot 2 is n >= 0,
     * the number of handles to run (their ids follow, in order), or n < 0 an
     * engine Begin code (idle, a cap). Int32, not float64: Python turns it
     * into a list ~3x faster.
     */
    begin(buf: PyBufferLike, fresh: PyListLike | null, stopping: boolean): Int32Array {
      flush(buf, fresh);
      const n = engine.beginIteration(stopping);
      const ids = n > 0 ? engine.readyIds(n) : [];
      const out = new Int32Array(3 + ids.length);
      new Float64Array(out.buffer, 0, 1)[0] = engine.now;
      out[2] = n;
      out.set(ids, 3);
      return out;
    },
  };
}

export type Bridge = ReturnType<typeof makeBridge>;
