// The loop engine: ready queue, timer heap and virtual clock, with the
// semantics of CPython's BaseEventLoop._run_once. Pure TypeScript: no DOM, no
// Pyodide. The Python adapter drives it with integer handle ids only (never a
// proxy per handle: that costs ~27 µs each), and keeps id -> Handle itself.
//
// One iteration (beginIteration + popReady until it returns NONE):
//   1. drop cancelled timers from the head of the heap;
//   2. if nothing is ready and the loop is not stopping, jump the clock to the
//      earliest timer (virtual time: no waiting);
//   3. move every timer with when < now + resolution to the ready queue, in
//      deadline order (ties FIFO by scheduling order, see timerLess);
//   4. run exactly the handles that were ready when the iteration began;
//      handles queued while they run wait for the next iteration.

import { TimerHeap } from './timer-heap.ts';

/** Receives every scheduling fact as it happens (the trace recorder implements it). */
export interface SchedulingSink {
  clock(now: number): void;
  iteration(n: number): void;
  soon(h: number, label: number, owner: number): void;
  at(h: number, label: number, owner: number, when: number): void;
  due(h: number): void;
  cancel(h: number): void;
  run(h: number): void;
  done(h: number): void;
  skip(h: number): void;
  block(kind: number, label: number, duration: number): void;
}

/** Why beginIteration could not start an iteration. */
export const Begin = {
  /** Nothing ready, no timer, not stopping: CPython would block forever. */
  IDLE: -1,
  /** The step cap was reached. */
  STEP_LIMIT: -2,
  /** The next timer lies beyond the virtual-time cap. */
  TIME_LIMIT: -3,
  /** The recording has no room left (EngineOptions.outOfRoom). */
  SIZE_LIMIT: -4,
} as const;

/** popReady's answer when the iteration has no more handles. */
export const NONE = -1;
/** popReady's answer for a cancelled handle that was dropped (the caller skips it). */
export const CANCELLED = -2;

export interface EngineOptions {
  /** Stop after this many handles have run (steps). */
  maxSteps?: number;
  /** Stop before the clock passes this many seconds of virtual time. */
  maxTime?: number;
  /** Timers due within this much of now count as due (CPython: the monotonic clock's resolution). */
  clockResolution?: number;
  /** The clock's starting value. */
  startTime?: number;
  /** Asked before each iteration: true when the recording is full, and the run must end (Begin.SIZE_LIMIT). */
  outOfRoom?: () => boolean;
}

export class Engine {
  /** Virtual clock, seconds. */
  now: number;
  /** Steps run so far (handles run, not counting skipped cancelled ones). */
  steps = 0;
  iterations = 0;

  private readonly sink: SchedulingSink | null;
  private readonly maxSteps: number;
  private readonly maxTime: number;
  private readonly resolution: number;
  private readonly outOfRoom: (() => boolean) | null;

  // Ready queue as a growable ring of ids: O(1) push/pop without shifting.
  private ring = new Int32Array(1024);
  private head = 0;
  private size = 0;
  /** Handles left to pop in the current iteration. */
  private todo = 0;
  /** The handle running now (popped, not yet finished), or -1. */
  private running = -1;

  private readonly timers = new TimerHeap();
  /** Cancelled handle ids (queued or timer) not yet dropped. */
  private readonly cancelled = new Set<number>();

  constructor(sink: SchedulingSink | null = null, opts: EngineOptions = {}) {
    this.sink = sink;
    this.maxSteps = opts.maxSteps ?? Infinity;
    this.maxTime = opts.maxTime ?? Infinity;
    this.resolution = opts.clockResolution ?? 1e-9;
    this.now = opts.startTime ?? 0;
    this.outOfRoom = opts.outOfRoom ?? null;
  }

  /** Number of handles in the ready queue (cancelled ones included until dropped). */
  get readyCount(): number {
    return this.size;
  }

  /** Number of timers in the heap (cancelled ones included until dropped). */
  get timerCount(): number {
    return this.timers.size;
  }

  /** The earliest pending timer's deadline, or Infinity. */
  nextTimer(): number {
    this.dropCancelledTimers();
    return this.timers.size ? this.timers.peekWhen() : Infinity;
  }

  callSoon(h: number, label = 0, owner = -1): void {
    this.push(h);
    this.sink?.soon(h, label, owner);
  }

  callAt(h: number, when: number, label = 0, owner = -1): void {
    this.timers.push(h, when);
    this.sink?.at(h, label, owner, when);
  }

  /** Cancel a queued handle or a pending timer. Idempotent. */
  cancel(h: number): void {
    if (this.cancelled.has(h)) return;
    this.cancelled.add(h);
    this.sink?.cancel(h);
  }

  /**
   * Start one iteration. Returns the number of handles to pop (>= 0) or a
   * Begin code. `stopping` mirrors BaseEventLoop._stopping: a stopping loop
   * does not wait for timers.
   */
  beginIteration(stopping: boolean): number {
    this.finish();
    if (this.steps >= this.maxSteps) return Begin.STEP_LIMIT;
    if (this.outOfRoom?.()) return Begin.SIZE_LIMIT;
    this.dropCancelledTimers();
    if (this.size === 0 && !stopping) {
      if (this.timers.size === 0) return Begin.IDLE;
      const when = this.timers.peekWhen();
      if (when > this.maxTime) return Begin.TIME_LIMIT;
      if (when > this.now) this.setClock(when);
    }
    this.iterations++;
    this.sink?.iteration(this.iterations);
    const end = this.now + this.resolution;
    while (this.timers.size && this.timers.peekWhen() < end) {
      const h = this.timers.pop();
      if (this.cancelled.delete(h)) continue;
      this.push(h);
      this.sink?.due(h);
    }
    this.todo = this.size;
    return this.todo;
  }

  /**
   * Next handle of this iteration: its id, CANCELLED (dropped; call again), or
   * NONE. Popping also finishes the handle popped before it, so the adapter
   * needs no separate call per step (each Python->JS call costs ~0.5 µs).
   */
  popReady(): number {
    if (this.running >= 0) this.finish();
    if (this.todo === 0) return NONE;
    this.todo--;
    const h = this.ring[this.head];
    this.head = (this.head + 1) & (this.ring.length - 1);
    this.size--;
    if (this.cancelled.size && this.cancelled.delete(h)) {
      this.sink?.skip(h);
      return CANCELLED;
    }
    this.steps++;
    this.running = h;
    this.sink?.run(h);
    return h;
  }

  /** The handle popped last has finished running (popReady and beginIteration imply it). */
  finish(): void {
    if (this.running < 0) return;
    const h = this.running;
    this.running = -1;
    this.sink?.done(h);
  }

  /** The loop is blocked (time.sleep, a synchronous executor call): the clock moves on. */
  block(seconds: number, kind = 0, label = 0): void {
    if (!(seconds > 0)) return;
    this.sink?.block(kind, label, seconds);
    this.setClock(this.now + seconds);
  }

  /** Ids in the ready queue, in order (the first `limit` of them). */
  readyIds(limit = Infinity): number[] {
    const n = Math.min(this.size, limit);
    const out: number[] = new Array(n);
    const mask = this.ring.length - 1;
    for (let i = 0; i < n; i++) out[i] = this.ring[(this.head + i) & mask];
    return out;
  }

  /** Forget every queued handle and timer (loop.close()). */
  clear(): void {
    this.head = 0;
    this.size = 0;
    this.todo = 0;
    this.timers.clear();
    this.cancelled.clear();
  }

  private setClock(t: number): void {
    this.now = t;
    this.sink?.clock(t);
  }

  private dropCancelledTimers(): void {
    while (this.timers.size && this.cancelled.size && this.cancelled.has(this.timers.peekId())) {
      this.cancelled.delete(this.timers.pop());
    }
  }

  private push(h: number): void {
    if (this.size === this.ring.length) this.grow();
    this.ring[(this.head + this.size) & (this.ring.length - 1)] = h;
    this.size++;
  }

  private grow(): void {
    const next = new Int32Array(this.ring.length * 2);
    const mask = this.ring.length - 1;
    for (let i = 0; i < this.size; i++) next[i] = this.ring[(this.head + i) & mask];
    this.ring = next;
    this.head = 0;
  }
}
