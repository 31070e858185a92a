// Timers panel: a virtual time axis with a now-cursor; each pending timer at its
// deadline (cancelled ones struck out); a timer that falls due leaves upwards,
// towards the ready queue; blocking calls are drawn as stretches where the loop
// was stalled.
import * as d3 from 'd3';
import './common.ts';
import type { BlockView, TimerView } from '../../trace/index.ts';
import { leaving, retarget, truncate, type RenderOpts } from './common.ts';

export interface TimersData {
  timers: readonly TimerView[];
  blocks: readonly BlockView[];
  now: number;
  /** Largest time worth showing for the whole run (fixed per trace, so nothing moves needlessly). */
  horizon: number;
}

const LANE_H = 24;
const MAX_LANES = 6;
const AXIS_Y = 22;

interface Placed extends TimerView {
  x: number;
  lane: number;
  text: string;
}

export function renderTimers(svgEl: SVGSVGElement, data: TimersData, opts: RenderOpts): number {
  const svg = d3.select(svgEl);
  const m = { l: 14, r: 18 };
  const x = d3
    .scaleLinear()
    .domain([0, Math.max(data.horizon, data.now, 0.001)])
    .range([m.l, Math.max(m.l + 100, opts.width - m.r)]);
  const clampX = (t: number) => Math.min(x.range()[1], x(t));

  // Lanes: greedy by deadline, label boxes must not overlap.
  const laneEnd: number[] = [];
  const placed: Placed[] = [];
  let hidden = 0;
  // Many timers at one deadline are drawn as one group marker ("×100 timers").
  const items: (TimerView & { group?: number })[] = [];
  for (let i = 0; i < data.timers.length; ) {
    let j = i;
    while (j < data.timers.length && data.timers[j].when === data.timers[i].when) j++;
    if (j - i > 3) items.push({ ...data.timers[i], id: -1 - i, label: `×${j - i} timers: ${shortLabel(data.timers[i].label)}…`, group: j - i });
    else for (let q = i; q < j; q++) items.push(data.timers[q]);
    i = j;
  }
  for (const tm of items) {
    const px = clampX(tm.when);
    const text = truncate(tm.group ? tm.label : shortLabel(tm.label), 34) + (tm.when > x.domain()[1] ? ` → t=${tm.when}` : '');
    const w = text.length * 6.6 + 22;
    const toRight = px + w < opts.width;
    const spanStart = toRight ? px : px - w;
    let lane = laneEnd.findIndex((e) => e < spanStart - 4);
    if (lane < 0) {
      if (laneEnd.length < MAX_LANES) lane = laneEnd.length;
      else {
        hidden++;
        continue;
      }
    }
    // Labels go right of the marker unless that overflows; then left.
    laneEnd[lane] = toRight ? px + w : px;
    placed.push({ ...tm, x: px, lane, text });
  }
  const lanes = Math.max(1, laneEnd.length);
  const height = AXIS_Y + 18 + lanes * LANE_H + (hidden ? 18 : 4);
  svg.attr('height', height).attr('width', opts.width);
  const t = svg.transition().duration(opts.duration).ease(d3.easeCubicOut);

  const axis = svg
    .selectAll<SVGGElement, number>('g.axis')
    .data([0])
    .join((e) => e.append('g').attr('class', 'axis'))
    .attr('transform', `translate(0,${AXIS_Y})`);
  axis.call(
    d3
      .axisTop(x)
      .ticks(Math.max(2, Math.floor(opts.width / 90)))
      .tickFormat((v) => `${d3.format('~g')(v as number)} s`),
  );

  // Blocked stretches.
  svg
    .selectAll<SVGGElement, BlockView>('g.block')
    .data(data.blocks, (d) => `${d.step}:${d.start}`)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'block').attr('data-testid', 'timer-block');
      g.append('rect');
      g.append('text');
      g.append('title');
      return g;
    })
    .call((g) => {
      g.select('rect')
        .attr('x', (d) => x(d.start))
        .attr('y', AXIS_Y + 2)
        .attr('width', (d) => Math.max(2, x(d.start + d.duration) - x(d.start)))
        .attr('height', lanes * LANE_H + 10);
      g.select('text')
        .attr('x', (d) => x(d.start) + 4)
        .attr('y', AXIS_Y + lanes * LANE_H + 8)
        .text((d) => `loop blocked ${d.duration.toFixed(2)} s`);
      g.select('title').text((d) => `${d.label || 'a blocking call'}: the loop could run nothing for ${d.duration} s`);
    });

  // Timers, keyed by handle id.
  svg
    .selectAll<SVGGElement, Placed>('g.timer')
    .data(placed, (d) => String(d.id))
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('class', 'timer')
          .attr('opacity', 0)
          .attr('transform', (d) => `translate(${d.x},${AXIS_Y + 14 + d.lane * LANE_H})`);
        g.append('path').attr('class', 'timer-mark').attr('d', d3.symbol(d3.symbolDiamond, 90)());
        g.append('line').attr('class', 'timer-stem');
        g.append('text').attr('class', 'timer-label');
        g.append('line').attr('class', 'timer-strike');
        g.append('title');
        return g;
      },
      (update) => update,
      // Fell due (or dropped): it rises towards the ready queue above.
      (exit) =>
        leaving(exit)
          .transition(t as never)
          .attr('opacity', 0)
          .attr('transform', (d) => `translate(${d.x},${-30})`)
          .remove(),
    )
    .attr('data-testid', (d) => (d.id < 0 ? 'timer-group' : d.cancelled ? 'timer-cancelled' : 'timer-item'))
    .attr('class', (d) => `timer${d.cancelled ? ' cancelled' : ''}`)
    .call((g) => {
      g.select('path.timer-mark').attr('fill', (d) => (d.cancelled ? 'none' : d.task !== null ? (opts.colour(d.task) ?? 'var(--fg)') : 'var(--timer)'));
      g.select('line.timer-stem').attr('x1', 0).attr('x2', 0).attr('y1', (d) => -(14 + d.lane * LANE_H) + 2).attr('y2', -6);
      const right = (d: Placed) => d.x + d.text.length * 6.6 + 22 < opts.width;
      g.select('text.timer-label')
        .attr('x', (d) => (right(d) ? 9 : -9))
        .attr('text-anchor', (d) => (right(d) ? 'start' : 'end'))
        .attr('y', 4)
        .text((d) => d.text);
      g.select('line.timer-strike')
        .attr('x1', (d) => (right(d) ? 8 : -8 - d.text.length * 6.4))
        .attr('x2', (d) => (right(d) ? 8 + d.text.length * 6.4 : -8))
        .attr('y1', 0)
        .attr('y2', 0)
        .attr('visibility', (d) => (d.cancelled ? 'visible' : 'hidden'));
      g.select('title').text((d) => `${d.label} — due at t=${d.when.toFixed(3)} s${d.cancelled ? ' (cancelled)' : ''}`);
    })
    .call((g) =>
      // New timers fade in, moved ones slide; the ones that stay put are left alone.
      retarget(g, (d) => `translate(${d.x},${AXIS_Y + 14 + d.lane * LANE_H})`)
        .transition(t as never)
        .attr('opacity', 1)
        .attr('transform', (d) => `translate(${d.x},${AXIS_Y + 14 + d.lane * LANE_H})`),
    );

  svg
    .selectAll<SVGTextElement, number>('text.timers-hidden')
    .data(hidden ? [hidden] : [])
    .join('text')
    .attr('class', 'timers-hidden')
    .attr('x', opts.width - m.r)
    .attr('text-anchor', 'end')
    .attr('y', height - 4)
    .text((d) => `+${d} more timers not drawn (${data.timers.length} pending in all)`);

  svg
    .selectAll<SVGTextElement, number>('text.timers-empty')
    .data(data.timers.length === 0 ? [0] : [])
    .join('text')
    .attr('class', 'timers-empty')
    .attr('x', m.l)
    .attr('y', AXIS_Y + 20)
    .text('no pending timers');

  // The now-cursor.
  const cur = svg
    .selectAll<SVGGElement, number>('g.now')
    .data([data.now])
    .join((e) => {
      const g = e.append('g').attr('class', 'now');
      g.append('line');
      g.append('text');
      return g;
    });
  cur.select('line').attr('y1', AXIS_Y - 4).attr('y2', height - 2);
  cur.select('text').attr('y', height - 4).attr('x', 4).attr('text-anchor', 'start').text('now');
  retarget(cur, (d) => `translate(${clampX(d)},0)`)
    .transition(t as never)
    .attr('transform', (d) => `translate(${clampX(d)},0)`);
  return height;
}

/** How a person would say what a timer does. */
export function shortLabel(label: string): string {
  const m = /^_?set_result_unless_cancelled\((.+?), (.*)\)$/.exec(label);
  if (m) return `end of sleep: ${m[1]}${m[2] !== 'None' ? ` = ${m[2]}` : ''}`;
  return label;
}
