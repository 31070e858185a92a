// Network panel: listening servers, UDP endpoints, connections (each side's
// transport state and write buffer, bytes in flight each way), datagrams in
// flight, and processes with their pipes. A pure render function over a
// NetworkSnapshot: keyed joins, rows that enter/leave with a fade and move to
// their new place; no motion when duration is 0 (reduced motion).
import * as d3 from 'd3';
import './common.ts';
import { truncate } from './common.ts';
import { prefersReducedMotion } from '../motion.ts';
import type { NetConnection, NetProcess, NetServer, NetSocket, NetworkSnapshot } from '../../trace/network.ts';

export const NET_ROW_H = 34;

export interface NetRenderOpts {
  width: number;
  duration: number;
}

type Row =
  | { key: string; kind: 'server'; server: NetServer }
  | { key: string; kind: 'connection'; conn: NetConnection; client: NetSocket | undefined; server: NetSocket | undefined }
  | { key: string; kind: 'endpoint'; ep: NetSocket; inFlight: number }
  | { key: string; kind: 'process'; proc: NetProcess };

const STATE_COLOUR: Record<string, string> = { open: '#2b8a3e', closing: '#e8590c', closed: '#868e96' };
const STATE_GLYPH: Record<string, string> = { open: '●', closing: '◐', closed: '○' };

function addr(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KiB`;
  return `${(n / 1048576).toFixed(1)} MiB`;
}

export function netRows(snap: NetworkSnapshot): Row[] {
  const rows: Row[] = [];
  for (const s of snap.servers) rows.push({ key: `s${s.id}`, kind: 'server', server: s });
  for (const c of snap.connections) {
    rows.push({ key: `c${c.id}`, kind: 'connection', conn: c, client: snap.sockets[c.client], server: snap.sockets[c.server] });
  }
  for (const ep of snap.endpoints) {
    const inFlight = snap.datagrams.filter((d) => d.from === ep.id).length;
    rows.push({ key: `u${ep.id}`, kind: 'endpoint', ep, inFlight });
  }
  for (const p of snap.processes) rows.push({ key: `p${p.pid}`, kind: 'process', proc: p });
  return rows;
}

/** One line of text describing a row (also its accessible name). */
export function rowText(r: Row): string {
  switch (r.kind) {
    case 'server':
      return `server ${addr(r.server.host, r.server.port)} ${r.server.listening ? 'listening' : 'closed'}, ${r.server.accepted} accepted`;
    case 'connection': {
      const c = r.conn;
      const cl = r.client ? addr(r.client.host, r.client.port) : '?';
      const sv = r.server ? addr(r.server.host, r.server.port) : '?';
      return `connection ${cl} ⇄ ${sv} ${c.state}`;
    }
    case 'endpoint':
      return `udp ${addr(r.ep.host, r.ep.port)} ${r.ep.closed ? 'closed' : 'open'}`;
    case 'process': {
      const p = r.proc;
      return `pid ${p.pid} ${p.command} ${p.state === 'running' ? 'running' : `exited ${p.returncode}`}`;
    }
  }
}

/** Draw the panel into svgEl; returns the height used. */
export function renderNetwork(svgEl: SVGSVGElement, snap: NetworkSnapshot, opts: NetRenderOpts): number {
  const duration = prefersReducedMotion() ? 0 : opts.duration;
  const width = Math.max(260, opts.width);
  const rows = netRows(snap);
  const height = Math.max(NET_ROW_H, rows.length * NET_ROW_H + 6);
  const svg = d3.select(svgEl).attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);

  const sel = svg
    .selectAll<SVGGElement, Row>('g.net-row')
    .data(rows, (r) => r.key)
    .join(
      (enter) =>
        enter
          .append('g')
          .attr('class', 'net-row')
          .attr('transform', (_r, i) => `translate(0,${i * NET_ROW_H + 3})`)
          .attr('opacity', 0)
          .call((g) => g.transition().duration(duration).attr('opacity', 1)),
      (update) => update,
      (exit) => exit.call((g) => g.transition().duration(duration).attr('opacity', 0).remove()),
    );
  sel.transition().duration(duration).attr('transform', (_r, i) => `translate(0,${i * NET_ROW_H + 3})`).attr('opacity', 1);

  sel.each(function (r) {
    const g = d3.select(this);
    g.attr('data-testid', r.kind === 'connection' ? 'connection-item' : `net-${r.kind}`)
      .attr('data-state', r.kind === 'connection' ? r.conn.state : r.kind === 'server' ? (r.server.listening ? 'listening' : 'closed') : r.kind === 'process' ? r.proc.state : r.ep.closed ? 'closed' : 'open')
      .attr('role', 'listitem')
      .attr('aria-label', rowText(r));
    if (g.attr('data-kind') !== r.kind) {
      g.selectAll('*').remove();
      g.attr('data-kind', r.kind);
    }
    if (r.kind === 'connection') drawConnection(g, r.conn, r.client, r.server, width, duration);
    else drawSimple(g, r, width);
  });
  return height;
}

function text(g: d3.Selection<SVGGElement, unknown, null, undefined>, cls: string, x: number, y: number, s: string, anchor = 'start') {
  g.selectAll<SVGTextElement, string>(`text.${cls}`)
    .data([s])
    .join('text')
    .attr('class', cls)
    .attr('x', x)
    .attr('y', y)
    .attr('text-anchor', anchor)
    .attr('font-size', 12)
    .attr('fill', 'currentColor')
    .text((d) => d);
}

function drawSimple(g: d3.Selection<SVGGElement, unknown, null, undefined>, r: Row, width: number) {
  let glyph = '';
  let colour = '#868e96';
  let main = '';
  let side = '';
  if (r.kind === 'server') {
    glyph = r.server.listening ? '▣' : '□';
    colour = r.server.listening ? '#1c7ed6' : '#868e96';
    main = `server ${addr(r.server.host, r.server.port)}`;
    side = `${r.server.listening ? 'listening' : 'closed'} · ${r.server.accepted} accepted`;
  } else if (r.kind === 'endpoint') {
    glyph = r.ep.closed ? '◇' : '◆';
    colour = r.ep.closed ? '#868e96' : '#7048e8';
    main = `udp ${addr(r.ep.host, r.ep.port)}`;
    side = `${r.ep.closed ? 'closed' : 'open'}${r.inFlight ? ` · ${r.inFlight} datagram${r.inFlight === 1 ? '' : 's'} in flight ➜` : ''}${r.ep.reset ? ' · error' : ''}`;
  } else if (r.kind === 'process') {
    const p = r.proc;
    glyph = p.state === 'running' ? '▶' : '■';
    colour = p.state === 'running' ? '#2b8a3e' : p.returncode === 0 ? '#868e96' : '#c92a2a';
    main = truncate(`pid ${p.pid} $ ${p.command}`, Math.floor((width * 0.55) / 7));
    const pipes = p.pipes.map((x) => `${['stdin', 'stdout', 'stderr'][x.fd]} ${bytes(x.buffered)}${x.closed ? ' (eof)' : ''}`).join(' · ');
    side = `${p.state === 'running' ? 'running' : `exited ${p.returncode}`}${pipes ? ' · ' + pipes : ''}`;
  }
  g.selectAll<SVGTextElement, string>('text.glyph')
    .data([glyph])
    .join('text')
    .attr('class', 'glyph')
    .attr('x', 8)
    .attr('y', 20)
    .attr('fill', colour)
    .attr('font-size', 14)
    .text((d) => d);
  text(g, 'main', 28, 20, main);
  text(g, 'side', width - 8, 20, truncate(side, Math.floor((width * 0.45) / 6.5)), 'end');
}

function drawConnection(
  g: d3.Selection<SVGGElement, unknown, null, undefined>,
  c: NetConnection,
  client: NetSocket | undefined,
  server: NetSocket | undefined,
  width: number,
  duration: number,
) {
  const leftW = Math.min(190, width * 0.34);
  const x1 = leftW;
  const x2 = width - leftW;
  const cl = client ? `:${client.port}` : '?';
  const sv = server ? addr(server.host, server.port) : '?';
  text(g, 'cl', 8, 14, `${STATE_GLYPH[c.clientState]} client ${cl}`);
  text(g, 'sv', width - 8, 14, `${sv} server ${STATE_GLYPH[c.serverState]}`, 'end');
  text(g, 'clb', 8, 29, `${c.clientState}${c.clientWriteBuffer ? ` · buffer ${bytes(c.clientWriteBuffer)}` : ''}${client?.paused ? ' · paused' : ''}`);
  text(g, 'svb', width - 8, 29, `${c.serverWriteBuffer ? `buffer ${bytes(c.serverWriteBuffer)} · ` : ''}${server?.paused ? 'paused · ' : ''}${c.serverState}`, 'end');
  g.selectAll('text.clb, text.svb').attr('font-size', 11).attr('opacity', 0.8);
  g.selectAll('text.cl').attr('fill', STATE_COLOUR[c.clientState]);
  g.selectAll('text.sv').attr('fill', STATE_COLOUR[c.serverState]);
  // The wire, and what is on it each way.
  g.selectAll<SVGLineElement, number>('line.wire')
    .data([0])
    .join('line')
    .attr('class', 'wire')
    .attr('x1', x1)
    .attr('x2', x2)
    .attr('y1', 17)
    .attr('y2', 17)
    .attr('stroke', STATE_COLOUR[c.state])
    .attr('stroke-dasharray', c.state === 'open' ? null : '4 3');
  const flights = [
    { key: 'up', n: c.toServer, y: 12, x: x1 + (x2 - x1) * (c.travellingToServer ? 0.35 : 0.75), label: `${bytes(c.toServer)} ➜` },
    { key: 'down', n: c.toClient, y: 29, x: x1 + (x2 - x1) * (c.travellingToClient ? 0.65 : 0.25), label: `⬅ ${bytes(c.toClient)}` },
  ].filter((f) => f.n > 0);
  g.selectAll<SVGTextElement, (typeof flights)[number]>('text.flight')
    .data(flights, (f) => f.key)
    .join(
      (enter) => enter.append('text').attr('class', 'flight').attr('x', (f) => (f.key === 'up' ? x1 : x2)).attr('opacity', 0),
      (update) => update,
      (exit) => exit.transition().duration(duration).attr('opacity', 0).remove(),
    )
    .attr('y', (f) => f.y)
    .attr('text-anchor', 'middle')
    .attr('font-size', 11)
    .attr('fill', '#1c7ed6')
    .text((f) => f.label)
    .transition()
    .duration(duration)
    .attr('x', (f) => f.x)
    .attr('opacity', 1);
}
