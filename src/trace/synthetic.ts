// Synthetic traces shaped like real programs, recorded through the real Engine
// and TraceRecorder (no Python): for tests and src/trace/bench-seek.ts.

import { CANCELLED, Engine, NONE } from '../engine/engine.ts';
import { TraceRecorder } from './recorder.ts';
import { TaskState, type Trace } from './schema.ts';

export const SYNTHETIC_META = { filename: 'main.py', source: '', exitCode: 0, pythonVersion: 'synthetic', wallMs: 0 };

/**
 * `tasks` tasks, each running `rounds` steps of `await asyncio.sleep(0)`, as in
 *
 *     async def worker():          # line 1
 *         for _ in range(rounds):  # line 2
 *             await asyncio.sleep(0)   # line 3
 *
 * Each step: RUN of the task's step handle (owner = the task), TASK_STATE
 * ready with chain [3], SOON of its next step, DONE. The last step of a task
 * finishes it (FUT_DONE + TASK_STATE done) instead.
 */
export function manyTasksTrace(tasks: number, rounds: number): Trace {
  const rec = new TraceRecorder();
  const eng = new Engine(rec);
  const coro = rec.intern('worker()');
  const chain = rec.chain([3]);
  const none = rec.intern('None');
  const label: number[] = [];
  const left = new Int32Array(tasks).fill(rounds);
  // Handle -> task; handles are numbered in scheduling order.
  const taskOf: number[] = [];
  let nextHandle = 0;
  const schedule = (t: number) => {
    taskOf[nextHandle] = t;
    eng.callSoon(nextHandle++, label[t], t);
  };
  for (let t = 0; t < tasks; t++) {
    label[t] = rec.intern(`Task-${t + 1}: step worker()`);
    rec.taskNew(t, rec.intern(`Task-${t + 1}`), coro, 7);
    schedule(t);
  }
  for (;;) {
    if (eng.beginIteration(false) < 0) break;
    for (;;) {
      const h = eng.popReady();
      if (h === NONE) break;
      if (h === CANCELLED) continue;
      const t = taskOf[h];
      if (--left[t] > 0) {
        rec.taskState(t, TaskState.READY, -1, chain);
        schedule(t);
      } else {
        rec.futDone(t, TaskState.DONE, none);
        rec.taskState(t, TaskState.DONE, -1, -1);
      }
    }
  }
  eng.finish();
  rec.exit(0);
  return rec.finish(SYNTHETIC_META);
}
