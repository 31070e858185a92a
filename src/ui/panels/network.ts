// Network panel: listening servers, UDP endpoints, connections (each side's
// transport state and write buffer, bytes in flight each way), datagrams in
// flight, and processes with their pipes. layoutNetwork is pure (shapes from a
// NetworkSnapshot); drawNetwork joins them: rows that enter/leave with a fade
// and move to their new place; no motion when the duration is 0.
import { select, type Selection } from 'd3-selection';
import 'd3-transition';
import type { NetConnection, NetProcess, NetServer, NetSocket, NetworkSnapshot } from '../../trace/index.ts';
import { truncate, type Motion } from './common.ts';
import { leave, put, putText } from './dom.ts';

export const NET_ROW_H = 34;

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

function netRows(snap: NetworkSnapshot): Row[] {
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
function rowText(r: Row): string {
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

/** A line of text in a row. */
export interface NetTextShape {
  readonly cls: string;
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly anchor: 'start' | 'end';
  readonly size: number;
  readonly fill: string;
  readonly opacity: number | null;
}

/** Bytes on their way, one label per direction, sliding along the wire from the sender. */
export interface FlightShape {
  readonly key: 'up' | 'down';
  readonly from: number;
  readonly x: number;
  readonly y: number;
  readonly label: string;
}

export interface NetRowShape {
  readonly key: string;
  readonly kind: Row['kind'];
  readonly testid: string;
  readonly state: string;
  /** Accessible name (and one line of the panel's description). */
  readonly text: string;
  readonly y: number;
  readonly texts: readonly NetTextShape[];
  /** A connection's wire, or null. */
  readonly wire: { readonly x1: number; readonly x2: number; readonly stroke: string; readonly dashed: boolean } | null;
  readonly flights: readonly FlightShape[];
}

export interface NetworkShapes {
  readonly width: number;
  readonly height: number;
  readonly rows: readonly NetRowShape[];
  /** Everything the panel shows, in words (its accessible name). */
  readonly label: string;
  /** The title's summary: refused connections and latency ("" when neither). */
  readonly summary: string;
  readonly connections: number;
}

const text = (cls: string, x: number, y: number, s: string, anchor: 'start' | 'end' = 'start', size = 12, fill = 'currentColor', opacity: number | null = null): NetTextShape => ({
  cls,
  x,
  y,
  text: s,
  anchor,
  size,
  fill,
  opacity,
});

function simpleTexts(r: Exclude<Row, { kind: 'connection' }>, width: number): NetTextShape[] {
  let glyph: string;
  let colour: string;
  let main: string;
  let side: string;
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
  } else {
    const p = r.proc;
    glyph = p.state === 'running' ? '▶' : '■';
    colour = p.state === 'running' ? '#2b8a3e' : p.returncode === 0 ? '#868e96' : '#c92a2a';
    main = truncate(`pid ${p.pid} $ ${p.command}`, Math.floor((width * 0.55) / 7));
    const pipes = p.pipes.map((x) => `${['stdin', 'stdout', 'stderr'][x.fd]} ${bytes(x.buffered)}${x.closed ? ' (eof)' : ''}`).join(' · ');
    side = `${p.state === 'running' ? 'running' : `exited ${p.returncode}`}${pipes ? ' · ' + pipes : ''}`;
  }
  return [
    text('glyph', 8, 20, glyph, 'start', 14, colour),
    text('main', 28, 20, main),
    text('side', width - 8, 20, truncate(side, Math.floor((width * 0.45) / 6.5)), 'end'),
  ];
}

function connectionRow(c: NetConnection, client: NetSocket | undefined, server: NetSocket | undefined, width: number): Pick<NetRowShape, 'texts' | 'wire' | 'flights'> {
  const leftW = Math.min(190, width * 0.34);
  const x1 = leftW;
  const x2 = width - leftW;
  const cl = client ? `:${client.port}` : '?';
  const sv = server ? addr(server.host, server.port) : '?';
  const texts = [
    text('cl', 8, 14, `${STATE_GLYPH[c.clientState]} client ${cl}`, 'start', 12, STATE_COLOUR[c.clientState]),
    text('sv', width - 8, 14, `${sv} server ${STATE_GLYPH[c.serverState]}`, 'end', 12, STATE_COLOUR[c.serverState]),
    text('clb', 8, 29, `${c.clientState}${c.clientWriteBuffer ? ` · buffer ${bytes(c.clientWriteBuffer)}` : ''}${client?.paused ? ' · paused' : ''}`, 'start', 11, 'currentColor', 0.8),
    text('svb', width - 8, 29, `${c.serverWriteBuffer ? `buffer ${bytes(c.serverWriteBuffer)} · ` : ''}${server?.paused ? 'paused · ' : ''}${c.serverState}`, 'end', 11, 'currentColor', 0.8),
  ];
  const flights: FlightShape[] = [];
  if (c.toServer > 0) flights.push({ key: 'up', from: x1, y: 12, x: x1 + (x2 - x1) * (c.travellingToServer ? 0.35 : 0.75), label: `${bytes(c.toServer)} ➜` });
  if (c.toClient > 0) flights.push({ key: 'down', from: x2, y: 29, x: x1 + (x2 - x1) * (c.travellingToClient ? 0.65 : 0.25), label: `⬅ ${bytes(c.toClient)}` });
  return { texts, wire: { x1, x2, stroke: STATE_COLOUR[c.state], dashed: c.state !== 'open' }, flights };
}

export function layoutNetwork(snap: NetworkSnapshot, width: number): NetworkShapes {
  const w = Math.max(260, width);
  const rows = netRows(snap);
  const latency = snap.latency > 0 ? ` · latency ${Math.round(snap.latency * 1000)} ms` : '';
  return {
    width: w,
    height: Math.max(NET_ROW_H, rows.length * NET_ROW_H + 6),
    rows: rows.map((r, i) => {
      const base = {
        key: r.key,
        kind: r.kind,
        testid: r.kind === 'connection' ? 'connection-item' : `net-${r.kind}`,
        state:
          r.kind === 'connection' ? r.conn.state : r.kind === 'server' ? (r.server.listening ? 'listening' : 'closed') : r.kind === 'process' ? r.proc.state : r.ep.closed ? 'closed' : 'open',
        text: rowText(r),
        y: i * NET_ROW_H + 3,
      };
      return r.kind === 'connection' ? { ...base, ...connectionRow(r.conn, r.client, r.server, w) } : { ...base, texts: simpleTexts(r, w), wire: null, flights: [] };
    }),
    label: `Network: ${rows.map(rowText).join('; ')}`,
    summary: `${snap.refused > 0 ? `${snap.refused} refused` : ''}${latency}`,
    connections: snap.connections.length,
  };
}

export function drawNetwork(svgEl: SVGSVGElement, s: NetworkShapes, motion: Motion): void {
  const duration = motion.duration;
  const svg = select(svgEl);
  put(svg, { width: s.width, height: s.height, viewBox: `0 0 ${s.width} ${s.height}`, 'aria-label': s.label });

  const sel = svg
    .selectAll<SVGGElement, NetRowShape>('g.net-row:not(.leaving)')
    .data(s.rows, (r) => r.key)
    .join(
      (enter) =>
        enter
          .append('g')
          .attr('class', 'net-row')
          .attr('transform', (r) => `translate(0,${r.y})`)
          .attr('opacity', 0)
          .call((g) => g.transition().duration(duration).attr('opacity', 1)),
      (update) => update,
      (exit) => leave(exit).call((g) => g.transition().duration(duration).attr('opacity', 0).remove()),
    );
  sel.transition().duration(duration).attr('transform', (r) => `translate(0,${r.y})`).attr('opacity', 1);

  sel.each(function (r) {
    const g = select<SVGGElement, NetRowShape>(this);
    put(g, { 'data-testid': r.testid, 'data-state': r.state, role: 'listitem', 'aria-label': r.text });
    if (g.attr('data-kind') !== r.kind) {
      g.selectAll('*').remove();
      g.attr('data-kind', r.kind);
    }
    drawRow(g, r, duration);
  });
}

function drawRow(g: Selection<SVGGElement, NetRowShape, null, undefined>, r: NetRowShape, duration: number): void {
  for (const t of r.texts) {
    const e = g.selectAll<SVGTextElement, NetTextShape>(`text.${t.cls}`).data([t]).join('text');
    putText(put(e, { class: t.cls, x: t.x, y: t.y, 'text-anchor': t.anchor, 'font-size': t.size, fill: t.fill, opacity: t.opacity }), t.text);
  }
  const wire = g.selectAll<SVGLineElement, NonNullable<NetRowShape['wire']>>('line.wire').data(r.wire ? [r.wire] : []).join('line');
  put(wire, { class: 'wire', x1: (w) => w.x1, x2: (w) => w.x2, y1: 17, y2: 17, stroke: (w) => w.stroke, 'stroke-dasharray': (w) => (w.dashed ? '4 3' : null) });
  g.selectAll<SVGTextElement, FlightShape>('text.flight')
    .data(r.flights, (f) => f.key)
    .join(
      (enter) => enter.append('text').attr('class', 'flight').attr('x', (f) => f.from).attr('opacity', 0),
      (update) => update,
      (exit) => exit.transition().duration(duration).attr('opacity', 0).remove(),
    )
    .call((e) => putText(put(e, { y: (f) => f.y, 'text-anchor': 'middle', 'font-size': 11, fill: '#1c7ed6' }), (f) => f.label))
    .transition()
    .duration(duration)
    .attr('x', (f) => f.x)
    .attr('opacity', 1);
}
