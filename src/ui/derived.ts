// Small per-trace and per-task presentation helpers (what to write, how wide
// to draw); the facts themselves come from the trace reader (src/trace).
import type { TaskView, TraceIndex } from '../trace/index.ts';

/** Right end of the timer axis: fixed per trace, so nothing rescales while stepping. */
export function timeHorizon(ix: TraceIndex): number {
  const end = ix.endTime;
  return end > 0 ? end * 1.06 : ix.maxWhen > 0 ? Math.min(ix.maxWhen * 1.06, 60) : 1;
}

/** What a task's row says it is doing ("on Future-1 · line 11"). */
export function waitLabel(t: TaskView, name: (id: number) => string): string {
  const line = t.chain.length ? ` · line ${t.chain[t.chain.length - 1]}` : '';
  if (t.state === 'waiting') return `on ${t.waitOn !== null ? name(t.waitOn) : '?'}${line}`;
  if (t.state === 'ready') return `in the ready queue${line}`;
  if (t.state === 'running') return 'running now';
  return '';
}
