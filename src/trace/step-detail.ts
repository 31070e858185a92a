// What happened inside one step that a snapshot does not keep, read from the
// step's own events (RUN .. next RUN) on demand: the user lines the step ran
// through (the editor highlights them) and the timers that fell due in it (the
// ready queue slides those in from the timer axis rather than from the right).

import { eventSize, stepEnd, stepStart } from './decode.ts';
import { innermostLine, Op, type Trace } from './schema.ts';
import { indexOf, type TraceIndex } from './trace-index.ts';

export interface StepDetail {
  /**
   * User lines of step k, in order, no repeats: where its task resumed, the
   * lines reported by LINE events, and where the task suspended again (the
   * innermost line of its new await chain). Empty for step 0.
   */
  readonly lines: readonly number[];
  /** Handles that fell due (timer -> ready queue) during step k. */
  readonly due: ReadonlySet<number>;
}

/** Lines and due timers of step k (0..N); O(events of the step). */
export function stepDetail(trace: Trace, k: number, ix: TraceIndex = indexOf(trace)): StepDetail {
  const n = trace.steps.length;
  k = Math.max(0, Math.min(n, Math.floor(k)));
  const { ops } = trace;
  const lines: number[] = [];
  const add = (l: number) => {
    if (l > 0 && k > 0 && !lines.includes(l)) lines.push(l);
  };
  const due = new Set<number>();
  const task = ix.stepTask[k];
  add(ix.stepResumeLine[k]);
  for (let i = stepStart(trace, k), end = stepEnd(trace, k); i < end; i += eventSize(ops, i)) {
    switch (ops[i]) {
      case Op.LINE:
        add(ops[i + 2]);
        break;
      case Op.TASK_STATE:
        if (task >= 0 && ops[i + 1] === task) add(innermostLine(trace, ops[i + 4]));
        break;
      case Op.DUE:
        due.add(ops[i + 1]);
        break;
    }
  }
  return { lines, due };
}
