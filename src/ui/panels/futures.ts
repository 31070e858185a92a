// Futures panel: each future with its state, its result or exception, its done
// callbacks and the tasks that await it. A future that just finished flashes.
import * as d3 from 'd3';
import './common.ts';
import type { FutureView } from '../../trace/index.ts';
import { STATE_COLOURS, STATE_GLYPH } from '../colours.ts';
import { truncate, memory, type RenderOpts } from './common.ts';

export const FUT_ROW_H = 28;

export interface FuturesData {
  futures: readonly FutureView[];
  first: number;
  last: number;
  taskName: (id: number) => string;
}

const STATE_FOR_COLOUR: Record<string, string> = { pending: 'pending', done: 'done', cancelled: 'cancelled', failed: 'failed' };

export function renderFutures(svgEl: SVGSVGElement, data: FuturesData, opts: RenderOpts): void {
  const svg = d3.select(svgEl);
  const prev = memory<string>(svgEl, '__state');
  svg.attr('height', data.futures.length * FUT_ROW_H + 4).attr('width', opts.width);
  const rows = data.futures.slice(data.first, data.last).map((f, i) => ({ f, row: data.first + i }));
  const LABEL_W = Math.min(260, Math.max(170, opts.width * 0.3));
  const STATE_W = 112;

  svg
    .selectAll<SVGGElement, { f: FutureView; row: number }>('g.future-row')
    .data(rows, (d) => String(d.f.id))
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
    .attr('data-testid', 'future-item')
    .attr('data-state', (d) => d.f.state)
    .attr('transform', (d) => `translate(0,${d.row * FUT_ROW_H})`)
    .call((g) => {
      g.select('rect.row-bg').attr('width', opts.width).attr('height', FUT_ROW_H - 2);
      g.select('text.fut-label')
        .attr('x', 8)
        .attr('y', FUT_ROW_H / 2 + 3.5)
        .text((d) => truncate(d.f.label, Math.floor(LABEL_W / 7.2)));
      g.select('rect.state-badge')
        .attr('x', LABEL_W)
        .attr('y', 4)
        .attr('width', STATE_W - 10)
        .attr('height', FUT_ROW_H - 10)
        .attr('fill', (d) => STATE_COLOURS[STATE_FOR_COLOUR[d.f.state]]);
      g.select('text.state-text')
        .attr('x', LABEL_W + 7)
        .attr('y', FUT_ROW_H / 2 + 3.5)
        .text((d) => `${STATE_GLYPH[d.f.state]} ${d.f.state}`);
      const detail = (d: { f: FutureView }) => {
        const parts: string[] = [];
        if (d.f.state === 'done') parts.push(`result ${d.f.text || 'None'}`);
        else if (d.f.state === 'failed') parts.push(`raised ${d.f.text}`);
        if (d.f.callbacks.length)
          parts.push(`${d.f.state === 'pending' ? 'callbacks' : 'called'}: ${d.f.callbacks.join(', ')}`);
        return parts.join(' · ');
      };
      const awaitW = (d: { f: FutureView }) => d.f.awaitedBy.length * 16;
      g.select('text.fut-detail')
        .attr('x', (d) => LABEL_W + STATE_W + awaitW(d) + 4)
        .attr('y', FUT_ROW_H / 2 + 3.5)
        .text((d) => truncate(detail(d), Math.max(10, Math.floor((opts.width - LABEL_W - STATE_W - awaitW(d)) / 7))));
      g.select('g.awaiters')
        .attr('transform', `translate(${LABEL_W + STATE_W},0)`)
        .selectAll<SVGCircleElement, number>('circle')
        .data((d) => d.f.awaitedBy.slice(0, 12), (id) => String(id))
        .join((e) => e.append('circle').attr('r', 6).attr('cy', FUT_ROW_H / 2 - 1))
        .attr('cx', (_d, i) => 6 + i * 16)
        .attr('fill', (id) => opts.colour(id) ?? 'var(--muted)')
        .attr('class', 'awaiter')
        .selectAll('title')
        .data((id) => [id])
        .join('title')
        .text((id) => `awaited by ${data.taskName(id)}`);
      g.select('title').text(
        (d) =>
          `${d.f.label}: ${d.f.state}${d.f.text ? ' — ' + d.f.text : ''}${d.f.awaitedBy.length ? ' — awaited by ' + d.f.awaitedBy.map(data.taskName).join(', ') : ''}`,
      );
    })
    .each(function (d) {
      const before = prev.get(d.f.id);
      if (before !== undefined && before === 'pending' && d.f.state !== 'pending' && opts.duration > 0) {
        d3.select(this)
          .select('rect.row-bg')
          .classed('flash', true)
          .transition()
          .duration(opts.duration * 2)
          .on('end', function () {
            d3.select(this).classed('flash', false);
          });
      }
    });
  prev.clear();
  for (const f of data.futures) prev.set(f.id, f.state);
}
