// Tasks panel: one row per task with its state (text + glyph + colour), what it
// waits on, and a swimlane of the steps in which it ran (cursor at step k).
// Rows are virtualised: only the visible window is drawn.
import * as d3 from 'd3';
import './common.ts';
import type { TaskView } from '../../trace/index.ts';
import { STATE_COLOURS, STATE_GLYPH } from '../colours.ts';
import { truncate, type RenderOpts } from './common.ts';

export const TASK_ROW_H = 28;

export interface TasksData {
  tasks: readonly TaskView[];
  /** Visible row window [first, last). */
  first: number;
  last: number;
  k: number;
  n: number;
  /** Steps (1-based) in which each task ran. */
  stepsOf: (taskId: number) => Int32Array;
  waitLabel: (t: TaskView) => string;
}

const NAME_W = 190;
const STATE_W = 112;
const WAIT_W = 230;

export function renderTasks(svgEl: SVGSVGElement, data: TasksData, opts: RenderOpts): void {
  const svg = d3.select(svgEl);
  const height = data.tasks.length * TASK_ROW_H + 4;
  svg.attr('height', height).attr('width', opts.width);
  const laneX0 = NAME_W + STATE_W + WAIT_W;
  const laneW = Math.max(60, opts.width - laneX0 - 10);
  const x = d3
    .scaleLinear()
    .domain([0.5, Math.max(1, data.n) + 0.5])
    .range([laneX0, laneX0 + laneW]);
  const tickW = Math.max(1.5, laneW / Math.max(1, data.n) - 0.5);
  const rows = data.tasks.slice(data.first, data.last).map((t, i) => ({ t, row: data.first + i }));
  const tr = svg.transition().duration(opts.duration);

  svg
    .selectAll<SVGGElement, { t: TaskView; row: number }>('g.task-row')
    .data(rows, (d) => String(d.t.id))
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('class', 'task-row')
          .attr('transform', (d) => `translate(0,${d.row * TASK_ROW_H})`);
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
    .attr('data-testid', 'task-item')
    .attr('data-name', (d) => d.t.name)
    .attr('data-state', (d) => d.t.state)
    .attr('transform', (d) => `translate(0,${d.row * TASK_ROW_H})`)
    .call((g) => {
      const colour = (d: { t: TaskView }) => opts.colour(d.t.id) ?? 'var(--muted)';
      g.select('rect.row-bg')
        .attr('width', opts.width)
        .attr('height', TASK_ROW_H - 2)
        .attr('class', (d) => `row-bg${d.t.state === 'running' ? ' is-running' : ''}`);
      g.select('circle.task-dot').attr('cx', 12).attr('cy', TASK_ROW_H / 2 - 1).attr('r', 6).attr('fill', colour);
      g.select('text.task-name')
        .attr('x', 24)
        .attr('y', TASK_ROW_H / 2 + 3.5)
        .text((d) => truncate(`${d.t.name}  ${d.t.coro}`, 26));
      g.select('rect.state-badge')
        .attr('x', NAME_W)
        .attr('y', 4)
        .attr('width', STATE_W - 10)
        .attr('height', TASK_ROW_H - 10)
        .attr('fill', (d) => STATE_COLOURS[d.t.state])
        .attr('class', (d) => `state-badge st-${d.t.state}`);
      g.select('text.state-text')
        .attr('x', NAME_W + 7)
        .attr('y', TASK_ROW_H / 2 + 3.5)
        .text((d) => `${STATE_GLYPH[d.t.state]} ${d.t.state}`);
      g.select('text.wait-text')
        .attr('x', NAME_W + STATE_W)
        .attr('y', TASK_ROW_H / 2 + 3.5)
        .text((d) => truncate(data.waitLabel(d.t), 32));
      g.select('line.lane-base')
        .attr('x1', laneX0)
        .attr('x2', laneX0 + laneW)
        .attr('y1', TASK_ROW_H / 2 - 1)
        .attr('y2', TASK_ROW_H / 2 - 1);
      const lanePath = (d: { t: TaskView }, past: boolean) => {
        const steps = data.stepsOf(d.t.id);
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
      g.select('path.lane-future').attr('d', (d) => lanePath(d, false)).attr('fill', colour);
      g.select('path.lane-past').attr('d', (d) => lanePath(d, true)).attr('fill', colour);
      g.select('title').text(
        (d) => `${d.t.name} — ${d.t.coro} — ${d.t.state}${d.t.state === 'waiting' ? ' ' + data.waitLabel(d.t) : ''}; ran in ${data.stepsOf(d.t.id).length} steps`,
      );
    });

  // The step cursor across all lanes.
  const cur = svg
    .selectAll<SVGLineElement, number>('line.lane-cursor')
    .data(data.n > 0 ? [data.k] : [])
    .join((e) => e.append('line').attr('class', 'lane-cursor').attr('x1', x(0.5)).attr('x2', x(0.5)));
  cur.attr('y1', 0).attr('y2', height);
  cur
    .transition(tr as never)
    .attr('x1', (d) => x(Math.max(0.5, d + 0.5)))
    .attr('x2', (d) => x(Math.max(0.5, d + 0.5)));
}
