// Tasks panel: one row per task with its state (text + glyph + colour), what it
// waits on, and a swimlane of the steps in which it ran (cursor at step k).
// Rows are virtualised: only the visible window is laid out and drawn.
// layoutTasks is pure (shapes from data); drawTasks joins them.
import { select } from 'd3-selection';
import 'd3-transition';
import type { TaskView } from '../../trace/index.ts';
import { STATE_COLOURS, STATE_GLYPH } from '../colours.ts';
import { fillOf, truncate, type Motion, type SlotOf } from './common.ts';
import { put, putText } from './dom.ts';

export const TASK_ROW_H = 28;

export interface TasksData {
  /** The tasks as shown at this step (the one that ran reads 'running'). */
  readonly tasks: readonly TaskView[];
  /** Step k and the number of steps N. */
  readonly k: number;
  readonly n: number;
  /** Steps (1-based, ascending) in which each task ran. */
  readonly stepsOf: (taskId: number) => Int32Array;
  /** Name of a task or label of a future, by id. */
  readonly nameOf: (id: number) => string;
  readonly slotOf: SlotOf;
}

/** Columns: the name from NAME_X, the state pill at NAME_W (STATE_W wide, a gap after), what it waits on, then the lane. */
export const NAME_X = 24;
export const NAME_W = 190;
export const STATE_W = 112;
const WAIT_W = 230;
/** Space kept between a column's text and the next column. */
export const COL_GAP = 8;
/** Width of a character of the rows' text (13px): texts are cut to their column by it. */
export const ROW_CH = 7.2;
/** Characters that fit in a column of `w` px before the next one (an ellipsis ends what is cut). */
const fits = (w: number) => Math.floor((w - COL_GAP) / ROW_CH);
const NAME_CHARS = fits(NAME_W - NAME_X);
const WAIT_CHARS = fits(WAIT_W);

export interface TaskRowShape {
  readonly id: number;
  readonly y: number;
  readonly name: string;
  readonly state: TaskView['state'];
  readonly colour: string;
  readonly nameText: string;
  readonly stateText: string;
  readonly stateFill: string;
  readonly waitText: string;
  /** Swimlane ticks: steps up to k, and after k. */
  readonly past: string;
  readonly future: string;
  readonly title: string;
}

export interface TasksShapes {
  readonly width: number;
  readonly height: number;
  readonly lane: { readonly x0: number; readonly x1: number };
  readonly rows: readonly TaskRowShape[];
  /** The step cursor across all lanes, or null before a run. */
  readonly cursorX: number | null;
}

/** What a task's row says it is doing ("on Future-1 · line 11"). */
export function waitLabel(t: TaskView, name: (id: number) => string): string {
  const line = t.chain.length ? ` · line ${t.chain[t.chain.length - 1]}` : '';
  if (t.state === 'waiting') return `on ${t.waitOn !== null ? name(t.waitOn) : '?'}${line}`;
  if (t.state === 'ready') return `in the ready queue${line}`;
  if (t.state === 'running') return 'running now';
  return '';
}

/** Rows first..last-1 (the visible window) of the tasks panel. */
export function layoutTasks(data: TasksData, width: number, first = 0, last = data.tasks.length): TasksShapes {
  const laneX0 = NAME_W + STATE_W + WAIT_W;
  const laneW = Math.max(60, width - laneX0 - 10);
  const n = Math.max(1, data.n);
  const x = (s: number) => laneX0 + ((s - 0.5) / n) * laneW;
  const tickW = Math.max(1.5, laneW / n - 0.5);
  const lanePath = (steps: Int32Array, past: boolean) => {
    let p = '';
    let lastPx = -10;
    for (let i = 0; i < steps.length; i++) {
      const s = steps[i];
      if (past ? s > data.k : s <= data.k) continue;
      const px = x(s) - tickW / 2;
      if (px - lastPx < 0.75) continue; // several steps on one pixel
      lastPx = px;
      p += `M${px.toFixed(1)},5h${tickW.toFixed(1)}v${TASK_ROW_H - 12}h${(-tickW).toFixed(1)}z`;
    }
    return p;
  };
  const rows: TaskRowShape[] = [];
  for (let row = first; row < Math.min(last, data.tasks.length); row++) {
    const t = data.tasks[row];
    const steps = data.stepsOf(t.id);
    const wait = waitLabel(t, data.nameOf);
    rows.push({
      id: t.id,
      y: row * TASK_ROW_H,
      name: t.name,
      state: t.state,
      colour: fillOf(t.id, data.slotOf, 'var(--muted)'),
      nameText: truncate(`${t.name}  ${t.coro}`, NAME_CHARS),
      stateText: `${STATE_GLYPH[t.state]} ${t.state}`,
      stateFill: STATE_COLOURS[t.state],
      waitText: truncate(wait, WAIT_CHARS),
      past: lanePath(steps, true),
      future: lanePath(steps, false),
      title: `${t.name} — ${t.coro} — ${t.state}${t.state === 'waiting' ? ' ' + wait : ''}; ran in ${steps.length} steps`,
    });
  }
  return {
    width,
    height: data.tasks.length * TASK_ROW_H + 4,
    lane: { x0: laneX0, x1: laneX0 + laneW },
    rows,
    cursorX: data.n > 0 ? x(Math.max(0.5, data.k + 0.5)) : null,
  };
}

export function drawTasks(svgEl: SVGSVGElement, s: TasksShapes, motion: Motion): void {
  const svg = select(svgEl);
  put(svg, { height: s.height, width: s.width });
  svg
    .selectAll<SVGGElement, TaskRowShape>('g.task-row')
    .data(s.rows, (d) => String(d.id))
    .join(
      (enter) => {
        const g = enter.append('g').attr('class', 'task-row');
        g.append('rect').attr('class', 'row-bg');
        g.append('circle').attr('class', 'task-dot');
        g.append('text').attr('class', 'task-name');
        g.append('rect').attr('class', 'state-badge').attr('rx', 4);
        g.append('text').attr('class', 'state-text');
        g.append('text').attr('class', 'wait-text');
        g.append('line').attr('class', 'lane-base');
        g.append('path').attr('class', 'lane-future');
        g.append('path').attr('class', 'lane-past');
        g.append('title');
        return g;
      },
      (update) => update,
      (exit) => exit.remove(),
    )
    .call((g) => {
      put(g, { 'data-testid': 'task-item', 'data-name': (d) => d.name, 'data-state': (d) => d.state, transform: (d) => `translate(0,${d.y})` });
      put(g.select('rect.row-bg'), { width: s.width, height: TASK_ROW_H - 2, class: (d) => `row-bg${d.state === 'running' ? ' is-running' : ''}` });
      put(g.select('circle.task-dot'), { cx: 12, cy: TASK_ROW_H / 2 - 1, r: 6, fill: (d) => d.colour });
      putText(put(g.select('text.task-name'), { x: NAME_X, y: TASK_ROW_H / 2 + 3.5 }), (d) => d.nameText);
      put(g.select('rect.state-badge'), {
        x: NAME_W,
        y: 4,
        width: STATE_W - 10,
        height: TASK_ROW_H - 10,
        fill: (d) => d.stateFill,
        class: (d) => `state-badge st-${d.state}`,
      });
      putText(put(g.select('text.state-text'), { x: NAME_W + 7, y: TASK_ROW_H / 2 + 3.5 }), (d) => d.stateText);
      putText(put(g.select('text.wait-text'), { x: NAME_W + STATE_W, y: TASK_ROW_H / 2 + 3.5 }), (d) => d.waitText);
      put(g.select('line.lane-base'), { x1: s.lane.x0, x2: s.lane.x1, y1: TASK_ROW_H / 2 - 1, y2: TASK_ROW_H / 2 - 1 });
      put(g.select('path.lane-future'), { d: (d) => d.future, fill: (d) => d.colour });
      put(g.select('path.lane-past'), { d: (d) => d.past, fill: (d) => d.colour });
      putText(g.select('title'), (d) => d.title);
    });

  // The step cursor across all lanes.
  const first = s.lane.x0;
  svg
    .selectAll<SVGLineElement, number>('line.lane-cursor')
    .data(s.cursorX !== null ? [s.cursorX] : [])
    .join((e) => e.append('line').attr('class', 'lane-cursor').attr('x1', first).attr('x2', first))
    .call((l) => put(l, { y1: 0, y2: s.height }))
    .transition()
    .duration(motion.duration)
    .attr('x1', (d) => d)
    .attr('x2', (d) => d);
}
