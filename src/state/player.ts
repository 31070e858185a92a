// Replays a recorded trace for the UI: an index built once per trace (what
// each step ran, its time, lines, output), a mutable snapshot that moves
// forward by applying events, and keyframes so that a seek backwards or a jump
// costs at most one keyframe interval of events. Pure: no DOM, no store.
//
// Step k (0..N): k = 0 is the state before the first handle runs; step k >= 1
// is the state after the k-th handle ran and the loop went on up to (not
// including) the next handle: timers that fell due in between are already in
// the ready queue, the clock already jumped.

import { OPERANDS, Op, TASK_STATE_NAMES, TaskState, type Trace, type TaskStateName, LIMIT_NAMES } from '../trace/schema.ts';

export type FutureStateName = 'pending' | 'done' | 'cancelled' | 'failed';
/** FUT_DONE's state operand uses the TaskState codes DONE / CANCELLED / FAILED. */
function futState(code: number): FutureStateName {
  if (code === TaskState.DONE) return 'done';
  if (code === TaskState.CANCELLED) return 'cancelled';
  if (code === TaskState.FAILED) return 'failed';
  return 'pending';
}

export interface HandleInfo {
  label: string;
  /** Task it steps (>= 0), -1 none. */
  task: number;
  /** Future whose done callback it is, or -1. */
  callbackOf: number;
  timer: boolean;
}

export interface OutputLine {
  fd: 1 | 2;
  text: string;
  /** Step at which it was printed: the k whose snapshot first includes it. */
  step: number;
  time: number;
}

export interface BlockInfo {
  step: number;
  start: number;
  duration: number;
  label: string;
  kind: number;
}

export interface ErrorInfo {
  kind: number;
  line: number;
  col: number;
  message: string;
  step: number;
}

export interface TraceIndex {
  trace: Trace;
  n: number;
  handles: Map<number, HandleInfo>;
  stepHandle: Int32Array;
  stepTask: Int32Array;
  stepIter: Int32Array;
  /** Virtual time at which step i (0-based) ran. */
  stepTime: Float64Array;
  /** User lines executed per step (0-based), from LINE events. */
  stepLines: number[][];
  output: OutputLine[];
  /** output index boundaries: outputAt[k] = number of lines visible at step k. */
  outputAt: Int32Array;
  blocks: BlockInfo[];
  errors: ErrorInfo[];
  limit: { kind: string; message: string } | null;
  exitCode: number | null;
  endTime: number;
  /** Latest deadline of any timer set in the run. */
  maxWhen: number;
  /** Task id -> colour slot (creation order). */
  taskColour: Map<number, number>;
  taskName: Map<number, string>;
  futureName: Map<number, string>;
}

export interface TaskView {
  id: number;
  name: string;
  coro: string;
  line: number;
  state: TaskStateName;
  waitOn: number;
  chain: number[];
  colour: number;
}

export interface FutureView {
  id: number;
  label: string;
  line: number;
  state: FutureStateName;
  text: string;
  callbacks: string[];
  awaitedBy: number[];
}

export interface ReadyView {
  id: number;
  label: string;
  task: number;
  callbackOf: number;
  cancelled: boolean;
}

export interface TimerView extends ReadyView {
  when: number;
}

export interface Snapshot {
  k: number;
  n: number;
  time: number;
  iteration: number;
  ready: ReadyView[];
  running: ReadyView | null;
  timers: TimerView[];
  tasks: TaskView[];
  futures: FutureView[];
  outCount: number;
  blocks: BlockInfo[];
  finished: boolean;
}

interface TimerState {
  when: number;
  cancelled: boolean;
}
interface TaskRec {
  id: number;
  name: string;
  coro: string;
  line: number;
  state: number;
  waitOn: number;
  chain: number;
}
interface FutState {
  id: number;
  label: string;
  line: number;
  state: number;
  text: number;
  callbacks: string[];
}

interface LiveState {
  ready: number[];
  head: number;
  cancelled: Set<number>;
  timers: Map<number, TimerState>;
  tasks: Map<number, TaskRec>;
  futures: Map<number, FutState>;
  time: number;
  iteration: number;
  outCount: number;
}

function emptyState(): LiveState {
  return {
    ready: [],
    head: 0,
    cancelled: new Set(),
    timers: new Map(),
    tasks: new Map(),
    futures: new Map(),
    time: 0,
    iteration: 0,
    outCount: 0,
  };
}

function cloneState(s: LiveState): LiveState {
  const timers = new Map<number, TimerState>();
  for (const [k, v] of s.timers) timers.set(k, { ...v });
  const tasks = new Map<number, TaskRec>();
  for (const [k, v] of s.tasks) tasks.set(k, { ...v });
  const futures = new Map<number, FutState>();
  for (const [k, v] of s.futures) futures.set(k, { ...v, callbacks: v.callbacks.slice() });
  return {
    ready: s.ready.slice(s.head),
    head: 0,
    cancelled: new Set(s.cancelled),
    timers,
    tasks,
    futures,
    time: s.time,
    iteration: s.iteration,
    outCount: s.outCount,
  };
}

export function buildIndex(trace: Trace): TraceIndex {
  const { ops, strings, times, steps } = trace;
  const n = steps.length;
  const handles = new Map<number, HandleInfo>();
  const stepHandle = new Int32Array(n);
  const stepTask = new Int32Array(n).fill(-1);
  const stepIter = new Int32Array(n);
  const stepTime = new Float64Array(n);
  const stepLines: number[][] = Array.from({ length: n }, () => []);
  const output: OutputLine[] = [];
  const outputAt = new Int32Array(n + 1);
  const blocks: BlockInfo[] = [];
  const errors: ErrorInfo[] = [];
  const taskColour = new Map<number, number>();
  const taskName = new Map<number, string>();
  const futureName = new Map<number, string>();
  let limit: TraceIndex['limit'] = null;
  let exitCode: number | null = null;
  let maxWhen = 0;
  /** Innermost user line each task is suspended at (from TASK_STATE chains). */
  const suspendedAt = new Map<number, number>();
  let time = 0;
  let iter = 0;
  let step = 0; // RUNs seen so far
  let i = 0;
  while (i < ops.length) {
    const op = ops[i];
    const a = ops[i + 1];
    switch (op) {
      case Op.CLOCK:
        time = times[a];
        break;
      case Op.ITER:
        iter = a;
        break;
      case Op.SOON:
      case Op.AT: {
        const owner = ops[i + 3];
        handles.set(a, {
          label: strings[ops[i + 2]] ?? '',
          task: owner >= 0 ? owner : -1,
          callbackOf: owner <= -2 ? -owner - 2 : -1,
          timer: op === Op.AT,
        });
        if (op === Op.AT) maxWhen = Math.max(maxWhen, times[ops[i + 4]]);
        break;
      }
      case Op.RUN: {
        stepHandle[step] = a;
        stepTask[step] = handles.get(a)?.task ?? -1;
        stepIter[step] = iter;
        stepTime[step] = time;
        outputAt[step] = output.length;
        // The step resumes its task where it was suspended.
        const resume = suspendedAt.get(stepTask[step]);
        if (resume) stepLines[step].push(resume);
        step++;
        break;
      }
      case Op.TASK_STATE: {
        const chain = ops[i + 4];
        const lines = chain > 0 ? parseChain(strings[chain]) : [];
        const inner = lines.length ? lines[lines.length - 1] : 0;
        if (inner) suspendedAt.set(a, inner);
        else suspendedAt.delete(a);
        // ...and ends where it suspends again.
        if (inner && step > 0 && stepTask[step - 1] === a && !stepLines[step - 1].includes(inner)) stepLines[step - 1].push(inner);
        break;
      }
      case Op.LINE:
        if (step > 0 && ops[i + 2] > 0) {
          const l = stepLines[step - 1];
          if (!l.includes(ops[i + 2])) l.push(ops[i + 2]);
        }
        break;
      case Op.OUT:
        output.push({ fd: a === 2 ? 2 : 1, text: strings[ops[i + 2]] ?? '', step, time });
        break;
      case Op.BLOCK:
        blocks.push({ step, start: time, duration: times[ops[i + 3]], label: strings[ops[i + 2]] ?? '', kind: a });
        break;
      case Op.ERROR:
        errors.push({ kind: a, line: ops[i + 2], col: ops[i + 3], message: strings[ops[i + 4]] ?? '', step });
        break;
      case Op.LIMIT:
        limit = { kind: LIMIT_NAMES[a] ?? String(a), message: strings[ops[i + 2]] ?? '' };
        break;
      case Op.EXIT:
        exitCode = a;
        break;
      case Op.TASK_NEW:
        if (!taskColour.has(a)) taskColour.set(a, taskColour.size);
        taskName.set(a, strings[ops[i + 2]] ?? `Task ${a}`);
        break;
      case Op.FUT_NEW:
        futureName.set(a, strings[ops[i + 2]] ?? `Future ${a}`);
        break;
    }
    i += 1 + (OPERANDS[op] ?? 0);
  }
  // outputAt[k]: lines printed before step k+1 starts, i.e. visible in snapshot k.
  for (let k = 0; k < n; k++) outputAt[k] = countBefore(output, k);
  outputAt[n] = output.length;
  return {
    trace,
    n,
    handles,
    stepHandle,
    stepTask,
    stepIter,
    stepTime,
    stepLines,
    output,
    outputAt,
    blocks,
    errors,
    limit,
    exitCode,
    endTime: time,
    maxWhen,
    taskColour,
    taskName,
    futureName,
  };
}

function countBefore(output: OutputLine[], k: number): number {
  // output[].step = RUNs seen when printed; visible at snapshot k iff step <= k.
  let lo = 0;
  let hi = output.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (output[mid].step <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export class Player {
  readonly index: TraceIndex;
  private state: LiveState = emptyState();
  /** Events applied so far (ops index). */
  private pos = 0;
  private k = 0;
  private readonly interval: number;
  private readonly keyframes: { k: number; pos: number; state: LiveState }[] = [];

  constructor(trace: Trace) {
    this.index = buildIndex(trace);
    const n = this.index.n;
    this.interval = Math.max(32, Math.ceil(n / 400));
    // Build keyframes in one forward pass.
    this.keyframes.push({ k: 0, pos: this.endOf(0), state: cloneState(this.applyTo(this.endOf(0))) });
    for (let k = this.interval; k <= n; k += this.interval) {
      this.applyTo(this.endOf(k));
      this.keyframes.push({ k, pos: this.pos, state: cloneState(this.state) });
    }
    this.restore(0);
  }

  get n(): number {
    return this.index.n;
  }

  /** ops index where snapshot k ends (exclusive). */
  endOf(k: number): number {
    const { steps, ops } = this.index.trace;
    return k < steps.length ? steps[k] : ops.length;
  }

  private restore(i: number): void {
    const kf = this.keyframes[i];
    this.state = cloneState(kf.state);
    this.pos = kf.pos;
    this.k = kf.k;
  }

  /** Move the live state to step k. */
  seek(k: number): void {
    k = Math.max(0, Math.min(this.index.n, k | 0));
    if (k < this.k || k - this.k > this.interval) {
      const i = Math.min(this.keyframes.length - 1, Math.floor(k / this.interval));
      if (!(this.k <= k && this.k >= this.keyframes[i].k)) this.restore(i);
    }
    this.applyTo(this.endOf(k));
    this.k = k;
  }

  private applyTo(end: number): LiveState {
    const { ops, strings, times } = this.index.trace;
    const s = this.state;
    let i = this.pos;
    while (i < end) {
      const op = ops[i];
      const a = ops[i + 1];
      switch (op) {
        case Op.CLOCK:
          s.time = times[a];
          break;
        case Op.ITER:
          s.iteration = a;
          break;
        case Op.SOON:
          s.ready.push(a);
          break;
        case Op.AT:
          s.timers.set(a, { when: times[ops[i + 4]], cancelled: false });
          break;
        case Op.DUE:
          s.timers.delete(a);
          s.ready.push(a);
          break;
        case Op.CANCEL: {
          const t = s.timers.get(a);
          if (t) t.cancelled = true;
          else s.cancelled.add(a);
          break;
        }
        case Op.RUN:
        case Op.SKIP: {
          if (s.ready[s.head] === a) s.head++;
          else {
            const j = s.ready.indexOf(a, s.head);
            if (j >= 0) s.ready.splice(j, 1);
          }
          if (op === Op.SKIP) s.cancelled.delete(a);
          if (s.head > 1024 && s.head * 2 > s.ready.length) {
            s.ready = s.ready.slice(s.head);
            s.head = 0;
          }
          break;
        }
        case Op.TASK_NEW: {
          const t = s.tasks.get(a);
          const name = strings[ops[i + 2]] ?? '';
          if (t) {
            t.name = name;
            t.coro = strings[ops[i + 3]] ?? t.coro;
          } else {
            s.tasks.set(a, {
              id: a,
              name,
              coro: strings[ops[i + 3]] ?? '',
              line: ops[i + 4],
              state: 0,
              waitOn: -1,
              chain: -1,
            });
          }
          break;
        }
        case Op.TASK_STATE: {
          const t = s.tasks.get(a);
          if (t) {
            t.state = ops[i + 2];
            t.waitOn = ops[i + 3];
            t.chain = ops[i + 4];
          }
          break;
        }
        case Op.FUT_NEW:
          if (!s.futures.has(a))
            s.futures.set(a, { id: a, label: strings[ops[i + 2]] ?? '', line: ops[i + 3], state: 0, text: 0, callbacks: [] });
          break;
        case Op.FUT_CB: {
          const f = s.futures.get(a);
          if (f) f.callbacks.push(strings[ops[i + 2]] ?? '');
          break;
        }
        case Op.FUT_DONE: {
          const f = s.futures.get(a);
          if (f) {
            f.state = ops[i + 2];
            f.text = ops[i + 3];
          }
          break;
        }
        case Op.OUT:
          s.outCount++;
          break;
      }
      i += 1 + (OPERANDS[op] ?? 0);
    }
    this.pos = i;
    return s;
  }

  /** A plain, immutable view of step k for the panels. */
  snapshot(k: number, caps: { ready?: number; futures?: number } = {}): Snapshot {
    this.seek(k);
    const s = this.state;
    const ix = this.index;
    const strings = ix.trace.strings;
    const handleView = (id: number): ReadyView => {
      const h = ix.handles.get(id);
      return {
        id,
        label: h?.label || `handle ${id}`,
        task: h?.task ?? -1,
        callbackOf: h?.callbackOf ?? -1,
        cancelled: s.cancelled.has(id),
      };
    };
    const readyCap = caps.ready ?? Infinity;
    const ready: ReadyView[] = [];
    for (let i = s.head; i < s.ready.length && ready.length < readyCap; i++) ready.push(handleView(s.ready[i]));
    const timers: TimerView[] = [];
    for (const [id, t] of s.timers) {
      // The engine drops a cancelled timer silently when it reaches the heap's head.
      if (t.cancelled && t.when <= s.time) continue;
      timers.push({ ...handleView(id), when: t.when, cancelled: t.cancelled });
    }
    timers.sort((x, y) => x.when - y.when || x.id - y.id);
    const awaited = new Map<number, number[]>();
    const tasks: TaskView[] = [];
    // Tasks with a step handle in the ready queue are ready; the task of step k is running.
    const queuedTasks = new Set<number>();
    for (let i = s.head; i < s.ready.length; i++) {
      const h = ix.handles.get(s.ready[i]);
      if (h && h.task >= 0 && !s.cancelled.has(s.ready[i])) queuedTasks.add(h.task);
    }
    const runningTask = k > 0 ? ix.stepTask[k - 1] : -1;
    const displayState = (t: TaskRec): TaskStateName => {
      if (t.id === runningTask) return 'running';
      const rec = TASK_STATE_NAMES[t.state] ?? 'pending';
      if (rec === 'done' || rec === 'cancelled' || rec === 'failed') return rec;
      if (queuedTasks.has(t.id)) return 'ready';
      return rec === 'running' ? 'waiting' : rec;
    };
    for (const t of s.tasks.values()) {
      if (t.waitOn >= 0) {
        const l = awaited.get(t.waitOn);
        if (l) l.push(t.id);
        else awaited.set(t.waitOn, [t.id]);
      }
      tasks.push({
        id: t.id,
        name: t.name,
        coro: t.coro,
        line: t.line,
        state: displayState(t),
        waitOn: t.waitOn,
        chain: t.chain > 0 ? parseChain(strings[t.chain]) : [],
        colour: ix.taskColour.get(t.id) ?? 0,
      });
    }
    let futures: FutureView[] = [];
    for (const f of s.futures.values()) {
      futures.push({
        id: f.id,
        label: f.label,
        line: f.line,
        state: futState(f.state),
        text: f.text > 0 ? strings[f.text] : '',
        callbacks: f.callbacks,
        awaitedBy: awaited.get(f.id) ?? [],
      });
    }
    const futCap = caps.futures ?? Infinity;
    if (futures.length > futCap) {
      // Keep every pending future and the most recent finished ones.
      const pending = futures.filter((f) => f.state === 'pending');
      const doneF = futures.filter((f) => f.state !== 'pending');
      futures = pending.concat(doneF.slice(Math.max(0, doneF.length - Math.max(0, futCap - pending.length))));
    }
    return {
      k,
      n: ix.n,
      time: s.time,
      iteration: s.iteration,
      ready,
      running: k > 0 ? handleView(ix.stepHandle[k - 1]) : null,
      timers,
      tasks,
      futures,
      outCount: s.outCount,
      blocks: ix.blocks.filter((b) => b.step <= k),
      finished: k === ix.n,
    };
  }

  /** Total handles in the ready queue at the current position (uncapped). */
  readyLength(): number {
    return this.state.ready.length - this.state.head;
  }

  /** k of the last step of the iteration that step k+1 belongs to. */
  nextIteration(k: number): number {
    const ix = this.index;
    if (k >= ix.n) return ix.n;
    const it = ix.stepIter[k];
    let j = k;
    while (j < ix.n && ix.stepIter[j] === it) j++;
    return j;
  }

  /** k of the last step of the iteration before the one step k belongs to. */
  prevIteration(k: number): number {
    const ix = this.index;
    if (k <= 0) return 0;
    const it = ix.stepIter[k - 1];
    let j = k - 1;
    while (j > 0 && ix.stepIter[j - 1] === it) j--;
    return j;
  }
}

function parseChain(s: string | undefined): number[] {
  if (!s) return [];
  return s
    .split('>')
    .map((x) => parseInt(x, 10))
    .filter((x) => x > 0);
}

/** The ops of step k (1-based) through the end of snapshot k. */
export function stepEvents(index: TraceIndex, k: number): [number, number] {
  const { steps, ops } = index.trace;
  if (k <= 0) return [0, steps.length ? steps[0] : ops.length];
  const start = steps[k - 1];
  const end = k < steps.length ? steps[k] : ops.length;
  return [start, end];
}
