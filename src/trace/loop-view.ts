// The loop reducer's views: a LoopDraft (loop-state.ts) made into an
// immutable Snapshot (views.ts). Records equal to the previous snapshot's are
// reused, so consumers can compare by identity; a draft that goes on from the
// state of the previous snapshot (its baseline) rebuilds only the records its
// events touched since. Records come from loop-records.ts.

import { logsAt } from './logs.ts';
import {
  LIVE_BLOCK,
  LIVE_SHIFT,
  NO_FUTURES,
  NO_HANDLES,
  NO_IDS,
  NO_TASKS,
  byDeadline,
  callbacksBy,
  doneBy,
  futureState,
  handleView,
  indexOfId,
  runningView,
  sameIds,
  timerView,
  T_CHAIN,
  T_LINE,
  T_STATE,
  T_WAIT,
  TS,
  type AwaitedOf,
  type LoopContext,
} from './loop-records.ts';
import type { LoopDraft } from './loop-state.ts';
import { ObjectKind } from './trace-index.ts';
import { TASK_STATE_NAMES } from './schema.ts';
import type { FutureView, HandleView, RunningView, Snapshot, TaskView, TimerView } from './views.ts';

const KIND_FUTURE = ObjectKind.FUTURE;

/** What a future's record depends on besides the index: the step (a settled record is built as at the end). */
interface At {
  readonly ctx: LoopContext;
  readonly step: number;
}

/**
 * The immutable Snapshot of this draft. `prev`, a snapshot of the same
 * trace, lends every record that is equal; when it is the snapshot this
 * draft produced last, only the records touched since are rebuilt.
 */
export function viewOf(d: LoopDraft, prev: Snapshot | null): Snapshot {
  const ctx = d.ctx;
  const ix = ctx.ix;
  const logs = logsAt(ix.logs, d.step, prev);
  const onward = prev !== null && prev === d.baseline;

  // Ready queue. Onward, when handles only left the head and joined the tail (the usual step),
  // the records in between are the baseline's; otherwise reuse the previous snapshot's records
  // along the common run of ids.
  const n = d.tail - d.head;
  const cancelled = d.cancelled;
  let rv: HandleView[];
  const pr = prev ? prev.ready : NO_HANDLES;
  if (onward && !d.queueReordered && d.popped <= pr.length && pr.length - d.popped + d.pushed === n) {
    // (Spread, not slice: slicing a frozen array takes a slow path in V8.)
    rv = [...pr];
    if (d.popped) rv.splice(0, d.popped);
    for (let i = rv.length; i < n; i++) {
      const h = d.q[d.head + i];
      rv.push(handleView(ix, h, cancelled.size > 0 && cancelled.has(h)));
    }
  } else {
    const j = n > 0 ? indexOfId(pr, d.q[d.head]) : -1;
    rv = new Array(n);
    for (let i = 0; i < n; i++) {
      const h = d.q[d.head + i];
      const c = cancelled.size > 0 && cancelled.has(h);
      const old = j >= 0 && j + i < pr.length ? pr[j + i] : undefined;
      rv[i] = old && old.id === h && old.cancelled === c ? old : handleView(ix, h, c);
    }
  }

  const timers = onward ? timersOnward(d, prev) : timersAfresh(d, prev);

  // Who awaits whom: tasks in creation order, per object they wait on (built on first use).
  const t = d.tasks;
  let waiters: Map<number, number[]> | null = null;
  /** Objects some task waits on, by id (a look-up in `waiters` only for those). */
  let awaitedMark: Uint8Array | null = null;
  const awaited = (id: number): readonly number[] => {
    if (!waiters) {
      waiters = new Map();
      awaitedMark = new Uint8Array(ix.objects.kind.length);
      for (let s = 0; s < d.nTasks; s++) {
        const w = t[s * TS + T_WAIT];
        if (w < 0) continue;
        if (w < awaitedMark.length) awaitedMark[w] = 1;
        const l = waiters.get(w);
        if (l) l.push(ix.taskIds[s]);
        else waiters.set(w, [ix.taskIds[s]]);
      }
    }
    return id < awaitedMark!.length && awaitedMark![id] === 0 ? NO_IDS : (waiters.get(id) ?? NO_IDS);
  };
  // Onward, a record keeps its awaitedBy unless a task started or stopped waiting on it.
  const awaitedOf = onward
    ? (id: number, old: { readonly awaitedBy: readonly number[] } | undefined) =>
        old && !d.awaitChanged.has(id) ? old.awaitedBy : awaited(id)
    : (id: number) => awaited(id);

  // Tasks and futures. Onward, the previous snapshot's lists with the records
  // touched since rebuilt (or the very same list when none was); otherwise
  // built afresh, lending the previous snapshot's equal records.
  let tasks: readonly TaskView[];
  let futures: readonly FutureView[];
  if (onward) {
    tasks = d.touchedTasks.list.length === 0 && d.nTasks === prev.tasks.length ? prev.tasks : patched(prev.tasks, d.touchedTasks.list, d.nTasks, (s, old) => taskView(d, s, old, awaitedOf));
    futures =
      d.touchedFutures.list.length === 0 && d.nFutures === prev.futures.length
        ? prev.futures
        : patched(prev.futures, d.touchedFutures.list, d.nFutures, (s, old) => futureView(d, s, old, awaitedOf));
  } else {
    const pt = prev ? prev.tasks : NO_TASKS;
    const tv: TaskView[] = new Array(d.nTasks);
    for (let s = 0; s < d.nTasks; s++) tv[s] = taskView(d, s, pt[s], awaitedOf);
    tasks = Object.freeze(tv);
    futures = futuresAfresh(d, prev, awaitedOf);
  }

  let running: RunningView | null = null;
  if (d.running >= 0) {
    const old = prev?.running;
    running = old && old.id === d.running && old.lastLine === d.runLine ? old : runningView(ix, d.running, d.runLine);
  }

  const snap: Snapshot = Object.freeze({
    step: d.step,
    time: d.time,
    iteration: d.iteration,
    running,
    ready: Object.freeze(rv),
    timers,
    tasks,
    futures,
    console: logs.console,
    blocks: logs.blocks,
    limit: logs.limit,
    error: logs.error,
    exitCode: logs.exitCode,
  });
  d.baseline = snap;
  d.touchedTasks.clear();
  d.touchedFutures.clear();
  d.touchedTasks.on = d.touchedFutures.on = true;
  d.timersAdded = [];
  d.timersChanged = false;
  if (d.awaitChanged.size) d.awaitChanged = new Set();
  d.popped = d.pushed = 0;
  d.queueReordered = false;
  return snap;
}

/** Task slot s as a record; `old` (its previous record, if any) is returned when equal. */
function taskView(d: LoopDraft, s: number, old: TaskView | undefined, awaited: AwaitedOf): TaskView {
  const ctx = d.ctx;
  const ix = ctx.ix;
  const S = ctx.strings;
  const t = d.tasks;
  const at = s * TS;
  const id = ix.taskIds[s];
  const o = ix.objects;
  const step = d.step;
  const state = TASK_STATE_NAMES[t[at + T_STATE]];
  const waitOn = t[at + T_WAIT] >= 0 ? t[at + T_WAIT] : null;
  const chain = ctx.chain(t[at + T_CHAIN]);
  const lastLine = t[at + T_LINE];
  const text = doneBy(ix, id, step) ? S[o.doneText[id]] : '';
  const ncb = callbacksBy(ix, id, step);
  const awaitedBy = awaited(id, old);
  let nameId = o.name[id];
  let coroId = o.coro[id];
  let createdLine = o.line[id];
  if (ix.renamed) {
    for (const r of ix.renames(id)) {
      if (r.step > step) break;
      nameId = r.name;
      coroId = r.coro;
      if (r.line) createdLine = r.line;
    }
  }
  const name = S[nameId];
  const coro = S[coroId];
  const same = old && old.id === id ? old : undefined;
  const callbacks = same && same.callbacks.length === ncb ? same.callbacks : d.ctx.callbacks(id, ncb);
  const awaitedByList = same && sameIds(same.awaitedBy, awaitedBy) ? same.awaitedBy : d.ctx.ids(awaitedBy);
  if (
    same &&
    callbacks === same.callbacks &&
    awaitedByList === same.awaitedBy &&
    same.state === state &&
    same.waitOn === waitOn &&
    same.chain === chain &&
    same.lastLine === lastLine &&
    same.text === text &&
    same.name === name &&
    same.coro === coro &&
    same.createdLine === createdLine
  )
    return same;
  return { id, name, coro, createdLine, state, waitOn, chain, lastLine, text, callbacks, awaitedBy: awaitedByList };
}

/** Future slot s as a record (see taskView). Everything but awaitedBy comes from the index, by step. */
function futureView(d: At, s: number, old: FutureView | undefined, awaited: AwaitedOf): FutureView {
  const ix = d.ctx.ix;
  const S = d.ctx.strings;
  const id = ix.futureIds[s];
  const done = doneBy(ix, id, d.step);
  const state = done ? futureState(ix.objects.doneState[id]) : 'pending';
  const text = done ? S[ix.objects.doneText[id]] : '';
  const ncb = callbacksBy(ix, id, d.step);
  const awaitedBy = awaited(id, old);
  const settles = awaitedBy.length === 0 && ix.objects.lastTouch[id] <= d.step;
  if (settles && d.ctx.settledFutures[s]) return d.ctx.settledFutures[s];
  const same = old && old.id === id ? old : undefined;
  const callbacks = same && same.callbacks.length === ncb ? same.callbacks : d.ctx.callbacks(id, ncb);
  const awaitedByList = same && sameIds(same.awaitedBy, awaitedBy) ? same.awaitedBy : d.ctx.ids(awaitedBy);
  const f: FutureView =
    same && callbacks === same.callbacks && awaitedByList === same.awaitedBy && same.state === state && same.text === text
      ? same
      : { id, label: S[ix.objects.name[id]], createdLine: ix.objects.line[id], state, text, callbacks, awaitedBy: awaitedByList };
  if (settles) d.ctx.settledFutures[s] = f;
  return f;
}

/**
 * Rebuild futureViews for this draft's step, lending `prev`'s records. A
 * future's record changes only at the steps that touch it (FUT_CB,
 * FUT_DONE) and when a task starts or stops waiting on it: after its last
 * touch, and while nobody waits on it, it is settled (see LoopContext).
 */
function futuresAfresh(d: LoopDraft, prev: Snapshot | null, awaited: AwaitedOf): readonly FutureView[] {
  const pf = prev ? prev.futures : NO_FUTURES;
  const ctx = d.ctx;
  const ix = ctx.ix;
  const { lastTouch, kind, slot } = ix.objects;
  const ids = ix.futureIds;
  const n = d.nFutures;
  const step = d.step;
  // Start from the settled records (a plain copy), then build those that are not settled at this step.
  const fv = ctx.settledFutures.slice(0, n);
  if (ctx.allSettled) {
    // Only blocks with a future touched after this step hold one that is not settled yet.
    const blocks = ctx.lastTouchByBlock();
    for (let b = 0, nb = Math.ceil(n / LIVE_BLOCK); b < nb; b++) {
      if (blocks[b] <= step) continue;
      for (let s = b << LIVE_SHIFT, end = Math.min(n, s + LIVE_BLOCK); s < end; s++) {
        if (lastTouch[ids[s]] > step) fv[s] = futureView(d, s, pf[s], awaited);
      }
    }
  } else {
    for (let s = 0; s < n; s++) if (fv[s] === undefined || lastTouch[ids[s]] > step) fv[s] = futureView(d, s, pf[s], awaited);
  }
  // Futures some task waits on now: their awaitedBy is not empty.
  for (let s = 0; s < d.nTasks; s++) {
    const w = d.tasks[s * TS + T_WAIT];
    if (w >= 0 && kind[w] === KIND_FUTURE && slot[w] < n) fv[slot[w]] = futureView(d, slot[w], pf[slot[w]], awaited);
  }
  return Object.freeze(fv as FutureView[]);
}

/** A frozen copy of `list` (frozen: copied by spread, not slice) with `touched` slots rebuilt and slots up to n added. */
function patched<T>(list: readonly T[], touched: readonly number[], n: number, build: (s: number, old: T | undefined) => T): readonly T[] {
  const out = [...list];
  for (const s of touched) if (s < out.length) out[s] = build(s, out[s]);
  for (let s = out.length; s < n; s++) out.push(build(s, undefined));
  return Object.freeze(out);
}

/**
 * Make every future's settled record now (see LoopContext.settledFutures):
 * the first seek deep into a run with 10^5 futures then takes them instead
 * of building them all.
 */
export function settleFutures(ctx: LoopContext): void {
  const ix = ctx.ix;
  const { lastTouch } = ix.objects;
  const settled = ctx.settledFutures;
  // Each record as seen at the end of the run, with nobody awaiting.
  const end: At = { ctx, step: ix.steps };
  const nobody: AwaitedOf = () => NO_IDS;
  for (let s = 0; s < ix.futureIds.length; s++) {
    if (!settled[s] && lastTouch[ix.futureIds[s]] <= end.step) futureView(end, s, undefined, nobody);
  }
  ctx.allSettled = true;
}

/** Pending timers sorted by (when, seq), reusing `prev`'s records. */
function timersAfresh(d: LoopDraft, prev: Snapshot | null): readonly TimerView[] {
  const ix = d.ctx.ix;
  const prevTimers = prev && prev.timers.length ? new Map(prev.timers.map((t) => [t.id, t])) : null;
  const out: TimerView[] = [];
  for (const [h, seq] of d.timers) {
    const c = d.cancelled.size > 0 && d.cancelled.has(h);
    const old = prevTimers?.get(h);
    out.push(old && old.seq === seq && old.cancelled === c ? old : timerView(ix, h, seq, c));
  }
  out.sort(byDeadline);
  return Object.freeze(out);
}

/** The timers from `prev` (this draft's last snapshot), updated by what happened since. */
function timersOnward(d: LoopDraft, prev: Snapshot): readonly TimerView[] {
  if (!d.timersChanged && d.timersAdded.length === 0) return prev.timers;
  const ix = d.ctx.ix;
  let out: TimerView[];
  if (d.timersChanged) {
    out = [];
    for (const t of prev.timers) {
      if (!d.timers.has(t.id)) continue;
      const c = d.cancelled.size > 0 && d.cancelled.has(t.id);
      out.push(c === t.cancelled ? t : timerView(ix, t.id, t.seq, c));
    }
  } else out = prev.timers.slice();
  // New timers have the highest seq so far: each goes after every timer due no later.
  for (const h of d.timersAdded) {
    const seq = d.timers.get(h);
    if (seq === undefined) continue;
    const tv = timerView(ix, h, seq, d.cancelled.size > 0 && d.cancelled.has(h));
    let lo = 0;
    let hi = out.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byDeadline(out[mid], tv) <= 0) lo = mid + 1;
      else hi = mid;
    }
    out.splice(lo, 0, tv);
  }
  return Object.freeze(out);
}
