// Whole-trace facts, computed in one pass and kept for the trace's lifetime:
// what each step ran, when, in which iteration; each task's steps (for
// swimlanes); every handle's label, owner and deadline (the ready queue and
// narration name a handle whose SOON happened long before); every task's and
// future's creation-order slot, name and done callbacks; the run's logs
// (console, blocking calls, errors, the limit, the exit: logs.ts, decoded in
// this pass and nowhere else). Typed arrays indexed by step, handle or object
// id keep a 10^6-step index to a few tens of MB.

import { EVENT_SIZE } from './decode.ts';
import { LogBuilder, type RunLogs } from './logs.ts';
import type { ConsoleLine } from './console.ts';
import type { BlockView, ConsoleChunk, ErrorView, LimitView } from './views.ts';
import { innermostLine, Op, ownerTask, type Trace } from './schema.ts';

/** What kind of object an id names (tasks and futures share one id space). */
export const ObjectKind = { NONE: 0, TASK: 1, FUTURE: 2 } as const;

export interface TraceIndex {
  readonly trace: Trace;
  /** Number of steps N (snapshots are 0..N). */
  readonly steps: number;
  /** Handle run by step k (index k, 1..N; index 0 is -1). */
  readonly stepHandle: Int32Array;
  /** Task run by step k, or -1 (index 0 is -1). */
  readonly stepTask: Int32Array;
  /** Loop iteration in which step k ran (index 0: 0). */
  readonly stepIteration: Int32Array;
  /** Virtual time at which step k's handle ran (index 0: the clock at snapshot 0). */
  readonly stepTime: Float64Array;
  /**
   * User line at which step k's task was suspended when step k began (where
   * it resumes), 0 if unknown or the step ran no task (index 0: 0).
   */
  readonly stepResumeLine: Int32Array;
  /** First step of iteration i (index i), -1 if iteration i ran no handle. */
  readonly iterationFirstStep: Int32Array;
  /** Number of iterations begun. */
  readonly iterations: number;
  /** Clock at the end of the trace. */
  readonly endTime: number;
  /** Latest timer deadline ever set (for time axes), or endTime if later. */
  readonly maxWhen: number;
  /** Task ids in creation order (slot order). */
  readonly taskIds: readonly number[];
  /** Future ids (futures that are not tasks) in creation order (slot order). */
  readonly futureIds: readonly number[];
  /** How many events of each opcode the trace holds (index: opcode). */
  readonly opCount: Int32Array;
  /**
   * Facts per handle id, as typed arrays (for reducers' hot loops): label
   * string id, owner operand, deadline (index into trace.times; -1 for a
   * handle queued with call_soon). The accessor functions below read these.
   */
  readonly handles: { readonly label: Int32Array; readonly owner: Int32Array; readonly when: Int32Array };
  /**
   * Facts per object id: ObjectKind, slot among its kind (-1 if none), name /
   * label string id as first announced (-1 if none), coroutine string id
   * and creation line as first announced (renames: TraceIndex.renames), the
   * number of done callbacks added over the run; and when it finished (a
   * future finishes once): the step of its FUT_DONE (-1 if never), the
   * state (TaskState code) and the result / exception string id; the steps
   * of its first and last FUT_CB (-1 if none); the last step in which a
   * FUT_CB or FUT_DONE touched it (-1 if none): after it, its record no
   * longer changes but for who awaits it.
   */
  readonly objects: {
    readonly kind: Int32Array;
    readonly slot: Int32Array;
    readonly name: Int32Array;
    readonly coro: Int32Array;
    readonly line: Int32Array;
    readonly callbackCount: Int32Array;
    readonly doneStep: Int32Array;
    readonly doneState: Int32Array;
    readonly doneText: Int32Array;
    readonly firstCallbackStep: Int32Array;
    readonly lastCallbackStep: Int32Array;
    readonly lastTouch: Int32Array;
  };
  /** The run's logs (logs.ts). */
  readonly logs: RunLogs;
  /** Every console chunk, with its step (logs.console). */
  readonly console: readonly ConsoleChunk[];
  /** Console split into lines (logs.lines). */
  readonly lines: readonly ConsoleLine[];
  /** Every blocking call (logs.blocks). */
  readonly blocks: readonly BlockView[];
  /** Every ERROR event (logs.errors). */
  readonly errors: readonly ErrorView[];
  /** The cap that ended the run, if any (logs.limit). */
  readonly limit: LimitView | null;
  /** Label of handle h ("" if unknown). */
  handleLabel(h: number): string;
  /** String id of handle h's label (0 if unknown). */
  handleLabelId(h: number): number;
  /** Raw owner operand of handle h (-1 if unknown). */
  handleOwner(h: number): number;
  /** Whether handle h was scheduled as a timer (call_at / call_later). */
  handleIsTimer(h: number): boolean;
  /** Deadline of timer handle h (NaN for a handle queued with call_soon). */
  handleWhen(h: number): number;
  /** Name of a task or label of a future, by object id (`#id` if never announced); a renamed task's last name. */
  objectName(id: number): string;
  /** Second and later TASK_NEWs of task t (Task.set_name), in order: the step and the new name, coroutine and line (0: unchanged). */
  renames(t: number): readonly TaskRename[];
  /** Whether any task was renamed. */
  readonly renamed: boolean;
  /** ObjectKind of an object id. */
  objectKind(id: number): number;
  /** Creation-order slot of a task or a future among its kind, -1 if unknown. */
  objectSlot(id: number): number;
  /** Creation-order position of task t (0 for the first task), -1 if unknown: stable per trace, so a colour per task. */
  taskSlot(t: number): number;
  /** Whether object id is a task. */
  isTask(id: number): boolean;
  /** Coroutine label of task t ("" if unknown). */
  taskCoro(t: number): string;
  /** Steps (ascending) in which task t ran. */
  taskSteps(t: number): Int32Array;
  /** String ids of the done callbacks added to object id over the whole run, in order. */
  callbacks(id: number): readonly number[];
  /** The step in which each of those callbacks was added (non-decreasing). */
  callbackSteps(id: number): readonly number[];
}

/** A task renamed by a second TASK_NEW (string ids; line 0: unchanged). */
export interface TaskRename {
  readonly step: number;
  readonly name: number;
  readonly coro: number;
  readonly line: number;
}

/** A growable Int32Array; unset slots read `fill`. */
class GrowInt32 {
  a: Int32Array;
  n = 0;
  constructor(
    private readonly fill: number,
    size = 1024,
  ) {
    this.a = new Int32Array(size).fill(fill);
  }
  set(i: number, v: number): void {
    if (i >= this.a.length) {
      let n = this.a.length;
      while (n <= i) n *= 2;
      const next = new Int32Array(n).fill(this.fill);
      next.set(this.a);
      this.a = next;
    }
    this.a[i] = v;
    if (i >= this.n) this.n = i + 1;
  }
  get(i: number): number {
    return i >= 0 && i < this.n ? this.a[i] : this.fill;
  }
  /** Drop the spare capacity, keeping `n` slots (unset ones read `fill`). */
  trim(n: number): void {
    const a = new Int32Array(n).fill(this.fill);
    a.set(this.a.subarray(0, Math.min(n, this.n)));
    this.a = a;
    this.n = n;
  }
}

const EMPTY = new Int32Array(0);
const NO_RENAMES: readonly TaskRename[] = Object.freeze([]);
const NO_IDS: readonly number[] = Object.freeze([]);

const cache = new WeakMap<Trace, TraceIndex>();

/** The index of a trace, built on first use and cached per trace object. */
export function indexOf(trace: Trace): TraceIndex {
  let ix = cache.get(trace);
  if (!ix) {
    ix = buildIndex(trace);
    cache.set(trace, ix);
  }
  return ix;
}

export function buildIndex(trace: Trace): TraceIndex {
  const { ops, strings: S, times: T } = trace;
  const N = trace.steps.length;
  const stepHandle = new Int32Array(N + 1).fill(-1);
  const stepTask = new Int32Array(N + 1).fill(-1);
  const stepIteration = new Int32Array(N + 1);
  const stepTime = new Float64Array(N + 1);
  const stepResumeLine = new Int32Array(N + 1);
  const opCount = new Int32Array(EVENT_SIZE.length);
  // Handle facts (ids are dense from 0): label string id, owner operand, deadline (times index, -1: not a timer).
  const hLabel = new GrowInt32(0);
  const hOwner = new GrowInt32(-1);
  const hWhen = new GrowInt32(-1);
  // Object facts (tasks and futures share dense ids): kind, slot among its kind, name, coroutine.
  const oKind = new GrowInt32(0, 256);
  const oSlot = new GrowInt32(-1, 256);
  const oName = new GrowInt32(-1, 256);
  const oCoro = new GrowInt32(0, 256);
  const oLine = new GrowInt32(0, 256);
  const oCallbacks = new GrowInt32(0, 256);
  const renames = new Map<number, TaskRename[]>();
  const oDoneStep = new GrowInt32(-1, 256);
  const oDoneState = new GrowInt32(0, 256);
  const oDoneText = new GrowInt32(0, 256);
  const oFirstCallback = new GrowInt32(-1, 256);
  const oLastCallback = new GrowInt32(-1, 256);
  const oLastTouch = new GrowInt32(-1, 256);
  const callbacks = new Map<number, { labels: number[]; steps: number[] }>();
  const taskIds: number[] = [];
  const futureIds: number[] = [];
  /** Innermost user line each task is suspended at (from its last TASK_STATE chain), by slot. */
  const suspendedAt = new GrowInt32(0, 256);
  const iterFirst: number[] = [0];
  const logs = new LogBuilder(S, T);
  let step = 0;
  let time = 0;
  let iter = 0;
  let maxWhen = 0;
  for (let i = 0; i < ops.length; ) {
    const op = ops[i];
    const size = op > 0 && op < EVENT_SIZE.length ? EVENT_SIZE[op] : 0;
    if (size === 0) throw new Error(`trace: unknown opcode ${op} at offset ${i}`);
    opCount[op]++;
    const a = ops[i + 1];
    switch (op) {
      case Op.CLOCK:
        time = T[a];
        break;
      case Op.ITER:
        iter = a;
        while (iterFirst.length <= a) iterFirst.push(-1);
        break;
      case Op.SOON:
        hLabel.set(a, ops[i + 2]);
        hOwner.set(a, ops[i + 3]);
        break;
      case Op.AT: {
        hLabel.set(a, ops[i + 2]);
        hOwner.set(a, ops[i + 3]);
        hWhen.set(a, ops[i + 4]);
        const w = T[ops[i + 4]];
        if (w > maxWhen) maxWhen = w;
        break;
      }
      case Op.RUN: {
        step++;
        stepHandle[step] = a;
        const t = ownerTask(hOwner.get(a)) ?? -1;
        stepTask[step] = t;
        stepIteration[step] = iter;
        stepTime[step] = time;
        if (iter < iterFirst.length && iterFirst[iter] === -1) iterFirst[iter] = step;
        if (t >= 0) stepResumeLine[step] = suspendedAt.get(t);
        break;
      }
      case Op.TASK_NEW:
        if (oKind.get(a) === 0) {
          oKind.set(a, ObjectKind.TASK);
          oSlot.set(a, taskIds.length);
          oName.set(a, ops[i + 2]);
          oCoro.set(a, ops[i + 3]);
          oLine.set(a, ops[i + 4]);
          taskIds.push(a);
        } else if (oKind.get(a) === ObjectKind.TASK) {
          let l = renames.get(a);
          if (!l) renames.set(a, (l = []));
          l.push({ step, name: ops[i + 2], coro: ops[i + 3], line: ops[i + 4] });
        }
        break;
      case Op.TASK_STATE: {
        suspendedAt.set(a, innermostLine(trace, ops[i + 4]));
        break;
      }
      case Op.FUT_NEW:
        if (oKind.get(a) === 0) {
          oKind.set(a, ObjectKind.FUTURE);
          oSlot.set(a, futureIds.length);
          futureIds.push(a);
          oName.set(a, ops[i + 2]);
          oLine.set(a, ops[i + 3]);
        }
        break;
      case Op.FUT_CB: {
        if (oKind.get(a) === 0) break; // not announced yet: nothing shows it
        let l = callbacks.get(a);
        if (!l) callbacks.set(a, (l = { labels: [], steps: [] }));
        l.labels.push(ops[i + 2]);
        l.steps.push(step);
        oCallbacks.set(a, l.labels.length);
        if (oFirstCallback.get(a) < 0) oFirstCallback.set(a, step);
        oLastCallback.set(a, step);
        oLastTouch.set(a, step);
        break;
      }
      case Op.FUT_DONE:
        if (oKind.get(a) === 0) break;
        oDoneStep.set(a, step);
        oLastTouch.set(a, step);
        oDoneState.set(a, ops[i + 2]);
        oDoneText.set(a, ops[i + 3]);
        break;
      case Op.OUT:
      case Op.BLOCK:
      case Op.ERROR:
      case Op.LIMIT:
      case Op.EXIT:
        logs.take(op, a, ops[i + 2], ops[i + 3], ops[i + 4], step, time);
        break;
    }
    i += size;
  }
  // Every per-handle (per-object) table gets one length: any id below it can be read directly.
  const hTables = [hLabel, hOwner, hWhen];
  const oTables = [oKind, oSlot, oName, oCoro, oLine, oCallbacks, oDoneStep, oDoneState, oDoneText, oFirstCallback, oLastCallback, oLastTouch];
  const nHandles = Math.max(...hTables.map((g) => g.n));
  const nObjects = Math.max(...oTables.map((g) => g.n));
  for (const g of hTables) g.trim(nHandles);
  for (const g of oTables) g.trim(nObjects);
  // Snapshot 0's clock: what it read when the first handle ran (or at the end, if none ran).
  stepTime[0] = N > 0 ? stepTime[1] : time;
  // Each task's steps, in one array grouped by task slot (counting sort over stepTask).
  const nTasks = taskIds.length;
  const start = new Int32Array(nTasks + 1);
  for (let k = 1; k <= N; k++) {
    const t = stepTask[k];
    if (t >= 0) start[oSlot.get(t) + 1]++;
  }
  for (let s = 0; s < nTasks; s++) start[s + 1] += start[s];
  const fill = start.slice(0, nTasks);
  const bySlot = new Int32Array(start[nTasks]);
  for (let k = 1; k <= N; k++) {
    const t = stepTask[k];
    if (t >= 0) bySlot[fill[oSlot.get(t)]++] = k;
  }
  const log = logs.finish();
  const slotOfTask = (t: number) => (oKind.get(t) === ObjectKind.TASK ? oSlot.get(t) : -1);
  return {
    trace,
    steps: N,
    stepHandle,
    stepTask,
    stepIteration,
    stepTime,
    stepResumeLine,
    iterationFirstStep: Int32Array.from(iterFirst),
    iterations: iter,
    endTime: time,
    maxWhen: Math.max(maxWhen, time),
    taskIds,
    futureIds,
    opCount,
    handles: { label: hLabel.a, owner: hOwner.a, when: hWhen.a },
    objects: {
      kind: oKind.a,
      slot: oSlot.a,
      name: oName.a,
      coro: oCoro.a,
      line: oLine.a,
      callbackCount: oCallbacks.a,
      doneStep: oDoneStep.a,
      doneState: oDoneState.a,
      doneText: oDoneText.a,
      firstCallbackStep: oFirstCallback.a,
      lastCallbackStep: oLastCallback.a,
      lastTouch: oLastTouch.a,
    },
    logs: log,
    console: log.console,
    lines: log.lines,
    blocks: log.blocks,
    errors: log.errors,
    limit: log.limit,
    handleLabel: (h) => S[hLabel.get(h)] ?? '',
    handleLabelId: (h) => hLabel.get(h),
    handleOwner: (h) => hOwner.get(h),
    handleIsTimer: (h) => hWhen.get(h) >= 0,
    handleWhen: (h) => {
      const w = hWhen.get(h);
      return w >= 0 ? T[w] : NaN;
    },
    objectName: (id) => {
      const r = renames.get(id);
      const n = r ? r[r.length - 1].name : oName.get(id);
      return n >= 0 ? S[n] : `#${id}`;
    },
    renames: (t) => renames.get(t) ?? NO_RENAMES,
    renamed: renames.size > 0,
    objectKind: (id) => oKind.get(id),
    objectSlot: (id) => oSlot.get(id),
    taskSlot: slotOfTask,
    isTask: (id) => oKind.get(id) === ObjectKind.TASK,
    taskCoro: (t) => {
      if (oKind.get(t) !== ObjectKind.TASK) return '';
      const r = renames.get(t);
      return S[r ? r[r.length - 1].coro : oCoro.get(t)];
    },
    taskSteps: (t) => {
      const s = slotOfTask(t);
      return s < 0 ? EMPTY : bySlot.subarray(start[s], start[s + 1]);
    },
    callbacks: (id) => callbacks.get(id)?.labels ?? NO_IDS,
    callbackSteps: (id) => callbacks.get(id)?.steps ?? NO_IDS,
  };
}
