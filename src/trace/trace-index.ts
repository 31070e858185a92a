// Whole-trace facts, computed in one pass and kept for the trace's lifetime:
// what each step ran, when, in which iteration; each task's steps (for
// swimlanes); every handle's label and owner (for narration, which must name
// a handle whose SOON happened long before); the console as lines with the
// step that printed them; the line each step resumed its task at (for the
// editor); errors and the limit, which the page shows at every step. Typed
// arrays indexed by step or handle id keep a 10^6-step index to a few tens of MB.

import { EVENT_SIZE } from './decode.ts';
import {
  consoleLines,
  errorRecord,
  limitRecord,
  type BlockView,
  type ConsoleChunk,
  type ConsoleLine,
  type ErrorView,
  type LimitView,
} from './snapshot.ts';
import { BLOCK_KIND_NAMES, innermostLine, Op, ownerTask, type Trace } from './schema.ts';

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
  /** Task ids in creation order. */
  readonly taskIds: readonly number[];
  /** Every console chunk, with its step. */
  readonly console: readonly ConsoleChunk[];
  /** Console split into lines (see consoleLines). */
  readonly lines: readonly ConsoleLine[];
  readonly blocks: readonly BlockView[];
  /** Every ERROR event (a syntax error, an uncaught exception), in order. */
  readonly errors: readonly ErrorView[];
  /** The cap that ended the run, if any. */
  readonly limit: LimitView | null;
  /** Label of handle h ("" if unknown). */
  handleLabel(h: number): string;
  /** Raw owner operand of handle h (-1 if unknown). */
  handleOwner(h: number): number;
  /** Whether handle h was scheduled as a timer (call_at / call_later). */
  handleIsTimer(h: number): boolean;
  /** Name of a task or label of a future, by object id (`#id` if never announced). */
  objectName(id: number): string;
  /** Creation-order position of task t (0 for the first task), -1 if unknown: stable per trace, so a colour per task. */
  taskSlot(t: number): number;
  /** Whether object id is a task. */
  isTask(id: number): boolean;
  /** Coroutine label of task t ("" if unknown). */
  taskCoro(t: number): string;
  /** Steps (ascending) in which task t ran. */
  taskSteps(t: number): Int32Array;
}

class GrowInt32 {
  a = new Int32Array(1024).fill(-1);
  set(i: number, v: number): void {
    if (i >= this.a.length) {
      let n = this.a.length;
      while (n <= i) n *= 2;
      const next = new Int32Array(n).fill(-1);
      next.set(this.a);
      this.a = next;
    }
    this.a[i] = v;
  }
  get(i: number): number {
    return i >= 0 && i < this.a.length ? this.a[i] : -1;
  }
}

const EMPTY = new Int32Array(0);

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
  // Handle facts: label string id, owner operand, timer flag (ids are dense from 0).
  const hLabel = new GrowInt32();
  const hOwner = new GrowInt32();
  const hTimer = new GrowInt32();
  const names = new Map<number, string>();
  const coros = new Map<number, string>();
  const tasks = new Map<number, number>(); // task id -> slot
  const taskIds: number[] = [];
  /** Innermost user line each task is suspended at (from its last TASK_STATE chain). */
  const suspendedAt = new Map<number, number>();
  const errors: ErrorView[] = [];
  let limit: LimitView | null = null;
  const byTask = new Map<number, number[]>();
  const iterFirst: number[] = [0];
  const console: ConsoleChunk[] = [];
  const blocks: BlockView[] = [];
  let step = 0;
  let time = 0;
  let iter = 0;
  let maxWhen = 0;
  for (let i = 0; i < ops.length; ) {
    const op = ops[i];
    const size = op > 0 && op < EVENT_SIZE.length ? EVENT_SIZE[op] : 0;
    if (size === 0) throw new Error(`trace: unknown opcode ${op} at offset ${i}`);
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
        hTimer.set(a, 0);
        break;
      case Op.AT: {
        hLabel.set(a, ops[i + 2]);
        hOwner.set(a, ops[i + 3]);
        hTimer.set(a, 1);
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
        if (t >= 0) {
          stepResumeLine[step] = suspendedAt.get(t) ?? 0;
          let l = byTask.get(t);
          if (!l) byTask.set(t, (l = []));
          l.push(step);
        }
        break;
      }
      case Op.TASK_NEW:
        if (!tasks.has(a)) {
          tasks.set(a, taskIds.length);
          taskIds.push(a);
        }
        names.set(a, S[ops[i + 2]]);
        coros.set(a, S[ops[i + 3]]);
        break;
      case Op.TASK_STATE: {
        suspendedAt.set(a, innermostLine(trace, ops[i + 4]));
        break;
      }
      case Op.FUT_NEW:
        if (!names.has(a)) names.set(a, S[ops[i + 2]]);
        break;
      case Op.OUT:
        console.push({ fd: a === 2 ? 2 : 1, text: S[ops[i + 2]], step });
        break;
      case Op.BLOCK:
        blocks.push({ kind: BLOCK_KIND_NAMES[a] ?? 'sleep', label: S[ops[i + 2]], start: time, duration: T[ops[i + 3]], step });
        break;
      case Op.ERROR:
        errors.push(errorRecord(a, ops[i + 2], ops[i + 3], S[ops[i + 4]], step));
        break;
      case Op.LIMIT:
        limit = limitRecord(a, S[ops[i + 2]], step);
        break;
    }
    i += size;
  }
  // Snapshot 0's clock: what it read when the first handle ran (or at the end, if none ran).
  stepTime[0] = N > 0 ? stepTime[1] : time;
  const steps = new Map<number, Int32Array>();
  for (const [t, l] of byTask) steps.set(t, Int32Array.from(l));
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
    console,
    lines: consoleLines(console),
    blocks,
    errors,
    limit,
    handleLabel: (h) => S[hLabel.get(h)] ?? '',
    handleOwner: (h) => hOwner.get(h),
    handleIsTimer: (h) => hTimer.get(h) === 1,
    objectName: (id) => names.get(id) ?? `#${id}`,
    taskSlot: (t) => tasks.get(t) ?? -1,
    isTask: (id) => tasks.has(id),
    taskCoro: (t) => coros.get(t) ?? '',
    taskSteps: (t) => steps.get(t) ?? EMPTY,
  };
}
