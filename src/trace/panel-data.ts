// What the panels and the code view show at step k, as plain data: a pure
// function of (TracePlayer, k), outside React and the store, so the app's
// memoised selectors and a player without the app compute it the same way.
// The panels' layouts (src/ui/panels) turn it into shapes.

import type { TracePlayer } from './seek.ts';
import { shownTasks } from './shown-tasks.ts';
import { stepDetail, type StepDetail } from './step-detail.ts';
import type { TraceIndex } from './trace-index.ts';
import type { NetworkSnapshot } from './network.ts';
import type { BlockView, FutureView, HandleView, Snapshot, TaskStateName, TaskView, TimerView } from './index.ts';

/** Facts about the run's tasks that every panel may need, by id. */
export interface TaskFacts {
  /** Task id -> creation-order slot (-1: not a task): a task's colour follows it. */
  readonly slotOf: (taskId: number) => number;
  /** Name of a task or label of a future, by id. */
  readonly nameOf: (id: number) => string;
}

export interface PanelData {
  readonly step: number;
  readonly ready: TaskFacts & {
    /** The ready queue, head first. */
    readonly ready: readonly HandleView[];
    /** The handle run in this step, or null. */
    readonly running: HandleView | null;
    /** Handles that came from a timer in this step. */
    readonly fromTimers: ReadonlySet<number>;
  };
  readonly timers: TaskFacts & {
    /** Pending timers by deadline, each with the task it belongs to: its own, or the task awaiting the future it resolves. */
    readonly timers: readonly { readonly timer: TimerView; readonly task: number | null }[];
    readonly blocks: readonly BlockView[];
    readonly now: number;
    /** Right end of the time axis: fixed per trace, so nothing rescales while stepping. */
    readonly horizon: number;
  };
  readonly tasks: TaskFacts & {
    /** The tasks, the one run in this step shown as 'running' (see shownTasks). */
    readonly tasks: readonly TaskView[];
    readonly k: number;
    readonly n: number;
    /** Steps (ascending) in which a task ran. */
    readonly stepsOf: (taskId: number) => Int32Array;
  };
  readonly futures: TaskFacts & { readonly futures: readonly FutureView[] };
  /** The simulated network, or null when the run used none. */
  readonly network: NetworkSnapshot | null;
  /** Headline numbers for the panels' titles. */
  readonly counts: {
    readonly ready: number;
    /** Pending timers that are not cancelled. */
    readonly timers: number;
    readonly tasks: number;
    readonly futures: number;
    /** Tasks per state, in the order states first appear. */
    readonly byState: readonly (readonly [TaskStateName, number])[];
  };
}

/** Right end of the timer axis for a run: fixed per trace, so nothing rescales while stepping. */
export function timeHorizon(ix: TraceIndex): number {
  const end = ix.endTime;
  return end > 0 ? end * 1.06 : ix.maxWhen > 0 ? Math.min(ix.maxWhen * 1.06, 60) : 1;
}

const facts = new WeakMap<TraceIndex, TaskFacts>();
function taskFacts(ix: TraceIndex): TaskFacts {
  let f = facts.get(ix);
  if (!f) facts.set(ix, (f = { slotOf: ix.taskSlot, nameOf: ix.objectName }));
  return f;
}

/** The panels' data at step k. `detail` is step k's detail, when the caller has it already. */
export function panelData(player: TracePlayer, k: number, detail: StepDetail = stepDetail(player.trace, k, player.index)): PanelData {
  const snap: Snapshot = player.snapshot(k);
  const ix = player.index;
  const f = taskFacts(ix);
  const tasks = shownTasks(snap);
  // A timer that completes a future belongs to the (first) task waiting on that future.
  const awaiter = new Map<number, number>();
  for (const t of snap.tasks) if (t.waitOn !== null && !awaiter.has(t.waitOn)) awaiter.set(t.waitOn, t.id);
  const byState = new Map<TaskStateName, number>();
  for (const t of tasks) byState.set(t.state, (byState.get(t.state) ?? 0) + 1);
  let pending = 0;
  for (const t of snap.timers) if (!t.cancelled) pending++;
  return {
    step: snap.step,
    ready: { ...f, ready: snap.ready, running: snap.running, fromTimers: detail.due },
    timers: {
      ...f,
      timers: snap.timers.map((t) => ({ timer: t, task: t.task ?? (t.callbackOf !== null ? (awaiter.get(t.callbackOf) ?? null) : null) })),
      blocks: snap.blocks,
      now: snap.time,
      horizon: Math.max(timeHorizon(ix), snap.time),
    },
    tasks: { ...f, tasks, k: snap.step, n: player.steps, stepsOf: ix.taskSteps },
    futures: { ...f, futures: snap.futures },
    network: player.hasNetwork ? player.network(k) : null,
    counts: { ready: snap.ready.length, timers: pending, tasks: tasks.length, futures: snap.futures.length, byState: [...byState] },
  };
}

/** What the code view marks at step k. */
export interface CodeMarks {
  /** Lines run in the step. */
  readonly current: readonly number[];
  /** Suspended tasks: where each waits (slot: its colour). */
  readonly waiting: readonly { readonly line: number; readonly slot: number; readonly name: string; readonly what: string }[];
  /** Errors of the whole run with a line (uncaught exceptions, a syntax error). */
  readonly errors: readonly { readonly line: number; readonly col: number; readonly message: string }[];
}

/** The code view's marks at step k: the lines the step ran through, a dot where each other task is suspended, the run's errors. */
export function codeMarks(player: TracePlayer, k: number, detail: StepDetail = stepDetail(player.trace, k, player.index)): CodeMarks {
  const ix = player.index;
  const waiting: { line: number; slot: number; name: string; what: string }[] = [];
  for (const t of shownTasks(player.snapshot(k))) {
    if ((t.state === 'waiting' || t.state === 'ready') && t.chain.length) {
      waiting.push({
        line: t.chain[t.chain.length - 1],
        slot: ix.taskSlot(t.id),
        name: t.name,
        what: t.state === 'waiting' ? `on ${t.waitOn !== null ? ix.objectName(t.waitOn) : 'a future'}` : '(ready to resume)',
      });
    }
  }
  const errors = ix.errors.filter((e) => e.line > 0).map((e) => ({ line: e.line, col: e.col, message: e.message }));
  return { current: detail.lines, waiting, errors };
}
