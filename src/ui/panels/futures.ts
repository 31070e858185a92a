// Futures panel: each future with its state, its result or exception, its done
// callbacks and the tasks that await it. A future that just finished flashes.
// Rows are virtualised. layoutFutures is pure (shapes from data); drawFutures joins them.
import { select } from 'd3-selection';
import 'd3-transition';
import type { FutureView } from '../../trace/index.ts';
import { STATE_COLOURS, STATE_GLYPH } from '../colours.ts';
import { fillOf, truncate, type Motion, type SlotOf } from './common.ts';
import { before, put, putText } from './dom.ts';

export const FUT_ROW_H = 28;

export interface FuturesData {
  readonly futures: readonly FutureView[];
  /** Name of a task, by id. */
  readonly nameOf: (id: number) => string;
  readonly slotOf: SlotOf;
}

const STATE_W = 112;
const MAX_AWAITERS = 12;

export interface FutureRowShape {
  readonly id: number;
  readonly y: number;
  readonly state: FutureView['state'];
  readonly label: string;
  readonly stateFill: string;
  readonly stateText: string;
  readonly detailX: number;
  readonly detail: string;
  /** The tasks awaiting it, as dots in their colours. */
  readonly awaiters: readonly { readonly id: number; readonly cx: number; readonly fill: string; readonly title: string }[];
  readonly title: string;
}

export interface FuturesShapes {
  readonly width: number;
  readonly height: number;
  /** Where the state badge and the awaiters start. */
  readonly labelW: number;
  readonly rows: readonly FutureRowShape[];
}

function detailOf(f: FutureView): string {
  const parts: string[] = [];
  if (f.state === 'done') parts.push(`result ${f.text || 'None'}`);
  else if (f.state === 'failed') parts.push(`raised ${f.text}`);
  if (f.callbacks.length) parts.push(`${f.state === 'pending' ? 'callbacks' : 'called'}: ${f.callbacks.join(', ')}`);
  return parts.join(' · ');
}

/** Rows first..last-1 (the visible window) of the futures panel. */
export function layoutFutures(data: FuturesData, width: number, first = 0, last = data.futures.length): FuturesShapes {
  const labelW = Math.min(260, Math.max(170, width * 0.3));
  const rows: FutureRowShape[] = [];
  for (let row = first; row < Math.min(last, data.futures.length); row++) {
    const f = data.futures[row];
    const awaitW = f.awaitedBy.length * 16;
    rows.push({
      id: f.id,
      y: row * FUT_ROW_H,
      state: f.state,
      label: truncate(f.label, Math.floor(labelW / 7.2)),
      stateFill: STATE_COLOURS[f.state],
      stateText: `${STATE_GLYPH[f.state]} ${f.state}`,
      detailX: labelW + STATE_W + awaitW + 4,
      detail: truncate(detailOf(f), Math.max(10, Math.floor((width - labelW - STATE_W - awaitW) / 7))),
      awaiters: f.awaitedBy.slice(0, MAX_AWAITERS).map((id, i) => ({ id, cx: 6 + i * 16, fill: fillOf(id, data.slotOf, 'var(--muted)'), title: `awaited by ${data.nameOf(id)}` })),
      title: `${f.label}: ${f.state}${f.text ? ' — ' + f.text : ''}${f.awaitedBy.length ? ' — awaited by ' + f.awaitedBy.map(data.nameOf).join(', ') : ''}`,
    });
  }
  return { width, height: data.futures.length * FUT_ROW_H + 4, labelW, rows };
}

export function drawFutures(svgEl: SVGSVGElement, s: FuturesShapes, motion: Motion): void {
  const svg = select(svgEl);
  put(svg, { height: s.height, width: s.width });
  const current = svg.selectAll<SVGGElement, FutureRowShape>('g.future-row');
  // A row that read 'pending' and now does not: it just finished, and flashes.
  const wasPending = before(current, (d) => d.state === 'pending');
  current
    .data(s.rows, (d) => String(d.id))
    .join((enter) => {
      const g = enter.append('g').attr('class', 'future-row');
      g.append('rect').attr('class', 'row-bg');
      g.append('text').attr('class', 'fut-label');
      g.append('rect').attr('class', 'state-badge').attr('rx', 4);
      g.append('text').attr('class', 'state-text');
      g.append('text').attr('class', 'fut-detail');
      g.append('g').attr('class', 'awaiters');
      g.append('title');
      return g;
    })
    .call((g) => {
      put(g, { 'data-testid': 'future-item', 'data-state': (d) => d.state, transform: (d) => `translate(0,${d.y})` });
      put(g.select('rect.row-bg'), { width: s.width, height: FUT_ROW_H - 2 });
      putText(put(g.select('text.fut-label'), { x: 8, y: FUT_ROW_H / 2 + 3.5 }), (d) => d.label);
      put(g.select('rect.state-badge'), { x: s.labelW, y: 4, width: STATE_W - 10, height: FUT_ROW_H - 10, fill: (d) => d.stateFill });
      putText(put(g.select('text.state-text'), { x: s.labelW + 7, y: FUT_ROW_H / 2 + 3.5 }), (d) => d.stateText);
      putText(put(g.select('text.fut-detail'), { x: (d) => d.detailX, y: FUT_ROW_H / 2 + 3.5 }), (d) => d.detail);
      const dots = put(g.select('g.awaiters'), { transform: `translate(${s.labelW + STATE_W},0)` })
        .selectAll<SVGCircleElement, FutureRowShape['awaiters'][number]>('circle')
        .data((d) => d.awaiters, (a) => String(a.id))
        .join((e) => {
          const c = e.append('circle').attr('class', 'awaiter').attr('r', 6).attr('cy', FUT_ROW_H / 2 - 1);
          c.append('title');
          return c;
        });
      put(dots, { cx: (a) => a.cx, fill: (a) => a.fill });
      putText(dots.select('title'), (a) => a.title);
      putText(g.select(':scope > title'), (d) => d.title);
    })
    .each(function (d) {
      if (motion.duration > 0 && d.state !== 'pending' && wasPending.get(this) === true) {
        select(this)
          .select('rect.row-bg')
          .classed('flash', true)
          .transition()
          .duration(motion.duration * 2)
          .on('end', function () {
            select(this).classed('flash', false);
          });
      }
    });
}
