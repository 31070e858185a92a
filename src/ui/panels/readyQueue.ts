// Ready queue panel: the loop's ready queue, in order, as chips; the handle run
// at this step sits in the "ran" slot on the left and slides there from its
// place in the queue. layoutReadyQueue is pure (shapes from data); drawReadyQueue
// joins the shapes into an <svg>.
import { select } from 'd3-selection';
import 'd3-transition';
import { easeCubicOut } from 'd3-ease';
import type { HandleView } from '../../trace/index.ts';
import { fillOf, textWidth, truncate, type Motion, type SlotOf } from './common.ts';
import { before, leave, moved, put, putText, timing } from './dom.ts';

export interface ReadyQueueData {
  /** The ready queue, head first. */
  readonly ready: readonly HandleView[];
  /** The handle run in this step, or null. */
  readonly running: HandleView | null;
  /** Ids of handles that came from a timer in this step (they slide up from the timers). */
  readonly fromTimers: ReadonlySet<number>;
  readonly slotOf: SlotOf;
}

export const CHIP_H = 30;
const GAP = 6;
/** The "ran in this step" slot: its width, and where a chip's label starts. */
export const SLOT_W = 250;
export const LABEL_X = 15;
/** Characters of the running handle's label that fit in the slot's chip (SLOT_W - 10 wide), "▶ " included. */
const RUNNING_CHARS = Math.floor((SLOT_W - 10 - LABEL_X - 6) / 7.2) - 2;
const MAX_CHIPS = 40;
const MAX_ROWS = 4;
const MORE_W = 110;

/** One handle of the queue, placed. */
export interface ChipShape {
  readonly id: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly label: string;
  readonly title: string;
  readonly stripe: string;
  readonly cancelled: boolean;
  /** Where a new chip comes from: up from the timers (a timer fell due) or from the right (call_soon). */
  readonly from: 'timer' | 'right';
}

export interface ReadyQueueShapes {
  readonly width: number;
  readonly height: number;
  /** Left edge of the queue (right of the slot and its arrow). */
  readonly left: number;
  readonly caption: string;
  /** Text shown where the queue is when it is empty ("" otherwise). */
  readonly empty: string;
  readonly chips: readonly ChipShape[];
  /** The "+N more" chip for handles beyond the rows shown, or null. */
  readonly more: { readonly x: number; readonly y: number; readonly w: number; readonly label: string } | null;
  /** The handle in the "ran in this step" slot, or null. */
  readonly running: { readonly id: number; readonly label: string; readonly title: string; readonly stripe: string } | null;
}

const stripeOf = (h: HandleView, slotOf: SlotOf) => (h.task !== null ? fillOf(h.task, slotOf, 'var(--muted)') : 'var(--callback)');

export function layoutReadyQueue(data: ReadyQueueData, width: number): ReadyQueueShapes {
  const left = SLOT_W + 28;
  const avail = Math.max(200, width - left - 8);
  const total = data.ready.length;
  const chips: ChipShape[] = [];
  let x = 0;
  let y = 0;
  // At most MAX_ROWS rows of chips; the rest are summed up in a "+N more" chip.
  for (const h of data.ready.slice(0, MAX_CHIPS)) {
    const label = truncate(h.label, 44);
    const w = Math.min(avail, textWidth(label) + 26);
    if (x + w > avail && x > 0) {
      if (y >= (MAX_ROWS - 1) * (CHIP_H + GAP)) break;
      x = 0;
      y += CHIP_H + GAP;
    }
    chips.push({
      id: h.id,
      x: left + x,
      y,
      w,
      label,
      title: h.cancelled ? `${h.label} (cancelled: will be skipped)` : h.label,
      stripe: stripeOf(h, data.slotOf),
      cancelled: h.cancelled,
      from: data.fromTimers.has(h.id) ? 'timer' : 'right',
    });
    x += w + GAP;
  }
  let more: ReadyQueueShapes['more'] = null;
  if (total > chips.length) {
    if (x + MORE_W > avail && x > 0) {
      x = 0;
      y += CHIP_H + GAP;
    }
    more = { x: left + x, y, w: MORE_W, label: `+${total - chips.length} more` };
  }
  const r = data.running;
  return {
    width,
    height: Math.max(CHIP_H + 24, y + CHIP_H + 24),
    left,
    caption: r ? 'ran in this step' : 'nothing has run yet',
    empty: total === 0 ? 'empty: nothing is ready to run' : '',
    chips,
    more,
    running: r ? { id: r.id, label: `▶ ${truncate(r.label, RUNNING_CHARS)}`, title: r.label, stripe: stripeOf(r, data.slotOf) } : null,
  };
}

const chipAt = (x: number, y: number) => `translate(${x},${y + 5})`;

export function drawReadyQueue(svgEl: SVGSVGElement, s: ReadyQueueShapes, motion: Motion): void {
  const svg = select(svgEl);
  put(svg, { height: s.height, width: s.width });

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
  put(frame.select('rect.slot-box'), { x: 0.5, y: 0.5, width: SLOT_W, height: CHIP_H + 10, rx: 6 });
  putText(put(frame.select('text.slot-caption'), { x: 8, y: CHIP_H + 22 }), s.caption);
  put(frame.select('path.rq-arrow'), { d: `M${s.left - 6},${CHIP_H / 2 + 5} h-18 m6,-5 l-6,5 l6,5` });
  putText(put(frame.select('text.rq-empty'), { x: s.left, y: CHIP_H / 2 + 9 }), s.empty);

  const t = timing(svg, motion, easeCubicOut);

  // Chips, keyed by handle id. Where each stood before: the running chip slides from there.
  const current = svg.selectAll<SVGGElement, ChipShape>('g.ready-chip:not(.leaving):not(.more)');
  const wasAt = before(current, (d) => chipAt(d.x, d.y));
  const stoodAt = new Map<number, string>();
  current.each((d) => stoodAt.set(d.id, chipAt(d.x, d.y)));
  current
    .data(s.chips, (d) => String(d.id))
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('class', 'ready-chip')
          .attr('transform', (d) => (d.from === 'timer' ? `translate(${d.x},${d.y + 60})` : `translate(${d.x + 40},${d.y + 5})`))
          .attr('opacity', 0);
        g.append('rect').attr('class', 'chip-bg').attr('rx', 5);
        g.append('rect').attr('class', 'chip-stripe').attr('rx', 2);
        g.append('text').attr('class', 'chip-label');
        g.append('title');
        g.append('line').attr('class', 'chip-strike');
        return g;
      },
      (update) => update,
      (exit) => leave(exit).transition(t).attr('opacity', 0).remove(),
    )
    .call((g) => {
      put(g, { 'data-testid': 'ready-item', 'data-cancelled': (d) => (d.cancelled ? 'true' : null), class: (d) => `ready-chip${d.cancelled ? ' cancelled' : ''}` });
      put(g.select('rect.chip-bg'), { width: (d) => d.w, height: CHIP_H });
      put(g.select('rect.chip-stripe'), { x: 3, y: 4, width: 6, height: CHIP_H - 8, fill: (d) => d.stripe });
      putText(put(g.select('text.chip-label'), { x: LABEL_X, y: CHIP_H / 2 + 4.5 }), (d) => d.label);
      putText(g.select('title'), (d) => d.title);
      put(g.select('line.chip-strike'), {
        x1: 12,
        x2: (d) => d.w - 6,
        y1: CHIP_H / 2,
        y2: CHIP_H / 2,
        visibility: (d) => (d.cancelled ? 'visible' : 'hidden'),
      });
    })
    // Only chips that move (or are new) get a transition; the rest are left alone.
    .call((g) =>
      moved(g, wasAt, (d) => chipAt(d.x, d.y))
        .transition(t)
        .attr('opacity', 1)
        .attr('transform', (d) => chipAt(d.x, d.y)),
    );

  // The "+N more" chip: a summary, not a handle.
  svg
    .selectAll<SVGGElement, NonNullable<ReadyQueueShapes['more']>>('g.ready-chip.more')
    .data(s.more ? [s.more] : [])
    .join((enter) => {
      const g = enter.append('g').attr('class', 'ready-chip more').attr('data-testid', 'ready-more');
      g.append('rect').attr('class', 'chip-bg').attr('rx', 5);
      g.append('text').attr('class', 'chip-label');
      return g;
    })
    .call((g) => {
      put(g, { transform: (d) => chipAt(d.x, d.y) });
      put(g.select('rect.chip-bg'), { width: (d) => d.w, height: CHIP_H });
      putText(put(g.select('text.chip-label'), { x: LABEL_X, y: CHIP_H / 2 + 4.5 }), (d) => d.label);
    });

  // The running slot, keyed by handle id so a new handle slides in from its queue position.
  const running = svg.selectAll<SVGGElement, NonNullable<ReadyQueueShapes['running']>>('g.running-chip:not(.leaving)');
  const wasRunning = before(running, () => 'slot');
  running
    .data(s.running ? [s.running] : [], (d) => String(d.id))
    .join(
      (enter) => {
        const g = enter
          .append('g')
          .attr('class', 'running-chip')
          .attr('data-testid', 'running')
          .attr('transform', (d) => stoodAt.get(d.id) ?? 'translate(5,5)');
        g.append('rect').attr('class', 'chip-bg').attr('rx', 5);
        g.append('rect').attr('class', 'chip-stripe').attr('rx', 2);
        g.append('text').attr('class', 'chip-label');
        g.append('title');
        return g;
      },
      (update) => update,
      (exit) => leave(exit).transition(t).attr('opacity', 0).attr('transform', 'translate(-40,5)').remove(),
    )
    .call((g) => {
      put(g.select('rect.chip-bg'), { width: SLOT_W - 10, height: CHIP_H });
      put(g.select('rect.chip-stripe'), { x: 3, y: 4, width: 6, height: CHIP_H - 8, fill: (d) => d.stripe });
      putText(put(g.select('text.chip-label'), { x: LABEL_X, y: CHIP_H / 2 + 4.5 }), (d) => d.label);
      putText(g.select('title'), (d) => d.title);
    })
    .call((g) => moved(g, wasRunning, () => 'slot').transition(t).attr('opacity', 1).attr('transform', 'translate(5,5)'));
}
