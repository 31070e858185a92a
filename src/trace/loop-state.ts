// The loop reducer: what the event loop looked like at one step (the ready
// queue, the timers, every task and future, the handle running), and the
// compact keyframes TracePlayer keeps of it.
//
// Representation, chosen for memory and replay speed:
// - A draft (`LoopDraft`) holds only numbers: the ready queue as handle ids,
//   the pending timers as ids, each task as a fixed-width record in one
//   Int32Array, and how many futures exist. What never changes about a
//   handle (label, owner, deadline) or an object (kind, creation-order slot,
//   label), and what happens to it once (a future finishes once; done
//   callbacks are only ever added), is looked up in the trace's index
//   (trace-index.ts) by step instead of being copied into every state.
//   `apply` moves a draft one event forward in place and allocates nothing.
// - A keyframe (`LoopKey`) is a draft's typed arrays sliced to their length:
//   16 bytes per task, 8 per pending timer and 4 per queued handle.
// - `view` turns a draft into a `Snapshot` (views.ts): plain, frozen data
//   (loop-view.ts; records from loop-records.ts). For that, a draft also
//   notes what its events touched since the snapshot it made last (its
//   baseline): stepping onward then rebuilds only those records.
//
// Step k (see docs/trace-format.md): k = 0 is everything before the first RUN
// (the program's top level); k >= 1 is after the k-th handle ran and the loop
// went on up to, not including, the next RUN (so timers that fell due and a
// clock jump in between are included). The last step runs to the end of the trace.

import { EVENT_SIZE, stepEnd } from './decode.ts';
import type { Reducer } from './reducer.ts';
import { settleFutures, viewOf } from './loop-view.ts';
import { Op, TASK_STATE_NAMES, TaskState, type TaskStateName, type Trace } from './schema.ts';
import { ObjectKind, indexOf } from './trace-index.ts';
import { LoopContext, T_CHAIN, T_LINE, T_STATE, T_WAIT, TS } from './loop-records.ts';
import type { Snapshot } from './views.ts';

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
const LINE = Op.LINE;

const ST_PENDING = TaskState.PENDING;
const ST_READY = TaskState.READY;
const ST_RUNNING = TaskState.RUNNING;
const ST_WAITING = TaskState.WAITING;
const ST_DONE = TaskState.DONE;
const ST_CANCELLED = TaskState.CANCELLED;
const ST_FAILED = TaskState.FAILED;
const KIND_TASK = ObjectKind.TASK;
const KIND_FUTURE = ObjectKind.FUTURE;

/** Timers within this of the clock count as due (the engine's clock resolution). */
const RESOLUTION = 1e-9;


/** A keyframe of the loop state: a draft's numbers, sliced to size (see LoopDraft). */
export interface LoopKey {
  readonly ctx: LoopContext;
  readonly step: number;
  readonly time: number;
  readonly iteration: number;
  readonly running: number;
  readonly runLine: number;
  readonly runPrev: number;
  readonly runTouched: boolean;
  readonly ready: Int32Array;
  readonly cancelled: Int32Array;
  /** Pending timers in (when, seq) order, as (handle id, seq) pairs. */
  readonly timers: Int32Array;
  readonly timerSeq: number;
  readonly tasks: Int32Array;
  readonly nFutures: number;
}

/** Slots of records touched since the last view (each listed once). Off until a draft has made a view. */
class Touched {
  readonly marks: Uint8Array;
  list: number[] = [];
  on = false;
  constructor(n: number) {
    this.marks = new Uint8Array(n);
  }
  add(slot: number): void {
    if (this.on && this.marks[slot] === 0) {
      this.marks[slot] = 1;
      this.list.push(slot);
    }
  }
  clear(): void {
    for (const s of this.list) this.marks[s] = 0;
    this.list = [];
  }
}

/** The working copy `apply` moves forward. Create with `new LoopDraft(trace)`; never hand it to UI code. */
export class LoopDraft {
  step = 0;
  time = 0;
  iteration = 0;
  /** The handle running in this step, -1 before the first RUN. */
  running = -1;
  /** Last LINE of the running handle. */
  runLine = 0;
  /** State the running task had before its RUN, and whether a TASK_STATE for it came since. */
  runPrev: number = ST_READY;
  runTouched = false;

  // Ready queue: q[head..tail) in order. A pop moves head; the array is
  // compacted or grown when tail reaches its end.
  q: Int32Array;
  head = 0;
  tail = 0;
  /** Cancelled handles still queued or pending as timers. */
  cancelled: Set<number>;
  /** Pending timers: handle id -> seq, in scheduling order (a Map keeps insertion order). */
  timers: Map<number, number>;
  timerSeq = 0;

  nTasks = 0;
  tasks: Int32Array;
  nFutures = 0;

  // What changed since `baseline`, the snapshot this draft last produced.
  baseline: Snapshot | null = null;
  readonly touchedTasks: Touched;
  readonly touchedFutures: Touched;
  /** How the ready queue changed since the baseline: popped at the head, pushed at the tail, or otherwise. */
  popped = 0;
  pushed = 0;
  queueReordered = false;
  /** Objects whose awaitedBy changed since the baseline. */
  awaitChanged = new Set<number>();
  /** Timers set since the baseline, and whether any left or changed. */
  timersAdded: number[] = [];
  timersChanged = false;

  readonly ctx: LoopContext;
  // The index's per-id tables, as fields: indexed loads in the hot loop.
  private readonly hOwner: Int32Array;
  private readonly oKind: Int32Array;
  private readonly oSlot: Int32Array;

  constructor(trace: Trace | LoopContext, from?: LoopKey) {
    this.ctx = trace instanceof LoopContext ? trace : new LoopContext(indexOf(trace));
    const ix = this.ctx.ix;
    this.hOwner = ix.handles.owner;
    this.oKind = ix.objects.kind;
    this.oSlot = ix.objects.slot;
    // Room for every task of the run: records never move.
    this.tasks = new Int32Array(ix.taskIds.length * TS);
    this.touchedTasks = new Touched(ix.taskIds.length);
    this.touchedFutures = new Touched(ix.futureIds.length);
    if (!from) {
      this.q = new Int32Array(64);
      this.cancelled = new Set();
      this.timers = new Map();
      return;
    }
    this.step = from.step;
    this.time = from.time;
    this.iteration = from.iteration;
    this.running = from.running;
    this.runLine = from.runLine;
    this.runPrev = from.runPrev;
    this.runTouched = from.runTouched;
    this.q = new Int32Array(Math.max(64, from.ready.length * 2));
    this.q.set(from.ready);
    this.tail = from.ready.length;
    this.cancelled = new Set(from.cancelled);
    this.timers = new Map();
    const tm = from.timers;
    for (let i = 0; i < tm.length; i += 2) this.timers.set(tm[i], tm[i + 1]);
    this.timerSeq = from.timerSeq;
    this.nTasks = from.tasks.length / TS;
    this.tasks.set(from.tasks);
    this.nFutures = from.nFutures;
  }

  /** A frozen, compact copy of this draft (a keyframe). */
  key(): LoopKey {
    // Timers in (when, seq) order: a draft resumed from the keyframe then lists them almost sorted,
    // which is what the view's sort is quickest on.
    const ix = this.ctx.ix;
    const order = [...this.timers].sort((x, y) => ix.handleWhen(x[0]) - ix.handleWhen(y[0]) || x[1] - y[1]);
    const timers = new Int32Array(this.timers.size * 2);
    let i = 0;
    for (const [h, seq] of order) {
      timers[i++] = h;
      timers[i++] = seq;
    }
    return Object.freeze({
      ctx: this.ctx,
      step: this.step,
      time: this.time,
      iteration: this.iteration,
      running: this.running,
      runLine: this.runLine,
      runPrev: this.runPrev,
      runTouched: this.runTouched,
      ready: this.q.slice(this.head, this.tail),
      cancelled: Int32Array.from(this.cancelled),
      timers,
      timerSeq: this.timerSeq,
      tasks: this.tasks.slice(0, this.nTasks * TS),
      nFutures: this.nFutures,
    });
  }

  /** Record offset of task `id` if it has been announced by now (marking it touched), else -1. */
  private task(id: number): number {
    if (id < 0 || (this.oKind[id] | 0) !== KIND_TASK) return -1;
    const s = this.oSlot[id];
    if (s >= this.nTasks) return -1;
    this.touchedTasks.add(s);
    return s * TS;
  }

  /** Mark object `id` (a task or a future announced by now) as touched: its record must be rebuilt. */
  private touch(id: number): void {
    if (id < 0) return;
    const kind = this.oKind[id] | 0;
    const s = this.oSlot[id];
    if (kind === KIND_TASK && s < this.nTasks) this.touchedTasks.add(s);
    else if (kind === KIND_FUTURE && s < this.nFutures) this.touchedFutures.add(s);
  }

  // ---- the reducer ----------------------------------------------------------
  /** Apply one event (op and its operands in schema order; operands past the event's own are ignored). */
  apply(op: number, a: number, b: number, c: number, d: number): void {
    switch (op) {
      case CLOCK:
        this.time = this.ctx.times[a];
        break;
      case ITER:
        this.iteration = a;
        // The engine drops cancelled timers silently as they come due; the
        // trace has no event for that, so they leave the list here.
        if (this.cancelled.size) {
          const end = this.time + RESOLUTION;
          const ix = this.ctx.ix;
          for (const h of this.timers.keys()) {
            if (this.cancelled.has(h) && ix.handleWhen(h) < end) {
              this.timers.delete(h);
              this.cancelled.delete(h);
              this.timersChanged = true;
            }
          }
        }
        break;
      case SOON: {
        this.push(a);
        // A waiting task whose wakeup is queued is ready to run again; waitOn
        // keeps the future that woke it until its next TASK_STATE. A new task
        // whose first step is queued is ready too (not merely 'pending').
        if (c >= 0) {
          const at = this.task(c);
          if (at >= 0) {
            const st = this.tasks[at + T_STATE];
            if (st === ST_WAITING || st === ST_PENDING) this.tasks[at + T_STATE] = ST_READY;
          }
        }
        break;
      }
      case AT:
        this.timers.set(a, this.timerSeq++);
        if (this.baseline) this.timersAdded.push(a);
        break;
      case DUE:
        if (this.timers.delete(a)) {
          this.push(a);
          this.timersChanged = true;
        }
        break;
      case CANCEL:
        if (this.timers.has(a)) {
          this.cancelled.add(a);
          this.timersChanged = true;
        } else if (this.queued(a)) {
          this.cancelled.add(a);
          this.queueReordered = true;
        }
        break;
      case RUN: {
        this.dequeue(a);
        this.step++;
        this.running = a;
        this.runLine = 0;
        this.runTouched = false;
        const at = this.task(this.hOwner[a]);
        if (at >= 0) {
          this.runPrev = this.tasks[at + T_STATE];
          this.tasks[at + T_STATE] = ST_RUNNING;
        }
        break;
      }
      case DONE: {
        // A task step that reported no state leaves 'running' for the state it had.
        if (this.running === a && !this.runTouched) {
          const at = this.task(this.hOwner[a]);
          if (at >= 0 && this.tasks[at + T_STATE] === ST_RUNNING) this.tasks[at + T_STATE] = this.runPrev;
        }
        this.runTouched = true;
        break;
      }
      case SKIP:
        this.dequeue(a);
        break;
      case TASK_NEW: {
        // Names and creation lines come from the index (a second TASK_NEW
        // renames: TraceIndex.renames); a new task starts pending.
        if ((this.oKind[a] | 0) !== KIND_TASK) break;
        const slot = this.oSlot[a];
        this.touchedTasks.add(slot);
        if (slot < this.nTasks) break;
        this.nTasks = slot + 1;
        const at = slot * TS;
        const t = this.tasks;
        t[at + T_STATE] = ST_PENDING;
        t[at + T_WAIT] = -1;
        t[at + T_CHAIN] = -1;
        t[at + T_LINE] = 0;
        break;
      }
      case TASK_STATE: {
        const at = this.task(a);
        if (at < 0) break;
        if (this.running >= 0 && this.hOwner[this.running] === a) this.runTouched = true;
        const t = this.tasks;
        const waitOn = c >= 0 ? c : -1;
        if (waitOn !== t[at + T_WAIT]) {
          // Both the old and the new target's awaitedBy change.
          this.touch(t[at + T_WAIT]);
          this.touch(waitOn);
          if (this.touchedTasks.on) {
            this.awaitChanged.add(t[at + T_WAIT]);
            this.awaitChanged.add(waitOn);
          }
        }
        t[at + T_STATE] = b >= 0 && b < TASK_STATE_NAMES.length ? b : ST_PENDING;
        t[at + T_WAIT] = waitOn;
        t[at + T_CHAIN] = d >= 0 ? d : -1;
        break;
      }
      case FUT_NEW: {
        if ((this.oKind[a] | 0) !== KIND_FUTURE) break;
        const slot = this.oSlot[a];
        if (slot < this.nFutures) break;
        this.nFutures = slot + 1;
        break;
      }
      case FUT_CB:
        this.touch(a);
        break;
      case FUT_DONE: {
        // A future's result comes from the index; a task's state changes here too.
        this.touch(a);
        if (b === ST_DONE || b === ST_CANCELLED || b === ST_FAILED) {
          const at = this.task(a);
          if (at >= 0) this.tasks[at + T_STATE] = b;
        }
        break;
      }
      case LINE: {
        if (this.running >= 0) this.runLine = b;
        const at = this.task(a);
        if (at >= 0) this.tasks[at + T_LINE] = b;
        break;
      }
      // OUT, BLOCK, ERROR, LIMIT, EXIT go to the logs (logs.ts); LOOP changes
      // nothing a snapshot shows; NET is the network reducer's (network.ts).
    }
  }

  private push(h: number): void {
    if (this.tail === this.q.length) {
      const live = this.tail - this.head;
      if (this.head > live) {
        this.q.copyWithin(0, this.head, this.tail);
      } else {
        const next = new Int32Array(this.q.length * 2);
        next.set(this.q.subarray(this.head, this.tail));
        this.q = next;
      }
      this.head = 0;
      this.tail = live;
    }
    this.q[this.tail++] = h;
    this.pushed++;
  }

  private queued(h: number): boolean {
    const q = this.q;
    for (let i = this.head; i < this.tail; i++) if (q[i] === h) return true;
    return false;
  }

  /** Take handle h out of the ready queue (it is at the head in any sound trace). */
  private dequeue(h: number): void {
    const q = this.q;
    if (this.head < this.tail && q[this.head] === h) {
      this.head++;
      // A handle pushed since the baseline and popped again leaves the baseline's records as they were.
      if (this.pushed > 0 && this.popped >= (this.baseline?.ready.length ?? 0)) this.pushed--;
      else this.popped++;
    } else {
      this.queueReordered = true;
      for (let i = this.head; i < this.tail; i++) {
        if (q[i] === h) {
          q.copyWithin(i, i + 1, this.tail);
          this.tail--;
          break;
        }
      }
    }
    if (this.cancelled.size) this.cancelled.delete(h);
  }

  // ---- reading (loop-view.ts) ------------------------------------------------------------
  /**
   * The immutable Snapshot of this draft. `prev`, a snapshot of the same
   * trace, lends every record that is equal; when it is the snapshot this
   * draft produced last, only the records touched since are rebuilt.
   */
  view(prev: Snapshot | null = null): Snapshot {
    return viewOf(this, prev);
  }

  /** Make every future's settled record now (see settleFutures in loop-view.ts). */
  settleFutures(): void {
    settleFutures(this.ctx);
  }
}

/** Bytes of a LoopKey beyond its arrays' contents: the object and four typed-array headers. */
const KEY_OVERHEAD = 320;

// ---- the functional surface -----------------------------------------------------

/**
 * The reducer: move `draft` past one event (`op` and its operands, in schema
 * order; pass 0 for operands the op does not have). Deterministic and
 * dependent only on the draft and the event. It updates the draft in place;
 * call `draft.view()` for an immutable Snapshot.
 */
export function applyEvent(draft: LoopDraft, op: number, a = 0, b = 0, c = 0, d = 0): LoopDraft {
  draft.apply(op, a, b, c, d);
  return draft;
}

/** Apply the events at offsets [from, to) of `ops` to the draft. */
export function applyRange(draft: LoopDraft, ops: Int32Array, from: number, to: number): void {
  const sizes = EVENT_SIZE; // a local: imports may be getters under dev transforms
  let i = from;
  while (i < to) {
    const op = ops[i];
    const size = op > 0 && op < sizes.length ? sizes[op] : 0;
    if (size === 0) throw new Error(`trace: unknown opcode ${op} at offset ${i}`);
    // Reads past the event's own operands are harmless (ignored by apply); at
    // the very end of the stream they read undefined, which `| 0` makes 0.
    draft.apply(op, ops[i + 1] | 0, ops[i + 2] | 0, ops[i + 3] | 0, ops[i + 4] | 0);
    i += size;
  }
}

/** Snapshot at step k by replaying from the start: the reference the keyframed player must agree with. */
export function snapshotAt(trace: Trace, k: number): Snapshot {
  const d = new LoopDraft(trace);
  applyRange(d, trace.ops, 0, stepEnd(trace, Math.max(0, Math.min(k, trace.steps.length))));
  return d.view();
}

/** The loop as one of TracePlayer's reducers (reducer.ts). */
export const loopReducer: Reducer<LoopDraft, LoopKey, Snapshot> = {
  name: 'loop',
  active: () => true,
  start: (ix) => new LoopDraft(new LoopContext(ix)),
  advance(d, trace, from, to) {
    applyRange(d, trace.ops, from, to);
    return d;
  },
  key: (d) => d.key(),
  resume: (k) => new LoopDraft(k.ctx, k),
  bytes: (k) => k.ready.byteLength + k.cancelled.byteLength + k.timers.byteLength + k.tasks.byteLength + KEY_OVERHEAD,
  view: (d, prev) => d.view(prev),
  warm: (d) => d.settleFutures(),
};

export type { TaskStateName };
