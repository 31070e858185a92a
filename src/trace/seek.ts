// Random access into a trace: the state at any step k without replaying from
// zero. One player runs every reducer of the trace (reducer.ts: the loop
// state, the network) over one stream of events and one set of keyframes.
// Keyframes are laid at step boundaries, lazily: the first seek past the
// frontier replays forward and leaves keyframes behind it (prepare() lays them
// all, in idle time). A seek then costs one resume from a keyframe, at most
// one interval of events, and building the view, for the reducer asked about
// only; stepping forward continues from the previous step.
//
// Keyframe memory is bounded by the trace's own size: the next keyframe is
// laid only once the events since the last one take `1 / keyRatio` times as
// many bytes as that keyframe holds (and at least `minInterval` slots). So
// keyframes of a loop with many live tasks are rarer, and together they never
// take more than about keyRatio x the event stream. keyRatio spends what the
// trace leaves of a budget of BYTES_PER_STEP for trace and keyframes together
// (more keyframes, shorter replays, faster seeks), within [0.15, 1].

import { stepEnd } from './decode.ts';
import { countUpTo } from './logs.ts';
import type { ConsoleLine } from './console.ts';
import { loopReducer } from './loop-state.ts';
import { netReducer, type NetworkSnapshot } from './network.ts';
import type { AnyReducer, Reducer } from './reducer.ts';
import { indexOf, type TraceIndex } from './trace-index.ts';
import type { Trace } from './schema.ts';
import type { Snapshot } from './views.ts';

export interface PlayerOptions {
  /** Fewest int32 slots of trace between two keyframes. Default 8192. */
  minInterval?: number;
  /** Keyframe bytes allowed per byte of events between two keyframes. Default: from the budget (keyRatioFor). */
  keyRatio?: number;
  /** The reducers to run. Default: the loop and the network. */
  reducers?: readonly AnyReducer[];
}

/** Bytes per step the trace and its keyframes may take together. */
export const BYTES_PER_STEP = 100;

/** Bytes a trace holds: events, step index, the times table and (as UTF-16 units) the strings. */
export function traceBytes(trace: Trace): number {
  let strings = 0;
  for (const s of trace.strings) strings += s.length + 1;
  return trace.ops.byteLength + trace.steps.byteLength + trace.times.length * 8 + strings;
}

/**
 * The default keyRatio: most of what the trace leaves of BYTES_PER_STEP per
 * step (a tenth is kept back, as the keyframes' own overhead), as a share of
 * the event stream; at least 0.15 and at most 1.
 */
export function keyRatioFor(trace: Trace): number {
  const steps = Math.max(1, trace.steps.length);
  const spare = (BYTES_PER_STEP * steps - traceBytes(trace)) * 0.9;
  return Math.min(1, Math.max(0.15, spare / Math.max(1, trace.ops.byteLength)));
}

/** The reducers every player runs unless told otherwise. */
export const DEFAULT_REDUCERS: readonly AnyReducer[] = [loopReducer, netReducer];

interface Keyframe {
  readonly step: number;
  /** Per reducer: its keyframe, or null for an idle reducer (its start state stands). */
  readonly keys: readonly unknown[];
  readonly bytes: number;
}

export class TracePlayer {
  readonly trace: Trace;
  readonly index: TraceIndex;
  /** Number of steps N; valid snapshots are 0..N. */
  readonly steps: number;
  /** Clock at the end of the run. */
  readonly endTime: number;

  private readonly minInterval: number;
  private readonly keyRatio: number;
  private readonly reducers: readonly AnyReducer[];
  private readonly active: readonly boolean[];
  /** Idle reducers' start states: never advanced, so shared by every draft set. */
  private readonly idle: readonly unknown[];
  private readonly keys: Keyframe[] = [];
  /** The drafts that lay keyframes, and the step they have reached. */
  private frontier: unknown[];
  private frontierStep = -1;
  private frontierLastKey = 0;
  private frontierLastBytes = 0;
  /**
   * Per reducer, a private draft and the step it is at: stepping forward
   * continues from it. Each reducer moves only when its view is asked for, so
   * showing the loop never pays for replaying the network, nor the reverse.
   */
  private readonly cur: unknown[];
  private readonly curStep: number[];
  /** Per reducer: the last view handed out and its step. */
  private readonly last: ({ step: number; view: unknown } | null)[];

  constructor(trace: Trace, opts: PlayerOptions = {}) {
    this.trace = trace;
    this.index = indexOf(trace);
    this.steps = trace.steps.length;
    this.endTime = this.index.endTime;
    this.minInterval = opts.minInterval ?? 8192;
    this.keyRatio = opts.keyRatio ?? keyRatioFor(trace);
    this.reducers = opts.reducers ?? DEFAULT_REDUCERS;
    this.active = this.reducers.map((r) => r.active(this.index));
    this.idle = this.reducers.map((r, i) => (this.active[i] ? null : r.start(this.index)));
    this.last = this.reducers.map(() => null);
    this.cur = this.reducers.map(() => null);
    this.curStep = this.reducers.map(() => -1);
    this.frontier = this.reducers.map((r, i) => (this.active[i] ? r.start(this.index) : this.idle[i]));
    this.advanceFrontier(0);
  }

  /** Reducer r's view at step k (clamped to 0..N). Immutable; the same object for repeated calls with one k. */
  view<V>(r: Reducer<unknown, unknown, V>, k: number): V {
    const i = this.reducers.indexOf(r as AnyReducer);
    if (i < 0) throw new Error(`TracePlayer: reducer ${r.name} is not one of this player's`);
    k = Math.max(0, Math.min(this.steps, Math.floor(k)));
    const last = this.last[i];
    if (last && last.step === k) return last.view as V;
    const view = r.view(this.moveTo(i, k), (last?.view as V | undefined) ?? null);
    this.last[i] = { step: k, view };
    return view;
  }

  /** The loop at step k (clamped to 0..N). Immutable; the same object for repeated calls with one k. */
  snapshot(k: number): Snapshot {
    return this.view(loopReducer as Reducer<unknown, unknown, Snapshot>, k);
  }

  /** The simulated network and processes at step k. */
  network(k: number): NetworkSnapshot {
    return this.view(netReducer as Reducer<unknown, unknown, NetworkSnapshot>, k);
  }

  /** Whether the run used sockets or processes at all (the Network panel shows only then). */
  get hasNetwork(): boolean {
    const i = this.reducers.indexOf(netReducer as AnyReducer);
    return i >= 0 && this.active[i];
  }

  /** Build every keyframe now, and let the reducers warm up (e.g. in idle time), so no later seek pays for a long replay. */
  prepare(): void {
    this.advanceFrontier(this.steps);
    this.reducers.forEach((r, i) => {
      if (this.active[i]) r.warm?.(this.frontier[i]);
    });
  }

  /** Keyframes laid so far (for tests and diagnostics). */
  get keyframeCount(): number {
    return this.keys.length;
  }

  /** Bytes the keyframes laid so far hold (what reducers report; for the bench). */
  get keyframeBytes(): number {
    let n = 0;
    for (const k of this.keys) n += k.bytes;
    return n;
  }

  // ---- loop iterations --------------------------------------------------------------
  /** Iteration in which step k ran (0 for step 0). */
  iterationOf(k: number): number {
    return this.index.stepIteration[Math.max(0, Math.min(this.steps, k))];
  }

  /** First and last step of iteration i, or null if it ran no handle. */
  stepsOfIteration(i: number): [number, number] | null {
    const first = this.index.iterationFirstStep;
    if (i < 1 || i >= first.length || first[i] < 0) return null;
    let next = this.steps + 1;
    for (let j = i + 1; j < first.length; j++) {
      if (first[j] >= 0) {
        next = first[j];
        break;
      }
    }
    return [first[i], next - 1];
  }

  // Stepping by iteration lands on iteration boundaries: the snapshot after
  // the last handle of an iteration, i.e. the state the next iteration starts
  // from (its clock jump and due timers included). Landing on an iteration's
  // first step instead would show one handle of it run and the rest not.

  /** Last step of the iteration that step k+1 belongs to (N at or past the end). */
  nextIterationEnd(k: number): number {
    k = Math.max(0, Math.floor(k));
    if (k >= this.steps) return this.steps;
    return this.lastStepOfIterationAt(k + 1);
  }

  /** Last step of the iteration before the one step k belongs to (0 at the start). */
  prevIterationEnd(k: number): number {
    k = Math.min(this.steps, Math.floor(k));
    if (k <= 1) return 0;
    return this.firstStepOfIterationAt(k) - 1;
  }

  /** First step (>= 1) of step k's iteration; k >= 1. */
  private firstStepOfIterationAt(k: number): number {
    const it = this.index.stepIteration;
    const cur = it[k];
    let lo = 1;
    let hi = k;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (it[mid] >= cur) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }

  /** Last step of step k's iteration; k >= 1. Iterations are non-decreasing in k. */
  private lastStepOfIterationAt(k: number): number {
    const it = this.index.stepIteration;
    const cur = it[k];
    let lo = k;
    let hi = this.steps;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (it[mid] <= cur) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  // ---- swimlanes ---------------------------------------------------------------------
  /** Task ids in creation order. */
  get taskIds(): readonly number[] {
    return this.index.taskIds;
  }

  /** Steps (ascending) in which task t ran. */
  taskSteps(t: number): Int32Array {
    return this.index.taskSteps(t);
  }

  /**
   * Task t's runs for a timeline: [first, last] step pairs, flattened
   * ([f0, l0, f1, l1, ...]). Consecutive steps of the same task merge into one
   * run; `gap` > 1 also merges runs separated by fewer than `gap` steps (for
   * a zoomed-out view).
   */
  taskRuns(t: number, gap = 1): Int32Array {
    const s = this.index.taskSteps(t);
    if (s.length === 0) return s;
    const out: number[] = [s[0], s[0]];
    for (let i = 1; i < s.length; i++) {
      if (s[i] - out[out.length - 1] <= gap) out[out.length - 1] = s[i];
      else out.push(s[i], s[i]);
    }
    return Int32Array.from(out);
  }

  // ---- console ---------------------------------------------------------------------------
  /** The whole run's console as lines, each with the step that began it. */
  get lines(): readonly ConsoleLine[] {
    return this.index.lines;
  }

  /** Step at which console line i (of `lines`) began, for click-to-seek. */
  stepOfOutputLine(i: number): number {
    const l = this.index.lines[i];
    return l ? l.step : -1;
  }

  /** Number of console lines visible (at least partly) at step k. */
  linesVisibleAt(k: number): number {
    return countUpTo(this.index.lines, k);
  }

  // ---- internals -------------------------------------------------------------------------
  /** Bring reducer i's private draft to step k and return it. */
  private moveTo(i: number, k: number): unknown {
    if (!this.active[i]) return this.idle[i];
    if (k > this.frontierStep) this.advanceFrontier(k);
    const at = this.curStep[i];
    if (at === k) return this.cur[i];
    // Nearest keyframe at or before k.
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.keys[mid].step <= k) lo = mid;
      else hi = mid - 1;
    }
    const key = this.keys[lo];
    const r = this.reducers[i];
    let from = at;
    if (!(at >= key.step && at <= k)) {
      this.cur[i] = r.resume(key.keys[i]);
      from = key.step;
    }
    const a = stepEnd(this.trace, from);
    const b = stepEnd(this.trace, k);
    if (b > a) this.cur[i] = r.advance(this.cur[i], this.trace, a, b);
    this.curStep[i] = k;
    return this.cur[i];
  }

  /** Advance every active draft of `drafts` over ops[from, to). */
  private replay(drafts: unknown[], from: number, to: number): void {
    if (to <= from) return;
    for (let i = 0; i < this.reducers.length; i++) {
      if (this.active[i]) drafts[i] = this.reducers[i].advance(drafts[i], this.trace, from, to);
    }
  }

  /** Move the keyframe-laying drafts up to step `target`, laying keyframes as they go. */
  private advanceFrontier(target: number): void {
    const f = this.frontier;
    const tr = this.trace;
    let step = this.frontierStep;
    if (step < 0) {
      this.replay(f, 0, stepEnd(tr, 0));
      step = 0;
      this.lay(0);
    }
    while (step < target) {
      // Find the step at which the next keyframe is due, and replay straight there.
      const due = this.frontierLastKey + Math.max(this.minInterval, Math.ceil(this.frontierLastBytes / (4 * this.keyRatio)));
      // First step whose end offset reaches `due` (binary search over step starts).
      let lo = step + 1;
      let hi = this.steps;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (stepEnd(tr, mid) >= due) hi = mid;
        else lo = mid + 1;
      }
      const next = Math.max(step + 1, lo);
      if (next > target && stepEnd(tr, next) >= due) {
        // The keyframe lies beyond the target: stop at the target, lay nothing yet.
        // (The frontier only moves forward, so it resumes from here next time.)
        this.replay(f, stepEnd(tr, step), stepEnd(tr, target));
        step = target;
        break;
      }
      this.replay(f, stepEnd(tr, step), stepEnd(tr, next));
      step = next;
      this.lay(step);
    }
    this.frontierStep = step;
  }

  private lay(step: number): void {
    let bytes = 0;
    const keys = this.reducers.map((r, i) => {
      if (!this.active[i]) return null;
      const k = r.key(this.frontier[i]);
      bytes += r.bytes(k);
      return k;
    });
    this.keys.push({ step, keys, bytes });
    this.frontierLastKey = stepEnd(this.trace, step);
    this.frontierLastBytes = bytes;
  }
}
