// Random access into a trace: snapshot(k) for any step without replaying from
// zero. Keyframes (forked drafts, sharing structure, see pvec.ts) are laid at
// step boundaries every `interval` events, and built lazily: the first seek
// past the frontier replays forward and leaves keyframes behind it. A seek
// then costs one fork + at most one interval of events + materializing.
//
// The interval adapts to how big the loop state is: a keyframe holds about
// as many pointers as there are live tasks, queued handles and timers, so the
// next keyframe is laid no sooner than `stateFactor` x that many events later.
// Keyframe memory therefore stays a fraction of the trace's own size, whatever
// the program's shape; the floor `minInterval` bounds how fine they get.

import { stepEnd } from './decode.ts';
import { LoopState, applyRange, type ConsoleLine, type Snapshot } from './snapshot.ts';
import { indexOf, type TraceIndex } from './trace-index.ts';
import type { Trace } from './schema.ts';

export interface PlayerOptions {
  /** Fewest events between two keyframes. Default 8192. */
  minInterval?: number;
  /** Events between keyframes per unit of live state. Default 16. */
  stateFactor?: number;
}

export class TracePlayer {
  readonly trace: Trace;
  readonly index: TraceIndex;
  /** Number of steps N; valid snapshots are 0..N. */
  readonly steps: number;
  /** Clock at the end of the run. */
  readonly endTime: number;

  private readonly minInterval: number;
  private readonly stateFactor: number;
  /** Keyframe drafts (never mutated; forked before use) and the step each is at. */
  private readonly keys: LoopState[] = [];
  private readonly keySteps: number[] = [];
  /** The draft that lays keyframes, and the step it has reached. */
  private frontier: LoopState;
  private frontierStep = -1;
  private frontierLastKey = 0;
  /** A private draft at `curStep`: stepping forward continues from it. */
  private cur: LoopState | null = null;
  private curStep = -1;
  private last: Snapshot | null = null;

  constructor(trace: Trace, opts: PlayerOptions = {}) {
    this.trace = trace;
    this.index = indexOf(trace);
    this.steps = trace.steps.length;
    this.endTime = this.index.endTime;
    this.minInterval = opts.minInterval ?? 8192;
    this.stateFactor = opts.stateFactor ?? 16;
    this.frontier = new LoopState(trace);
    this.advanceFrontier(0);
  }

  /** The loop at step k (clamped to 0..N). Immutable; the same object for repeated calls with one k. */
  snapshot(k: number): Snapshot {
    k = Math.max(0, Math.min(this.steps, Math.floor(k)));
    if (this.last && this.last.step === k) return this.last;
    if (k > this.frontierStep) this.advanceFrontier(k);
    // Nearest keyframe at or before k.
    let lo = 0;
    let hi = this.keySteps.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.keySteps[mid] <= k) lo = mid;
      else hi = mid - 1;
    }
    const ks = this.keySteps[lo];
    if (!(this.cur && this.curStep <= k && this.curStep >= ks)) {
      this.cur = this.keys[lo].fork();
      this.curStep = ks;
    }
    this.replay(this.cur, this.curStep, k);
    this.curStep = k;
    this.last = this.cur.materialize();
    return this.last;
  }

  /** Build every keyframe now (e.g. in idle time), so no later seek pays for a long replay. */
  prepare(): void {
    this.advanceFrontier(this.steps);
  }

  /** Keyframes laid so far (for tests and diagnostics). */
  get keyframeCount(): number {
    return this.keys.length;
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
    const lines = this.index.lines;
    let lo = 0;
    let hi = lines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (lines[mid].step <= k) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  // ---- internals -------------------------------------------------------------------------
  private replay(d: LoopState, from: number, to: number): void {
    if (to <= from) return;
    applyRange(d, this.trace.ops, stepEnd(this.trace, from), stepEnd(this.trace, to));
  }

  /** Move the keyframe-laying draft up to step `target`, laying keyframes as it goes. */
  private advanceFrontier(target: number): void {
    const f = this.frontier;
    const tr = this.trace;
    let step = this.frontierStep;
    if (step < 0) {
      applyRange(f, tr.ops, 0, stepEnd(tr, 0));
      step = 0;
      this.lay(f, 0);
    }
    while (step < target) {
      // Find the step at which the next keyframe is due, and replay straight there.
      const due = this.frontierLastKey + Math.max(this.minInterval, this.stateFactor * f.size);
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
        applyRange(f, tr.ops, stepEnd(tr, step), stepEnd(tr, target));
        step = target;
        break;
      }
      applyRange(f, tr.ops, stepEnd(tr, step), stepEnd(tr, next));
      step = next;
      this.lay(f, step);
    }
    this.frontierStep = step;
  }

  private lay(f: LoopState, step: number): void {
    this.keys.push(f.fork());
    this.keySteps.push(step);
    this.frontierLastKey = stepEnd(this.trace, step);
  }
}
