// Per-trace derived data for the UI, computed once per Player.
import { OPERANDS, Op } from '../trace/schema.ts';
import type { Player, TaskView, TraceIndex } from '../state/player.ts';
import { stepEvents } from '../state/player.ts';

export interface ConsoleLine {
  fd: 1 | 2;
  text: string;
  step: number;
}

export interface Derived {
  stepsOf: (taskId: number) => Int32Array;
  lines: ConsoleLine[];
  horizon: number;
  name: (id: number) => string;
}

const cache = new WeakMap<Player, Derived>();

export function derive(player: Player): Derived {
  let d = cache.get(player);
  if (d) return d;
  const ix = player.index;
  const byTask = new Map<number, number[]>();
  for (let i = 0; i < ix.n; i++) {
    const t = ix.stepTask[i];
    if (t < 0) continue;
    let l = byTask.get(t);
    if (!l) byTask.set(t, (l = []));
    l.push(i + 1);
  }
  const steps = new Map<number, Int32Array>();
  for (const [t, l] of byTask) steps.set(t, Int32Array.from(l));
  const empty = new Int32Array(0);
  // Console lines: chunks joined, split on newlines; a line belongs to the step of its first chunk.
  const lines: ConsoleLine[] = [];
  let open: ConsoleLine | null = null;
  for (const o of ix.output) {
    const parts = o.text.split('\n');
    parts.forEach((p, i) => {
      const last = i === parts.length - 1;
      if (open && open.fd === o.fd) open.text += p;
      else if (p !== '' || !last) {
        open = { fd: o.fd, text: p, step: o.step };
        lines.push(open);
      }
      if (!last) open = null;
    });
  }
  const end = ix.endTime;
  const horizon = end > 0 ? end * 1.06 : ix.maxWhen > 0 ? Math.min(ix.maxWhen * 1.06, 60) : 1;
  d = {
    stepsOf: (t) => steps.get(t) ?? empty,
    lines,
    horizon,
    name: (id) => ix.taskName.get(id) ?? ix.futureName.get(id) ?? `#${id}`,
  };
  cache.set(player, d);
  return d;
}

/** Handles that fell due (timer -> ready queue) in the events of step k. */
export function dueInStep(ix: TraceIndex, k: number): Set<number> {
  const s = new Set<number>();
  const [a, b] = stepEvents(ix, k);
  const ops = ix.trace.ops;
  for (let i = a; i < b; ) {
    if (ops[i] === Op.DUE) s.add(ops[i + 1]);
    i += 1 + (OPERANDS[ops[i]] ?? 0);
  }
  return s;
}

export function waitLabel(t: TaskView, name: (id: number) => string): string {
  const line = t.chain.length ? ` · line ${t.chain[t.chain.length - 1]}` : '';
  if (t.state === 'waiting') return `on ${t.waitOn >= 0 ? name(t.waitOn) : '?'}${line}`;
  if (t.state === 'ready') return `in the ready queue${line}`;
  if (t.state === 'running') return 'running now';
  return '';
}

/** Index of the first console line not yet printed at step k. */
export function visibleLines(lines: ConsoleLine[], k: number): number {
  let lo = 0;
  let hi = lines.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (lines[m].step <= k) lo = m + 1;
    else hi = m;
  }
  return lo;
}
