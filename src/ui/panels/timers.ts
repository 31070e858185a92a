// Timers panel: a virtual time axis with a now-cursor; each pending timer at its
// deadline (cancelled ones struck out); a timer that falls due leaves upwards,
// towards the ready queue; blocking calls are drawn as stretches where the loop
// was stalled. layoutTimers is pure (shapes from data); drawTimers joins them.
import { select } from 'd3-selection';
import 'd3-transition';
import { easeCubicOut } from 'd3-ease';
import { scaleLinear } from 'd3-scale';
import { format } from 'd3-format';
import type { BlockView, TimerView } from '../../trace/index.ts';
import { fillOf, textWidth, truncate, type Motion, type SlotOf } from './common.ts';
import { before, leave, moved, put, putText, timing } from './dom.ts';

export interface TimersData {
  /** Pending timers sorted by deadline, each with the task it belongs to (its own, or the one awaiting its future), or null. */
  readonly timers: readonly { readonly timer: TimerView; readonly task: number | null }[];
  readonly blocks: readonly BlockView[];
  readonly now: number;
  /** Largest time worth showing for the whole run (fixed per trace, so nothing moves needlessly). */
  readonly horizon: number;
  readonly slotOf: SlotOf;
}

const LANE_H = 24;
const MAX_LANES = 6;
const AXIS_Y = 22;
const MARGIN_L = 14;
const MARGIN_R = 18;
/** Width of a character of a timer label, and of a block label (12px bold). */
const LABEL_CH = 6.6;
const BLOCK_CH = 7.4;
/** Blocks closer than this (px) on the axis count as one stretch. */
const TOUCH_PX = 2;

/** A pending timer, or several at one deadline drawn as one group marker. */
export interface TimerShape {
  readonly key: string;
  readonly testid: 'timer-item' | 'timer-cancelled' | 'timer-group';
  readonly x: number;
  readonly y: number;
  /** The stem reaches up from the marker to the axis: its top, relative to the marker. */
  readonly stemTop: number;
  readonly text: string;
  /** Label to the right of the marker (else to the left). */
  readonly right: boolean;
  readonly fill: string;
  readonly cancelled: boolean;
  readonly title: string;
}

/** A stretch in which the loop was blocked. */
export interface BlockShape {
  readonly key: string;
  readonly x: number;
  readonly w: number;
  readonly title: string;
}

/** The label of a stretch of blocks that touch (one or more calls), where there is room for it. */
export interface BlockLabelShape {
  readonly key: string;
  readonly x: number;
  readonly text: string;
  readonly title: string;
}

export interface TimersShapes {
  readonly width: number;
  readonly height: number;
  /** The axis: its range on screen and its ticks. */
  readonly axis: { readonly x0: number; readonly x1: number; readonly ticks: readonly { readonly x: number; readonly label: string }[] };
  /** Top and height of the band the blocks fill. */
  readonly band: { readonly y: number; readonly h: number; readonly labelY: number };
  readonly blocks: readonly BlockShape[];
  readonly blockLabels: readonly BlockLabelShape[];
  readonly timers: readonly TimerShape[];
  /** "+N more timers not drawn", or null. */
  readonly hidden: { readonly x: number; readonly y: number; readonly text: string } | null;
  /** "no pending timers", or null. */
  readonly empty: { readonly x: number; readonly y: number; readonly text: string } | null;
  readonly now: { readonly x: number; readonly y1: number; readonly y2: number; readonly labelY: number };
}

export function layoutTimers(data: TimersData, width: number): TimersShapes {
  const x = scaleLinear()
    .domain([0, Math.max(data.horizon, data.now, 0.001)])
    .range([MARGIN_L, Math.max(MARGIN_L + 100, width - MARGIN_R)]);
  const [x0, x1] = x.range();
  const end = x.domain()[1];
  const clampX = (t: number) => Math.min(x1, x(t));

  // Many timers at one deadline are drawn as one group marker ("×100 timers").
  type Item = { key: string; when: number; label: string; task: number | null; cancelled: boolean; group: number; title: string };
  const items: Item[] = [];
  const list = data.timers;
  for (let i = 0; i < list.length; ) {
    let j = i;
    while (j < list.length && list[j].timer.when === list[i].timer.when) j++;
    if (j - i > 3) {
      const first = list[i];
      items.push({ key: `g${i}:${first.timer.id}`, when: first.timer.when, label: `×${j - i} timers: ${first.timer.label}…`, task: first.task, cancelled: false, group: j - i, title: `${j - i} timers due at t=${first.timer.when.toFixed(3)} s` });
    } else {
      for (let q = i; q < j; q++) {
        const { timer: tm, task } = list[q];
        items.push({ key: `h${tm.id}`, when: tm.when, label: tm.label, task, cancelled: tm.cancelled, group: 0, title: `${tm.label} — due at t=${tm.when.toFixed(3)} s${tm.cancelled ? ' (cancelled)' : ''}` });
      }
    }
    i = j;
  }

  // Lanes: greedy by deadline; label boxes must not overlap. Labels go right of the marker unless that overflows; then left.
  const laneEnd: number[] = [];
  const placed: { item: Item; x: number; lane: number; text: string; right: boolean }[] = [];
  let hidden = 0;
  for (const it of items) {
    const px = clampX(it.when);
    const text = truncate(it.label, 34) + (it.when > end ? ` → t=${it.when}` : '');
    const w = text.length * LABEL_CH + 22;
    const right = px + w < width;
    const spanStart = right ? px : px - w;
    let lane = laneEnd.findIndex((e) => e < spanStart - 4);
    if (lane < 0) {
      if (laneEnd.length < MAX_LANES) lane = laneEnd.length;
      else {
        hidden++;
        continue;
      }
    }
    laneEnd[lane] = right ? px + w : px;
    placed.push({ item: it, x: px, lane, text, right });
  }
  const lanes = Math.max(1, laneEnd.length);
  let height = AXIS_Y + 18 + lanes * LANE_H + (hidden ? 18 : 4);

  const timers: TimerShape[] = placed.map(({ item, x: px, lane, text, right }) => ({
    key: item.key,
    testid: item.group ? 'timer-group' : item.cancelled ? 'timer-cancelled' : 'timer-item',
    x: px,
    y: AXIS_Y + 14 + lane * LANE_H,
    stemTop: -(14 + lane * LANE_H) + 2,
    text,
    right,
    fill: item.cancelled ? 'none' : item.task !== null ? fillOf(item.task, data.slotOf, 'var(--fg)') : 'var(--timer)',
    cancelled: item.cancelled,
    title: item.title,
  }));

  const { blocks, blockLabels } = layoutBlocks(data.blocks, (t) => x(t), x1 + MARGIN_R);
  const band = { y: AXIS_Y + 2, h: lanes * LANE_H + 10, labelY: AXIS_Y + lanes * LANE_H + 8 };
  const empty = list.length === 0 ? emptyAt(blocks, blockLabels, clampX(data.now), width, band.y + band.h) : null;
  if (empty && empty.y > band.y + band.h) height = empty.y + 6;
  return {
    width,
    height,
    axis: { x0, x1, ticks: x.ticks(Math.max(2, Math.floor(width / 90))).map((v) => ({ x: x(v), label: `${tickLabel(v)} s` })) },
    band,
    blocks,
    blockLabels,
    timers,
    hidden: hidden ? { x: width - MARGIN_R, y: height - 4, text: `+${hidden} more timers not drawn (${list.length} pending in all)` } : null,
    empty,
    now: { x: clampX(data.now), y1: AXIS_Y - 4, y2: height - 2, labelY: height - 4 },
  };
}

const EMPTY_TEXT = 'no pending timers';

/**
 * Where "no pending timers" goes: on the band, in the first gap left of the
 * blocked stretches, their labels and the now-cursor wide enough for it; below the band where
 * there is none (the text never lies over a stretch or its label).
 */
function emptyAt(blocks: readonly BlockShape[], labels: readonly BlockLabelShape[], nowX: number, width: number, bandBottom: number): NonNullable<TimersShapes['empty']> {
  const w = textWidth(EMPTY_TEXT, LABEL_CH);
  const taken = [
    ...blocks.map((b) => [b.x, b.x + b.w] as const),
    ...labels.map((l) => [l.x, l.x + textWidth(l.text, BLOCK_CH)] as const),
    [nowX - 1, nowX + 1] as const,
  ].sort((a, b) => a[0] - b[0]);
  let x = MARGIN_L;
  for (const [from, to] of taken) if (from < x + w + 6 && to > x - 6) x = Math.max(x, to + 8);
  if (x + w <= width - MARGIN_R) return { x, y: AXIS_Y + 20, text: EMPTY_TEXT };
  return { x: MARGIN_L, y: bandBottom + 14, text: EMPTY_TEXT };
}

const seconds = (s: number) => `${s.toFixed(2)} s`;
/** Tick labels: as few digits as needed ("0.2", "10"). */
const tickLabel = format('~g');

/**
 * Blocking calls on the axis. Calls in a row (ten tasks calling time.sleep(1)
 * one after the other) touch: they are labelled once, as one stretch. A label
 * goes where it fits before the next stretch (in full, or shortened), or not
 * at all: every stretch names its calls on hover.
 */
export function layoutBlocks(
  list: readonly BlockView[],
  x: (t: number) => number,
  right: number,
): { blocks: BlockShape[]; blockLabels: BlockLabelShape[] } {
  const blocks: BlockShape[] = list.map((b) => ({
    key: `${b.step}:${b.start}`,
    x: x(b.start),
    w: Math.max(2, x(b.start + b.duration) - x(b.start)),
    title: `${b.label || 'a blocking call'}: the loop could run nothing for ${b.duration} s`,
  }));
  // Stretches of touching blocks, in time order.
  const order = list.map((_, i) => i).sort((a, b) => list[a].start - list[b].start);
  const runs: number[][] = [];
  for (const i of order) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && blocks[i].x - (blocks[last].x + blocks[last].w) < TOUCH_PX) run.push(i);
    else runs.push([i]);
  }
  const blockLabels: BlockLabelShape[] = [];
  runs.forEach((run, r) => {
    const total = run.reduce((s, i) => s + list[i].duration, 0);
    const start = blocks[run[0]].x;
    const room = (r + 1 < runs.length ? blocks[runs[r + 1][0]].x : right) - start - 8;
    const full = run.length === 1 ? `loop blocked ${seconds(total)}` : `loop blocked ${seconds(total)} by ${run.length} calls`;
    const short = `blocked ${seconds(total)}`;
    const text = textWidth(full, BLOCK_CH) <= room ? full : textWidth(short, BLOCK_CH) <= room ? short : '';
    if (!text) return;
    const names = run.map((i) => `${list[i].label || 'a blocking call'} (${seconds(list[i].duration)})`);
    blockLabels.push({
      key: blocks[run[0]].key,
      x: start + 4,
      text,
      title: `The loop could run nothing for ${seconds(total)}: ${names.length > 12 ? names.slice(0, 12).join(', ') + `, and ${names.length - 12} more` : names.join(', ')}`,
    });
  });
  return { blocks, blockLabels };
}

/** The diamond marker: d3's symbolDiamond of area 90, as a constant path. */
const DIAMOND = (() => {
  const y = Math.sqrt(90 / (2 * Math.sqrt(1 / 3)));
  const x = y * Math.sqrt(1 / 3);
  return `M0,${-y}L${x},0L0,${y}L${-x},0Z`;
})();

const timerAt = (d: TimerShape) => `translate(${d.x},${d.y})`;

export function drawTimers(svgEl: SVGSVGElement, s: TimersShapes, motion: Motion): void {
  const svg = select(svgEl);
  put(svg, { height: s.height, width: s.width });
  const t = timing(svg, motion, easeCubicOut);

  // The axis, drawn as d3-axis's axisTop draws it (half-pixel offset for crisp lines at 1x).
  const off = typeof window !== 'undefined' && window.devicePixelRatio > 1 ? 0 : 0.5;
  const axis = svg
    .selectAll<SVGGElement, number>('g.axis')
    .data([0])
    .join((e) => {
      const g = e.append('g').attr('class', 'axis').attr('fill', 'none').attr('font-size', 10).attr('font-family', 'sans-serif').attr('text-anchor', 'middle');
      g.append('path').attr('class', 'domain').attr('stroke', 'currentColor');
      return g;
    });
  put(axis, { transform: `translate(0,${AXIS_Y})` });
  put(axis.select('path.domain'), { d: `M${s.axis.x0 + off},-6V${off}H${s.axis.x1 + off}V-6` });
  axis
    .selectAll<SVGGElement, { x: number; label: string }>('g.tick')
    .data(s.axis.ticks, (d) => d.label)
    .join((e) => {
      const g = e.append('g').attr('class', 'tick').attr('opacity', 1);
      g.append('line').attr('stroke', 'currentColor').attr('y2', -6);
      g.append('text').attr('fill', 'currentColor').attr('y', -9).attr('dy', '0em');
      return g;
    })
    .call((g) => {
      put(g, { transform: (d) => `translate(${d.x + off},0)` });
      putText(g.select('text'), (d) => d.label);
    });

  // Blocked stretches, and their labels where there is room.
  svg
    .selectAll<SVGGElement, BlockShape>('g.block')
    .data(s.blocks, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'block').attr('data-testid', 'timer-block');
      g.append('rect');
      g.append('title');
      return g;
    })
    .call((g) => {
      put(g.select('rect'), { x: (d) => d.x, y: s.band.y, width: (d) => d.w, height: s.band.h });
      putText(g.select('title'), (d) => d.title);
    });
  svg
    .selectAll<SVGGElement, BlockLabelShape>('g.block-label')
    .data(s.blockLabels, (d) => d.key)
    .join((enter) => {
      const g = enter.append('g').attr('class', 'block-label').attr('data-testid', 'timer-block-label');
      g.append('text');
      g.append('title');
      return g;
    })
    .call((g) => {
      putText(put(g.select('text'), { x: (d) => d.x, y: s.band.labelY }), (d) => d.text);
      putText(g.select('title'), (d) => d.title);
    });

  // Timers, keyed by handle id (a group by its first timer).
  const current = svg.selectAll<SVGGElement, TimerShape>('g.timer:not(.leaving)');
  const wasAt = before(current, timerAt);
  current
    .data(s.timers, (d) => d.key)
    .join(
      (enter) => {
        const g = enter.append('g').attr('class', 'timer').attr('opacity', 0).attr('transform', timerAt);
        g.append('path').attr('class', 'timer-mark').attr('d', DIAMOND);
        g.append('line').attr('class', 'timer-stem');
        g.append('text').attr('class', 'timer-label');
        g.append('line').attr('class', 'timer-strike');
        g.append('title');
        return g;
      },
      (update) => update,
      // Fell due (or dropped): it rises towards the ready queue above.
      (exit) =>
        leave(exit)
          .transition(t)
          .attr('opacity', 0)
          .attr('transform', (d) => `translate(${d.x},${-30})`)
          .remove(),
    )
    .call((g) => {
      put(g, { 'data-testid': (d) => d.testid, class: (d) => `timer${d.cancelled ? ' cancelled' : ''}` });
      put(g.select('path.timer-mark'), { fill: (d) => d.fill });
      put(g.select('line.timer-stem'), { x1: 0, x2: 0, y1: (d) => d.stemTop, y2: -6 });
      putText(put(g.select('text.timer-label'), { x: (d) => (d.right ? 9 : -9), 'text-anchor': (d) => (d.right ? 'start' : 'end'), y: 4 }), (d) => d.text);
      put(g.select('line.timer-strike'), {
        x1: (d) => (d.right ? 8 : -8 - d.text.length * 6.4),
        x2: (d) => (d.right ? 8 + d.text.length * 6.4 : -8),
        y1: 0,
        y2: 0,
        visibility: (d) => (d.cancelled ? 'visible' : 'hidden'),
      });
      putText(g.select('title'), (d) => d.title);
    })
    // New timers fade in, moved ones slide; the ones that stay put are left alone.
    .call((g) => moved(g, wasAt, timerAt).transition(t).attr('opacity', 1).attr('transform', timerAt));

  svg
    .selectAll<SVGTextElement, NonNullable<TimersShapes['hidden']>>('text.timers-hidden')
    .data(s.hidden ? [s.hidden] : [])
    .join('text')
    .call((e) => putText(put(e, { class: 'timers-hidden', x: (d) => d.x, 'text-anchor': 'end', y: (d) => d.y }), (d) => d.text));

  svg
    .selectAll<SVGTextElement, NonNullable<TimersShapes['empty']>>('text.timers-empty')
    .data(s.empty ? [s.empty] : [])
    .join('text')
    .call((e) => putText(put(e, { class: 'timers-empty', x: (d) => d.x, y: (d) => d.y }), (d) => d.text));

  // The now-cursor.
  const cur = svg.selectAll<SVGGElement, TimersShapes['now']>('g.now');
  const wasNow = before(cur, (d) => d.x);
  cur
    .data([s.now])
    .join((e) => {
      const g = e.append('g').attr('class', 'now');
      g.append('line');
      g.append('text').attr('x', 4).attr('text-anchor', 'start').text('now');
      return g;
    })
    .call((g) => {
      put(g.select('line'), { y1: (d) => d.y1, y2: (d) => d.y2 });
      put(g.select('text'), { y: (d) => d.labelY });
    })
    .call((g) =>
      moved(g, wasNow, (d) => d.x)
        .transition(t)
        .attr('transform', (d) => `translate(${d.x},0)`),
    );
}
