// What the loop reducer's views are made of: the facts shared by every draft
// of one trace (LoopContext: the index, futures'
// settled records, shared small lists) and the functions that build one
// record (a handle, a timer, the running handle) from the index, always with
// every field in one order (one hidden class per record type keeps consumers'
// property reads monomorphic).

import { TaskState, chainLines, ownerCallbackOf, ownerTask } from './schema.ts';
import type { TraceIndex } from './trace-index.ts';
import type { FutureStateName, FutureView, HandleView, RunningView, TaskView, TimerView } from './views.ts';

// A task record: TS int32 slots at tasks[slot * TS].
export const T_STATE = 0; // TaskState code
export const T_WAIT = 1; // object id it waits on, -1
export const T_CHAIN = 2; // await chain id (Trace.chains), -1
export const T_LINE = 3; // last user line (LINE), 0
export const TS = 4;

/** Future slots per block of LoopContext.lastTouchByBlock. */
export const LIVE_SHIFT = 8;
export const LIVE_BLOCK = 1 << LIVE_SHIFT;

export const NO_LINES: readonly number[] = Object.freeze([]);
export const NO_STRINGS: readonly string[] = Object.freeze([]);
export const NO_IDS: readonly number[] = Object.freeze([]);

/** Facts shared by every draft of one trace: the index, futures' last records. */
export class LoopContext {
  /**
   * Per future slot, its record once nothing will change it any more (after
   * the last step that touches it, while no task waits on it): most futures
   * of a long run spend most of it so, and a seek then takes the record
   * instead of building it. Filled as seeks need them.
   */
  readonly settledFutures: (FutureView | undefined)[] = [];
  /** Whether settledFutures holds every future's record (prepare() made them all). */
  allSettled = false;
  /** Per block of LIVE_BLOCK future slots, the latest step that touches one of them (see futuresAfresh). */
  private liveBlocks: Int32Array | null = null;
  readonly strings: readonly string[];
  readonly times: readonly number[];
  constructor(readonly ix: TraceIndex) {
    this.strings = ix.trace.strings;
    this.times = ix.trace.times;
    // Dense from the start (holes would make it a slow dictionary array), so a slice of it is a plain copy.
    for (let i = 0; i < ix.futureIds.length; i++) this.settledFutures.push(undefined);
  }

  /** The await chain a TASK_STATE chain operand names (schema.ts chainLines). */
  chain(id: number): readonly number[] {
    return chainLines(this.ix.trace, id);
  }

  /** Per block of LIVE_BLOCK future slots, the last step at which any of them is touched. */
  lastTouchByBlock(): Int32Array {
    if (!this.liveBlocks) {
      const ix = this.ix;
      const n = ix.futureIds.length;
      const b = new Int32Array(Math.ceil(n / LIVE_BLOCK)).fill(-1);
      for (let s = 0; s < n; s++) {
        const t = ix.objects.lastTouch[ix.futureIds[s]];
        if (t > b[s >> LIVE_SHIFT]) b[s >> LIVE_SHIFT] = t;
      }
      this.liveBlocks = b;
    }
    return this.liveBlocks;
  }

  /** A frozen copy of a list of ids; the lists of one id (one task awaiting a future, the usual case) are made once and shared. */
  ids(list: readonly number[]): readonly number[] {
    if (list.length === 0) return NO_IDS;
    if (list.length > 1) return Object.freeze(list.slice());
    let one = this.singles.get(list[0]);
    if (!one) this.singles.set(list[0], (one = Object.freeze([list[0]])));
    return one;
  }
  private readonly singles = new Map<number, readonly number[]>();

  /** Labels of the first n done callbacks of object id; all of them are made once and shared. */
  callbacks(id: number, n: number): readonly string[] {
    if (n === 0) return NO_STRINGS;
    const ids = this.ix.callbacks(id);
    if (n === ids.length) {
      let all = this.allCallbacks.get(id);
      if (!all) this.allCallbacks.set(id, (all = labels(this.strings, ids, n)));
      return all;
    }
    return labels(this.strings, ids, n);
  }
  private readonly allCallbacks = new Map<number, readonly string[]>();
}

function labels(S: readonly string[], ids: readonly number[], n: number): readonly string[] {
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = S[ids[i]];
  return Object.freeze(out);
}

/** Tasks awaiting object `id`; `old` is its previous record. */
export type AwaitedOf = (id: number, old: { readonly awaitedBy: readonly number[] } | undefined) => readonly number[];

export const NO_HANDLES: readonly HandleView[] = [];
export const NO_TASKS: readonly TaskView[] = [];
export const NO_FUTURES: readonly FutureView[] = [];

export const byDeadline = (x: TimerView, y: TimerView): number => x.when - y.when || x.seq - y.seq;

export function futureState(code: number): FutureStateName {
  if (code === TaskState.DONE) return 'done';
  if (code === TaskState.CANCELLED) return 'cancelled';
  if (code === TaskState.FAILED) return 'failed';
  return 'pending';
}

/** Whether object id had finished by the end of step k. */
export function doneBy(ix: TraceIndex, id: number, k: number): boolean {
  const s = ix.objects.doneStep[id];
  return s >= 0 && s <= k;
}

/** How many done callbacks object id had by the end of step k. */
export function callbacksBy(ix: TraceIndex, id: number, k: number): number {
  const o = ix.objects;
  if (o.lastCallbackStep[id] <= k) return o.callbackCount[id];
  if (o.firstCallbackStep[id] > k) return 0;
  return countSteps(ix.callbackSteps(id), k);
}

/** How many entries of a non-decreasing list of steps are <= k. */
export function countSteps(steps: readonly number[], k: number): number {
  const n = steps.length;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (steps[mid] <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Records are built by these functions, always with every field in one order:
// one hidden class per record type keeps consumers' property reads monomorphic.
export function handleView(ix: TraceIndex, h: number, cancelled: boolean): HandleView {
  const hs = ix.handles;
  const owner = hs.owner[h] ?? -1;
  return { id: h, label: ix.trace.strings[hs.label[h] ?? 0], owner, task: ownerTask(owner), callbackOf: ownerCallbackOf(owner), kind: hs.when[h] >= 0 ? 'timer' : 'soon', cancelled };
}

export function runningView(ix: TraceIndex, h: number, lastLine: number): RunningView {
  const owner = ix.handleOwner(h);
  return { id: h, label: ix.handleLabel(h), owner, task: ownerTask(owner), callbackOf: ownerCallbackOf(owner), kind: ix.handleIsTimer(h) ? 'timer' : 'soon', cancelled: false, lastLine };
}

export function timerView(ix: TraceIndex, h: number, seq: number, cancelled: boolean): TimerView {
  const owner = ix.handleOwner(h);
  return { id: h, label: ix.handleLabel(h), owner, task: ownerTask(owner), callbackOf: ownerCallbackOf(owner), when: ix.handleWhen(h), seq, cancelled };
}

export function indexOfId(list: readonly HandleView[], id: number): number {
  for (let i = 0; i < list.length; i++) if (list[i].id === id) return i;
  return -1;
}

export function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

