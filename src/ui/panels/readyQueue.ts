// Ready queue panel: the loop's ready queue, in order, as chips; the handle run
// at this step sits in the "ran" slot on the left and slides there from its
// place in the queue. Pure render function over plain data; keyed joins.
import * as d3 from 'd3';
import './common.ts';
import type { HandleView } from '../../trace/index.ts';
import { leaving, memory, retarget, truncate, textWidth, type RenderOpts } from './common.ts';

export interface ReadyQueueData {
  ready: readonly HandleView[];
  total: number;
  running: HandleView | null;
  /** Ids of handles that came from a timer in this step (they slide up from the timers). */
  fromTimers: ReadonlySet<number>;
}

const CHIP_H = 30;
const GAP = 6;
const SLOT_W = 250;
const MAX_CHIPS = 40;
const MAX_ROWS = 4;

interface Placed extends HandleView {
  x: number;
  y: number;
  w: number;
  more?: number;
}

export function renderReadyQueue(svgEl: SVGSVGElement, data: ReadyQueueData, opts: RenderOpts): number {
  const svg = d3.select(svgEl);
  const pos = memory<{ x: number; y: number }>(svgEl, '__pos');
  const left = SLOT_W + 28;
  const avail = Math.max(200, opts.width - left - 8);
  const chips: Placed[] = [];
  let x = 0;
  let y = 0;
  // At most MAX_ROWS rows of chips; the rest are summed up in a "+N more" chip.
  let shownCount = 0;
  for (const h of data.ready.slice(0, MAX_CHIPS)) {
    const label = truncate(h.label, 44);
    const w = Math.min(avail, textWidth(label) + 26);
    if (x + w > avail && x > 0) {
      if (y >= (MAX_ROWS - 1) * (CHIP_H + GAP)) break;
      x = 0;
      y += CHIP_H + GAP;
    }
    chips.push({ ...h, label, x: left + x, y, w });
    x += w + GAP;
    shownCount++;
  }
  if (data.total > shownCount) {
    const more = data.total - shownCount;
    const w = 110;
    if (x + w > avail && x > 0) {
      x = 0;
      y += CHIP_H + GAP;
    }
    chips.push({ id: -1, label: `+${more} more`, owner: -1, task: null, callbackOf: null, kind: 'soon', cancelled: false, x: left + x, y, w, more });
  }
  const height = Math.max(CHIP_H + 24, y + CHIP_H + 24);
  svg.attr('height', height).attr('width', opts.width);

  // Slot captions and the arrow from the queue head to the slot.
  const frame = svg
    .selectAll<SVGGElement, number>('g.rq-frame')
    .data([0])
    .join((enter) => {
      const g = enter.append('g').attr('class', 'rq-frame');
      g.append('rect').attr('class', 'slot-box');
      g.append('text').attr('class', 'slot-caption');
      g.append('path').attr('class', 'rq-arrow');
      g.append('text').attr('class', 'rq-empty');
      return g;
    });
  frame
    .select('rect.slot-box')
    .attr('x', 0.5)
    .attr('y', 0.5)
    .attr('width', SLOT_W)
    .attr('height', CHIP_H + 10)
    .attr('rx', 6);
  frame
    .select('text.slot-caption')
    .attr('x', 8)
    .attr('y', CHIP_H + 22)
    .text(data.running ? 'ran in this step' : 'nothing has run yet');
  frame.select('path.rq-arrow').attr('d', `M${left - 6},${CHIP_H / 2 + 5} h-18 m6,-5 l-6,5 l6,5`);
  frame
    .select('text.rq-empty')
    .attr('x', left)
    .attr('y', CHIP_H / 2 + 9)
    .text(data.total === 0 ? 'empty: nothing is ready to run' : '');

  const t = svg.transition().duration(opts.duration).ease(d3.easeCubicOut);

  // Chips, keyed by handle id.
  svg
    .selectAll<SVGGElement, Placed>('g.ready-chip')
    .data(chips, (d) => String(d.id))
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('class', 'ready-chip')
          .attr('transform', (d) => {
            const p = pos.get(d.id);
            if (p) return `translate(${p.x},${p.y + 5})`;
            // New handles: from below (a timer fell due) or from the right (call_soon).
            return data.fromTimers.has(d.id) ? `translate(${d.x},${d.y + 60})` : `translate(${d.x + 40},${d.y + 5})`;
          })
          .attr('opacity', 0);
        g.append('rect').attr('class', 'chip-bg').attr('rx', 5);
        g.append('rect').attr('class', 'chip-stripe').attr('rx', 2);
        g.append('text').attr('class', 'chip-label');
        g.append('title');
        g.append('line').attr('class', 'chip-strike');
        return g;
      },
      (update) => update,
      (exit) => leaving(exit).transition(t as never).attr('opacity', 0).remove(),
    )
    .attr('data-testid', (d) => (d.id < 0 ? 'ready-more' : 'ready-item'))
    .attr('data-cancelled', (d) => (d.cancelled ? 'true' : null))
    .attr('class', (d) => `ready-chip${d.cancelled ? ' cancelled' : ''}${d.id < 0 ? ' more' : ''}`)
    .call((g) => {
      g.select('rect.chip-bg').attr('width', (d) => d.w).attr('height', CHIP_H);
      g.select('rect.chip-stripe')
        .attr('x', 3)
        .attr('y', 4)
        .attr('width', 6)
        .attr('height', CHIP_H - 8)
        .attr('fill', (d) => (d.task !== null ? (opts.colour(d.task) ?? 'var(--muted)') : 'var(--callback)'));
      g.select('text.chip-label').attr('x', 15).attr('y', CHIP_H / 2 + 4.5).text((d) => d.label);
      g.select('title').text((d) => (d.cancelled ? `${d.label} (cancelled: will be skipped)` : d.label));
      g.select('line.chip-strike')
        .attr('x1', 12)
        .attr('x2', (d) => d.w - 6)
        .attr('y1', CHIP_H / 2)
        .attr('y2', CHIP_H / 2)
        .attr('visibility', (d) => (d.cancelled ? 'visible' : 'hidden'));
    })
    .call((g) => {
      // Only chips that move (or are new, or come back while fading out) get a transition; the rest are left alone.
      retarget(g, (d) => `${d.x},${d.y}`)
        .transition(t as never)
        .attr('opacity', 1)
        .attr('transform', (d) => `translate(${d.x},${d.y + 5})`);
    });

  // The running slot, keyed by handle id so a new handle slides in from its queue position.
  const run = data.running ? [{ ...data.running, label: truncate(data.running.label, 32) }] : [];
  svg
    .selectAll<SVGGElement, HandleView>('g.running-chip')
    .data(run, (d) => String(d.id))
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('class', 'running-chip')
          .attr('data-testid', 'running')
          .attr('transform', (d) => {
            const p = pos.get(d.id);
            return p ? `translate(${p.x},${p.y + 5})` : 'translate(5,5)';
          });
        g.append('rect').attr('class', 'chip-bg').attr('rx', 5);
        g.append('rect').attr('class', 'chip-stripe').attr('rx', 2);
        g.append('text').attr('class', 'chip-label');
        g.append('title');
        return g;
      },
      (update) => update,
      (exit) => leaving(exit).transition(t as never).attr('opacity', 0).attr('transform', 'translate(-40,5)').remove(),
    )
    .call((g) => {
      g.select('rect.chip-bg').attr('width', SLOT_W - 10).attr('height', CHIP_H);
      g.select('rect.chip-stripe')
        .attr('x', 3)
        .attr('y', 4)
        .attr('width', 6)
        .attr('height', CHIP_H - 8)
        .attr('fill', (d) => (d.task !== null ? (opts.colour(d.task) ?? 'var(--muted)') : 'var(--callback)'));
      g.select('text.chip-label').attr('x', 15).attr('y', CHIP_H / 2 + 4.5).text((d) => `▶ ${d.label}`);
      g.select('title').text((d) => d.label);
    })
    .call((g) => retarget(g, () => 'slot').transition(t as never).attr('opacity', 1).attr('transform', 'translate(5,5)'));

  pos.clear();
  for (const c of chips) pos.set(c.id, { x: c.x, y: c.y });
  return height;
}
