// What the loop looked like at one step, and the reducer that gets it there.
//
// Two representations, on purpose:
// - `LoopState` is a working copy (a draft) that `applyEvent` moves forward one
//   event at a time, in place. Replaying 10^4-10^5 events per seek must not
//   allocate a whole state per event; the reducer is still deterministic and
//   depends on nothing but the draft and the event, so any two drafts fed the
//   same events agree.
// - `Snapshot` is what callers get: plain, immutable data (frozen top level and
//   lists; element records are never mutated after creation, so consecutive
//   snapshots may share them). `materialize(draft)` makes one.
//
// Step k (see docs/trace-format.md): k = 0 is everything before the first RUN
// (the program's top level); k >= 1 is after the k-th handle ran and the loop
// went on up to, not including, the next RUN (so timers that fell due and a
// clock jump in between are included). The last step runs to the end of the trace.

import { PVec } from './pvec.ts';
import { EVENT_SIZE, stepEnd } from './decode.ts';
import {
  BLOCK_KIND_NAMES,
  ERROR_KIND_NAMES,
  LIMIT_NAMES,
  Op,
  TASK_STATE_NAMES,
  TaskState,
  chainLines,
  ownerCallbackOf,
  ownerTask,
  type BlockKindName,
  type ErrorKindName,
  type LimitKindName,
  type TaskStateName,
  type Trace,
} from './schema.ts';

// ---- the public, immutable shape ------------------------------------------------

export type HandleKind = 'soon' | 'timer';
export type FutureStateName = 'pending' | 'done' | 'cancelled' | 'failed';

/** A handle in the ready queue (or the one running). */
export interface HandleView {
  readonly id: number;
  readonly label: string;
  /** Raw owner operand (decoded by schema.ts ownerTask / ownerCallbackOf). */
  readonly owner: number;
  /** Task the handle steps or wakes, or null. */
  readonly task: number | null;
  /** Future/task whose done callback this is, or null. */
  readonly callbackOf: number | null;
  /** 'soon': queued by call_soon; 'timer': a timer that fell due. */
  readonly kind: HandleKind;
  /** Cancelled while queued: it will be SKIPped, not run. */
  readonly cancelled: boolean;
}

/** The handle run in a step. */
export interface RunningView extends HandleView {
  /** Last user line reported by a LINE event during this step, 0 if none. */
  readonly lastLine: number;
}

export interface TimerView {
  readonly id: number;
  readonly label: string;
  readonly owner: number;
  readonly task: number | null;
  readonly callbackOf: number | null;
  /** Virtual time it is due. */
  readonly when: number;
  /** Scheduling order among all timers (tie-break for equal `when`). */
  readonly seq: number;
  readonly cancelled: boolean;
}

export interface TaskView {
  readonly id: number;
  readonly name: string;
  /** The coroutine, e.g. "main()". */
  readonly coro: string;
  /** User line that created the task, 0 if unknown. */
  readonly createdLine: number;
  readonly state: TaskStateName;
  /** Future or task (one id space) it waits on, or null. */
  readonly waitOn: number | null;
  /** Await chain, user lines outermost first (empty if unknown). */
  readonly chain: readonly number[];
  /** Last user line from a LINE event for this task, 0 if none. */
  readonly lastLine: number;
  /** Result / exception repr once the task finished ("" before). */
  readonly text: string;
  /** Labels of done callbacks added to the task (gather's, user ones). */
  readonly callbacks: readonly string[];
  /** Tasks whose waitOn is this task. */
  readonly awaitedBy: readonly number[];
}

export interface FutureView {
  readonly id: number;
  readonly label: string;
  readonly createdLine: number;
  readonly state: FutureStateName;
  /** Result or exception repr once finished ("" before, and for cancelled). */
  readonly text: string;
  /** Labels of done callbacks added, in order. */
  readonly callbacks: readonly string[];
  /** Tasks whose waitOn is this future. */
  readonly awaitedBy: readonly number[];
}

export interface ConsoleChunk {
  readonly fd: 1 | 2;
  readonly text: string;
  /** Step during which it was written. */
  readonly step: number;
}

export interface BlockView {
  readonly kind: BlockKindName;
  readonly label: string;
  /** Virtual time the block started. */
  readonly start: number;
  readonly duration: number;
  readonly step: number;
}

export interface LimitView {
  readonly kind: LimitKindName;
  readonly message: string;
  readonly step: number;
}

export interface ErrorView {
  readonly kind: ErrorKindName;
  readonly line: number;
  readonly col: number;
  readonly message: string;
  readonly step: number;
}

export interface Snapshot {
  readonly step: number;
  /** Virtual clock, seconds. */
  readonly time: number;
  /** Loop iteration (0 before the first). */
  readonly iteration: number;
  /** The handle run in this step (null for step 0). */
  readonly running: RunningView | null;
  /** Ready queue, head first. */
  readonly ready: readonly HandleView[];
  /** Pending timers sorted by (when, seq). */
  readonly timers: readonly TimerView[];
  /** Every task created so far, in creation order. */
  readonly tasks: readonly TaskView[];
  /** Every (non-task) future seen so far, in creation order. */
  readonly futures: readonly FutureView[];
  /** Output so far, as written (chunks, not lines: see consoleLines). */
  readonly console: readonly ConsoleChunk[];
  /** Blocking calls so far. */
  readonly blocks: readonly BlockView[];
  readonly limit: LimitView | null;
  /** The last ERROR event seen, if any. */
  readonly error: ErrorView | null;
  readonly exitCode: number | null;
}

// ---- the working copy -----------------------------------------------------------

/**
 * Facts that, once learnt, are the same for every draft of one trace: which
 * ids are tasks or futures and their slot in creation order. Drafts forked
 * from one another share it; replays agree on it because slots are assigned
 * in event order.
 */
class Catalog {
  readonly taskSlot = new Map<number, number>();
  readonly futSlot = new Map<number, number>();
}

// Opcodes as module constants: the reducer's switch compares against locals,
// not a property read of an imported object per case (measurably slower under
// dev-mode module transforms, which turn imports into getters).
const CLOCK = Op.CLOCK;
const ITER = Op.ITER;
const SOON = Op.SOON;
const AT = Op.AT;
const DUE = Op.DUE;
const CANCEL = Op.CANCEL;
const RUN = Op.RUN;
const DONE = Op.DONE;
const SKIP = Op.SKIP;
const TASK_NEW = Op.TASK_NEW;
const TASK_STATE = Op.TASK_STATE;
const FUT_NEW = Op.FUT_NEW;
const FUT_CB = Op.FUT_CB;
const FUT_DONE = Op.FUT_DONE;
const OUT = Op.OUT;
const BLOCK = Op.BLOCK;
const LIMIT = Op.LIMIT;
const ERROR = Op.ERROR;
const EXIT = Op.EXIT;
const LINE = Op.LINE;

const NO_LINES: readonly number[] = Object.freeze([]);
const NO_STRINGS: readonly string[] = Object.freeze([]);
/** Timers within this of the clock count as due (the engine's clock resolution). */
const RESOLUTION = 1e-9;

const ST_DONE = TaskState.DONE;
const ST_CANCELLED = TaskState.CANCELLED;
const ST_FAILED = TaskState.FAILED;
const STATE_NAMES: readonly TaskStateName[] = TASK_STATE_NAMES;

function futState(code: number): FutureStateName {
  if (code === ST_DONE) return 'done';
  if (code === ST_CANCELLED) return 'cancelled';
  if (code === ST_FAILED) return 'failed';
  return 'pending';
}

// Records are built by these functions, always with every field in one order:
// one hidden class per record type keeps the reducer's property reads
// monomorphic, and is several times faster than object spread here.
function taskRecord(t: TaskView, p: Partial<TaskView>): TaskView {
  return {
    id: t.id,
    name: p.name ?? t.name,
    coro: p.coro ?? t.coro,
    createdLine: p.createdLine ?? t.createdLine,
    state: p.state ?? t.state,
    waitOn: p.waitOn !== undefined ? p.waitOn : t.waitOn,
    chain: p.chain ?? t.chain,
    lastLine: p.lastLine ?? t.lastLine,
    text: p.text ?? t.text,
    callbacks: p.callbacks ?? t.callbacks,
    awaitedBy: p.awaitedBy ?? t.awaitedBy,
  };
}

/** taskRecord for the hot path (a step changes state, waitOn, chain): no patch object. */
function taskStep(t: TaskView, state: TaskStateName, waitOn: number | null, chain: readonly number[]): TaskView {
  return {
    id: t.id,
    name: t.name,
    coro: t.coro,
    createdLine: t.createdLine,
    state,
    waitOn,
    chain,
    lastLine: t.lastLine,
    text: t.text,
    callbacks: t.callbacks,
    awaitedBy: t.awaitedBy,
  };
}

function futureRecord(f: FutureView, p: Partial<FutureView>): FutureView {
  return {
    id: f.id,
    label: p.label ?? f.label,
    createdLine: p.createdLine ?? f.createdLine,
    state: p.state ?? f.state,
    text: p.text ?? f.text,
    callbacks: p.callbacks ?? f.callbacks,
    awaitedBy: p.awaitedBy ?? f.awaitedBy,
  };
}

function handleRecord(id: number, label: string, owner: number, kind: HandleKind, cancelled: boolean): HandleView {
  return { id, label, owner, task: ownerTask(owner), callbackOf: ownerCallbackOf(owner), kind, cancelled };
}

function runningRecord(h: HandleView, lastLine: number): RunningView {
  return { id: h.id, label: h.label, owner: h.owner, task: h.task, callbackOf: h.callbackOf, kind: h.kind, cancelled: false, lastLine };
}

function timerRecord(t: TimerView, cancelled: boolean): TimerView {
  return { id: t.id, label: t.label, owner: t.owner, task: t.task, callbackOf: t.callbackOf, when: t.when, seq: t.seq, cancelled };
}

/** LIMIT(kind, message) in step `step` (shared with the whole-trace index). */
export function limitRecord(kind: number, message: string, step: number): LimitView {
  return { kind: LIMIT_NAMES[kind] ?? 'stopped', message, step };
}

/** ERROR(kind, line, col, message) in step `step` (shared with the whole-trace index). */
export function errorRecord(kind: number, line: number, col: number, message: string, step: number): ErrorView {
  return { kind: ERROR_KIND_NAMES[kind] ?? 'internal', line, col, message, step };
}

/** The side tables the reducer reads operands through. */
type TraceTables = Pick<Trace, 'strings' | 'times' | 'chains'>;

/** The draft `applyEvent` works on. Create with `new LoopState(trace)`; never hand it to UI code. */
export class LoopState {
  step = 0;
  time = 0;
  iteration = 0;
  running: RunningView | null = null;
  /** State the running task had before its RUN, and whether a TASK_STATE for it came since. */
  private runPrev: TaskStateName = 'ready';
  private runTouched = false;

  // Ready queue: ready[head..] in order. Popped entries are left behind and
  // compacted now and then, so a pop costs O(1).
  private ready: HandleView[] = [];
  private head = 0;
  /** Cancelled handles still queued or pending as timers. */
  private cancelled = new Set<number>();
  /** Pending timers in scheduling order (a Map keeps insertion order). */
  private timers = new Map<number, TimerView>();
  private timerSeq = 0;

  private tasks = new PVec<TaskView>();
  private futures = new PVec<FutureView>();

  // Append-only logs shared between forks: a draft sees the first `n` entries.
  // A fork that replays an event already logged by another finds the same
  // entry there (replays are deterministic) and only moves its own count.
  private consoleLog: ConsoleChunk[];
  private consoleLen = 0;
  private blockLog: BlockView[];
  private blockLen = 0;

  limit: LimitView | null = null;
  error: ErrorView | null = null;
  exitCode: number | null = null;

  private readonly strings: readonly string[];
  private readonly times: readonly number[];
  private readonly trace: TraceTables;
  private readonly cat: Catalog;

  constructor(trace: TraceTables, from?: LoopState) {
    this.trace = trace;
    this.strings = trace.strings;
    this.times = trace.times;
    if (!from) {
      this.cat = new Catalog();
      this.consoleLog = [];
      this.blockLog = [];
      return;
    }
    this.cat = from.cat;
    this.step = from.step;
    this.time = from.time;
    this.iteration = from.iteration;
    this.running = from.running;
    this.runPrev = from.runPrev;
    this.runTouched = from.runTouched;
    this.ready = from.ready.slice(from.head);
    this.cancelled = new Set(from.cancelled);
    this.timers = new Map(from.timers);
    this.timerSeq = from.timerSeq;
    this.tasks = from.tasks.fork();
    this.futures = from.futures.fork();
    this.consoleLog = from.consoleLog;
    this.consoleLen = from.consoleLen;
    this.blockLog = from.blockLog;
    this.blockLen = from.blockLen;
    this.limit = from.limit;
    this.error = from.error;
    this.exitCode = from.exitCode;
  }

  /**
   * What a keyframe of this draft holds, in pointers: the queue, the timers
   * and the chunk tables of tasks and futures (records are shared, see pvec.ts).
   */
  get size(): number {
    return this.ready.length - this.head + this.timers.size + ((this.tasks.length + this.futures.length) >> 7) + 1;
  }

  /** An independent copy: both may go on applying events. Costs O(queue + timers + tasks/128). */
  fork(): LoopState {
    return new LoopState(this.trace, this);
  }

  // ---- the reducer ----------------------------------------------------------
  /** Apply one event (see applyEvent). Operands past the event's own are ignored. */
  apply(op: number, a: number, b: number, c: number, d: number): void {
    const S = this.strings;
    switch (op) {
      case CLOCK:
        this.time = this.times[a];
        break;
      case ITER:
        this.iteration = a;
        // The engine drops cancelled timers silently as they come due; the
        // trace has no event for that, so they leave the list here.
        if (this.cancelled.size) {
          const end = this.time + RESOLUTION;
          for (const [h, t] of this.timers) {
            if (t.when < end && this.cancelled.has(h)) {
              this.timers.delete(h);
              this.cancelled.delete(h);
            }
          }
        }
        break;
      case SOON: {
        const task = ownerTask(c);
        this.ready.push(handleRecord(a, S[b], c, 'soon', false));
        // A waiting task whose wakeup is queued is ready to run again; waitOn
        // keeps the future that woke it until its next TASK_STATE. A new task
        // whose first step is queued is ready too (not merely 'pending').
        if (task !== null) {
          const slot = this.cat.taskSlot.get(task);
          if (slot !== undefined && slot < this.tasks.length) {
            const t = this.tasks.get(slot);
            if (t.state === 'waiting' || t.state === 'pending') this.tasks.set(slot, taskStep(t, 'ready', t.waitOn, t.chain));
          }
        }
        break;
      }
      case AT: {
        this.timers.set(a, {
          id: a,
          label: S[b],
          owner: c,
          task: ownerTask(c),
          callbackOf: ownerCallbackOf(c),
          when: this.times[d],
          seq: this.timerSeq++,
          cancelled: false,
        });
        break;
      }
      case DUE: {
        const t = this.timers.get(a);
        if (!t) break;
        this.timers.delete(a);
        this.ready.push(handleRecord(a, t.label, t.owner, 'timer', false));
        break;
      }
      case CANCEL:
        if (this.timers.has(a) || this.queued(a)) this.cancelled.add(a);
        break;
      case RUN: {
        const h = this.dequeue(a);
        this.step++;
        const base = h ?? handleRecord(a, '', -1, 'soon', false);
        this.running = runningRecord(base, 0);
        this.runTouched = false;
        if (base.task !== null) {
          const slot = this.cat.taskSlot.get(base.task);
          if (slot !== undefined && slot < this.tasks.length) {
            const t = this.tasks.get(slot);
            this.runPrev = t.state;
            this.tasks.set(slot, taskStep(t, 'running', t.waitOn, t.chain));
          }
        }
        break;
      }
      case DONE: {
        const r = this.running;
        // A task step that reported no state leaves 'running' for the state it had.
        if (r && r.id === a && r.task !== null && !this.runTouched) {
          const slot = this.cat.taskSlot.get(r.task);
          if (slot !== undefined && slot < this.tasks.length) {
            const t = this.tasks.get(slot);
            if (t.state === 'running') this.tasks.set(slot, taskStep(t, this.runPrev, t.waitOn, t.chain));
          }
        }
        this.runTouched = true;
        break;
      }
      case SKIP:
        this.dequeue(a);
        break;
      case TASK_NEW: {
        const slot = this.cat.taskSlot.get(a);
        if (slot !== undefined && slot < this.tasks.length) {
          // Renamed (Task.set_name re-announces the task): keep its history.
          const t = this.tasks.get(slot);
          this.tasks.set(slot, taskRecord(t, { name: S[b], coro: S[c], createdLine: d || t.createdLine }));
          break;
        }
        if (slot === undefined) this.cat.taskSlot.set(a, this.tasks.length);
        this.tasks.push({
          id: a,
          name: S[b],
          coro: S[c],
          createdLine: d,
          state: 'pending',
          waitOn: null,
          chain: NO_LINES,
          lastLine: 0,
          text: '',
          callbacks: NO_STRINGS,
          awaitedBy: NO_LINES,
        });
        break;
      }
      case TASK_STATE: {
        const slot = this.cat.taskSlot.get(a);
        if (slot === undefined || slot >= this.tasks.length) break;
        const t = this.tasks.get(slot);
        const waitOn = c >= 0 ? c : null;
        if (this.running && this.running.task === a) this.runTouched = true;
        if (waitOn !== t.waitOn) {
          if (t.waitOn !== null) this.awaiter(t.waitOn, a, false);
          if (waitOn !== null) this.awaiter(waitOn, a, true);
        }
        // Re-read: awaiter() may have replaced this task's record (a task awaiting itself is impossible, but be safe).
        this.tasks.set(slot, taskStep(this.tasks.get(slot), STATE_NAMES[b] ?? 'pending', waitOn, chainLines(this.trace, d)));
        break;
      }
      case FUT_NEW: {
        let slot = this.cat.futSlot.get(a);
        if (slot !== undefined && slot < this.futures.length) break;
        if (slot === undefined) {
          slot = this.futures.length;
          this.cat.futSlot.set(a, slot);
        }
        this.futures.push({ id: a, label: S[b], createdLine: c, state: 'pending', text: '', callbacks: NO_STRINGS, awaitedBy: NO_LINES });
        break;
      }
      case FUT_CB: {
        const fs = this.cat.futSlot.get(a);
        if (fs !== undefined && fs < this.futures.length) {
          const f = this.futures.get(fs);
          this.futures.set(fs, futureRecord(f, { callbacks: [...f.callbacks, S[b]] }));
          break;
        }
        const ts = this.cat.taskSlot.get(a);
        if (ts !== undefined && ts < this.tasks.length) {
          const t = this.tasks.get(ts);
          this.tasks.set(ts, taskRecord(t, { callbacks: [...t.callbacks, S[b]] }));
        }
        break;
      }
      case FUT_DONE: {
        const fs = this.cat.futSlot.get(a);
        if (fs !== undefined && fs < this.futures.length) {
          const f = this.futures.get(fs);
          this.futures.set(fs, futureRecord(f, { state: futState(b), text: S[c] }));
          break;
        }
        const ts = this.cat.taskSlot.get(a);
        if (ts !== undefined && ts < this.tasks.length) {
          const t = this.tasks.get(ts);
          const st = futState(b);
          this.tasks.set(ts, taskRecord(t, { text: S[c], state: st === 'pending' ? t.state : st }));
        }
        break;
      }
      case OUT:
        this.consoleLen = logAppend(this.consoleLog, this.consoleLen, { fd: a === 2 ? 2 : 1, text: S[b], step: this.step });
        break;
      case BLOCK:
        this.blockLen = logAppend(this.blockLog, this.blockLen, {
          kind: BLOCK_KIND_NAMES[a] ?? 'sleep',
          label: S[b],
          start: this.time,
          duration: this.times[c],
          step: this.step,
        });
        break;
      case LIMIT:
        this.limit = limitRecord(a, S[b], this.step);
        break;
      case ERROR:
        this.error = errorRecord(a, b, c, S[d], this.step);
        break;
      case EXIT:
        this.exitCode = a;
        break;
      case LINE: {
        if (this.running) this.running = runningRecord(this.running, b);
        const slot = a >= 0 ? this.cat.taskSlot.get(a) : undefined;
        if (slot !== undefined && slot < this.tasks.length) this.tasks.set(slot, taskRecord(this.tasks.get(slot), { lastLine: b }));
        break;
      }
      // LOOP and NET change nothing a snapshot shows (yet).
    }
  }

  /** Add or remove task `t` in the awaitedBy list of future-or-task `target`. */
  private awaiter(target: number, t: number, add: boolean): void {
    const edit = (list: readonly number[]) => (add ? [...list, t] : list.filter((x) => x !== t));
    const fs = this.cat.futSlot.get(target);
    if (fs !== undefined && fs < this.futures.length) {
      const f = this.futures.get(fs);
      this.futures.set(fs, futureRecord(f, { awaitedBy: edit(f.awaitedBy) }));
      return;
    }
    const ts = this.cat.taskSlot.get(target);
    if (ts !== undefined && ts < this.tasks.length) {
      const x = this.tasks.get(ts);
      this.tasks.set(ts, taskRecord(x, { awaitedBy: edit(x.awaitedBy) }));
    }
  }

  private queued(h: number): boolean {
    for (let i = this.head; i < this.ready.length; i++) if (this.ready[i].id === h) return true;
    return false;
  }

  /** Take handle h out of the ready queue (it is at the head in any sound trace). */
  private dequeue(h: number): HandleView | null {
    const q = this.ready;
    let found: HandleView | null = null;
    if (this.head < q.length && q[this.head].id === h) {
      found = q[this.head++];
    } else {
      for (let i = this.head; i < q.length; i++) {
        if (q[i].id === h) {
          found = q[i];
          q.splice(i, 1);
          break;
        }
      }
    }
    if (this.head > 1024 && this.head * 2 > q.length) {
      this.ready = q.slice(this.head);
      this.head = 0;
    }
    this.cancelled.delete(h);
    return found;
  }

  // ---- reading ----------------------------------------------------------------------
  /** Immutable snapshot of this draft (see Snapshot). O(tasks + futures + queue + timers log timers). */
  materialize(): Snapshot {
    const cancelled = this.cancelled;
    const q = this.ready;
    const ready: HandleView[] = new Array(q.length - this.head);
    for (let i = this.head; i < q.length; i++) {
      const h = q[i];
      ready[i - this.head] = cancelled.size && cancelled.has(h.id) ? handleRecord(h.id, h.label, h.owner, h.kind, true) : h;
    }
    const timers: TimerView[] = [];
    for (const t of this.timers.values()) timers.push(cancelled.size && cancelled.has(t.id) ? timerRecord(t, true) : t);
    timers.sort((x, y) => x.when - y.when || x.seq - y.seq);
    return Object.freeze({
      step: this.step,
      time: this.time,
      iteration: this.iteration,
      running: this.running,
      ready: Object.freeze(ready),
      timers: Object.freeze(timers),
      tasks: Object.freeze(this.tasks.toArray()),
      futures: Object.freeze(this.futures.toArray()),
      console: Object.freeze(this.consoleLog.slice(0, this.consoleLen)),
      blocks: Object.freeze(this.blockLog.slice(0, this.blockLen)),
      limit: this.limit,
      error: this.error,
      exitCode: this.exitCode,
    });
  }
}

function logAppend<T>(log: T[], n: number, entry: T): number {
  if (log.length === n) log.push(entry);
  // else: another fork already logged this very event at index n.
  return n + 1;
}

// ---- the functional surface -----------------------------------------------------

/**
 * The reducer: move draft `state` past one event (`op` and its operands, in
 * schema order; pass 0 for operands the op does not have). Deterministic and
 * dependent only on the draft and the event. It updates the draft in place —
 * that is what keeps a replay of 10^5 events allocation-light; call
 * `state.materialize()` for an immutable Snapshot.
 */
export function applyEvent(state: LoopState, op: number, a = 0, b = 0, c = 0, d = 0): LoopState {
  state.apply(op, a, b, c, d);
  return state;
}

/** Apply the events at offsets [from, to) of `ops` to the draft. */
export function applyRange(state: LoopState, ops: Int32Array, from: number, to: number): void {
  const sizes = EVENT_SIZE; // a local: imports may be getters under dev transforms
  let i = from;
  while (i < to) {
    const op = ops[i];
    const size = op > 0 && op < sizes.length ? sizes[op] : 0;
    if (size === 0) throw new Error(`trace: unknown opcode ${op} at offset ${i}`);
    // Reads past the event's own operands are harmless (ignored by apply); at
    // the very end of the stream they read undefined, which `| 0` makes 0.
    state.apply(op, ops[i + 1] | 0, ops[i + 2] | 0, ops[i + 3] | 0, ops[i + 4] | 0);
    i += size;
  }
}

/** Snapshot at step k by replaying from the start: the reference the keyframed player must agree with. */
export function snapshotAt(trace: Trace, k: number): Snapshot {
  const s = new LoopState(trace);
  applyRange(s, trace.ops, 0, stepEnd(trace, Math.max(0, Math.min(k, trace.steps.length))));
  return s.materialize();
}

// ---- console lines ---------------------------------------------------------------

export interface ConsoleLine {
  readonly fd: 1 | 2;
  readonly text: string;
  /** Step whose output began this line (a line may be finished by later chunks). */
  readonly step: number;
}

/**
 * Split output chunks into lines. stdout and stderr are split separately (a
 * chunk on one does not end a line open on the other); a trailing line with
 * no newline yet is included. Each line gets the step that printed its first
 * character, so clicking it seeks to where it starts appearing.
 */
export function consoleLines(chunks: readonly ConsoleChunk[]): ConsoleLine[] {
  const out: { fd: 1 | 2; text: string; step: number }[] = [];
  const open: [null, number, number] = [null, -1, -1]; // open line index per fd (1, 2)
  for (const ch of chunks) {
    const parts = ch.text.split('\n');
    for (let i = 0; i < parts.length; i++) {
      const last = i === parts.length - 1;
      const p = parts[i];
      const o = open[ch.fd];
      if (o >= 0) out[o].text += p;
      else if (p !== '' || !last) {
        out.push({ fd: ch.fd, text: p, step: ch.step });
        open[ch.fd] = out.length - 1;
      }
      if (!last) open[ch.fd] = -1;
    }
  }
  return out;
}
