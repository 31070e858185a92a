// The tasks as a step-by-step view shows them. Snapshot k holds each task's
// state after step k, so the task that step k ran already reads 'waiting' or
// 'done' again. A viewer stepping through the run wants that task marked as
// the one that ran, like the handle in the ready queue's "ran in this step"
// slot: it reads 'running' here. Every other task is as recorded.

import type { Snapshot, TaskView } from './views.ts';

const shown = new WeakMap<Snapshot, readonly TaskView[]>();

/** snap.tasks with the task run in this step as 'running'. The same array for the same snapshot. */
export function shownTasks(snap: Snapshot): readonly TaskView[] {
  let tasks = shown.get(snap);
  if (tasks) return tasks;
  const ran = snap.running?.task ?? null;
  tasks = snap.tasks;
  if (ran !== null) {
    const i = tasks.findIndex((t) => t.id === ran);
    if (i >= 0 && tasks[i].state !== 'running') {
      const copy = tasks.slice();
      copy[i] = { ...copy[i], state: 'running' };
      tasks = Object.freeze(copy);
    }
  }
  shown.set(snap, tasks);
  return tasks;
}
