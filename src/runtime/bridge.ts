// The object Python calls into during a run. It fronts the Engine and the
// TraceRecorder with calls shaped for the Python->JS boundary, where each call
// costs ~0.25 µs plus ~0.15-0.3 µs per argument (measured in Pyodide 314):
// - handle ids are assigned here and returned, so Python never passes them in;
// - a handle's label and owner travel packed in one number;
// - a task step's label is known from the task, so scheduling one takes only the task id;
// - popping the next handle also finishes the previous one and records the
//   state its task was left in (popTask), so a task step costs two crossings.

import type { Engine } from '../engine/engine.ts';
import type { TraceRecorder } from '../trace/recorder.ts';

/** label * OWNER_SPAN + ownerCode; ownerCode: 0 none, 1 + 2t task t, 2 + 2f callback of future f. */
export const OWNER_SPAN = 2 ** 26;
/** ((chain + 1) * OWNER_SPAN + waitOn + 1) * 8 + state */
const STATE_SPAN = 8;

function decodeOwner(code: number): number {
  if (code === 0) return -1;
  return code & 1 ? (code - 1) / 2 : -((code - 2) / 2) - 2;
}

export function makeBridge(engine: Engine, rec: TraceRecorder) {
  let nextHandle = 0;
  /** Step label of each task (string id). */
  const stepLabel: number[] = [];
  /** Task stepped by each queued task handle. */
  const taskOf = new Map<number, number>();
  let runningTask = -1;

  return {
    now: () => engine.now,
    intern: (s: string) => rec.intern(s),
    soon(packed: number): number {
      const h = nextHandle++;
      const label = Math.floor(packed / OWNER_SPAN);
      engine.callSoon(h, label, decodeOwner(packed - label * OWNER_SPAN));
      return h;
    },
    soonTask(t: number): number {
      const h = nextHandle++;
      taskOf.set(h, t);
      engine.callSoon(h, stepLabel[t] ?? 0, t);
      return h;
    },
    at(packed: number, when: number): number {
      const h = nextHandle++;
      const label = Math.floor(packed / OWNER_SPAN);
      engine.callAt(h, when, label, decodeOwner(packed - label * OWNER_SPAN));
      return h;
    },
    cancel: (h: number) => {
      taskOf.delete(h);
      engine.cancel(h);
    },
    begin: (stopping: boolean) => engine.beginIteration(stopping),
    /** Next handle; finishes the previous one. Returns the id, or a negative code. */
    pop(): number {
      const h = engine.popReady();
      runningTask = h >= 0 ? (taskOf.get(h) ?? -1) : -1;
      if (runningTask >= 0) taskOf.delete(h);
      return h;
    },
    /** As pop, after recording the state the task step that just ran left its task in. */
    popTask(packed: number): number {
      if (runningTask >= 0) {
        const state = packed % STATE_SPAN;
        const rest = (packed - state) / STATE_SPAN;
        const chain = Math.floor(rest / OWNER_SPAN) - 1;
        const waitOn = (rest % OWNER_SPAN) - 1;
        rec.taskState(runningTask, state, waitOn, chain);
      }
      const h = engine.popReady();
      runningTask = h >= 0 ? (taskOf.get(h) ?? -1) : -1;
      if (runningTask >= 0) taskOf.delete(h);
      return h;
    },
    finish: () => engine.finish(),
    block: (seconds: number, kind: number, label: number) => engine.block(seconds, kind, label),
    taskNew(t: number, name: number, coro: number, line: number): void {
      stepLabel[t] = rec.intern(`${rec.strings[name]}: step ${rec.strings[coro]}`);
      rec.taskNew(t, name, coro, line);
    },
    taskState: (t: number, state: number, waitOn: number, chain: number) => rec.taskState(t, state, waitOn, chain),
    futNew: (f: number, label: number, line: number) => rec.futNew(f, label, line),
    futNewText: (f: number, label: string, line: number) => rec.futNew(f, rec.intern(label), line),
    futCb: (f: number, label: number) => rec.futCb(f, label),
    futDone: (f: number, state: number, text: number) => rec.futDone(f, state, text),
    out: (fd: number, text: string) => rec.out(fd, text),
    loop: (id: number, what: number) => rec.loop(id, what),
    limit: (kind: number, msg: string) => rec.limit(kind, msg),
    error: (kind: number, line: number, col: number, msg: string) => rec.error(kind, line, col, msg),
    net: (kind: number, a: number, b: number, c: number, d: number) => rec.net(kind, a, b, c, d),
    line: (t: number, line: number) => rec.line(t, line),
  };
}

export type Bridge = ReturnType<typeof makeBridge>;
