// What a reader of a trace is handed: plain, immutable records (frozen top
// level and lists; a record is never changed after it is made, so consecutive
// snapshots may share records). The reducers that produce them live in
// loop-state.ts (the loop) and network.ts (NET events); the run's logs
// (console, blocking calls, errors, the limit) in logs.ts.

import type { BlockKindName, ErrorKindName, LimitKindName, TaskStateName } from './schema.ts';

export type HandleKind = 'soon' | 'timer';
export type FutureStateName = 'pending' | 'done' | 'cancelled' | 'failed';

/** A handle in the ready queue (or the one running). */
export interface HandleView {
  readonly id: number;
  readonly label: string;
  /** Raw owner operand (see schema.ts ownerOf). */
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
  /** Tasks whose waitOn is this task, in creation order. */
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
  /** Tasks whose waitOn is this future, in creation order. */
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
