// The network view of a trace: a pure reducer over NET events (applyNet),
// run by TracePlayer over its keyframes (netReducer; player.network(k)).
//
// Step k as in snapshot.ts (docs/trace-format.md): k = 0 is the state before the first
// handle runs; k >= 1 is after the k-th handle ran, up to (not including) the
// next handle's RUN event; k = N (steps.length) includes everything.
//
// The state is immutable: applyNet returns a new state that shares every
// entity it did not change, so keyframes are plain references.

import { EVENT_SIZE, stepEnd } from './decode.ts';
import { Op, type Trace } from './schema.ts';
import { CONN_STATES, NetKind, SockProto, type ConnState } from './net-schema.ts';
import type { Reducer } from './reducer.ts';
import type { TraceIndex } from './trace-index.ts';

export interface NetSocket {
  id: number;
  proto: 'tcp' | 'udp';
  family: 4 | 6;
  host: string;
  port: number;
  role: 'socket' | 'listener' | 'client' | 'server' | 'udp';
  /** The socket's transport state (a socket with no transport counts as open until closed). */
  state: ConnState;
  /** The socket itself was closed (fd released). */
  closed: boolean;
  /** Bytes in the transport's write buffer, and whether its protocol was told to pause writing. */
  writeBuffer: number;
  paused: boolean;
  /** The connected peer socket (tcp), or -1. */
  peer: number;
  eofSent: boolean;
  eofSeen: boolean;
  reset: boolean;
}

export interface NetServer {
  /** The listening socket's id. */
  id: number;
  host: string;
  port: number;
  backlog: number;
  listening: boolean;
  /** Connections accepted so far. */
  accepted: number;
}

export interface NetConnection {
  /** The client socket's id. */
  id: number;
  client: number;
  /** The server-side socket's id. */
  server: number;
  listener: number;
  /** open: both transports open; closed: both closed; closing otherwise. */
  state: ConnState;
  clientState: ConnState;
  serverState: ConnState;
  clientWriteBuffer: number;
  serverWriteBuffer: number;
  /** Bytes sent and not yet read by the other side, per direction. */
  toServer: number;
  toClient: number;
  /** Of those, bytes still travelling (latency > 0: not yet in the receive buffer). */
  travellingToServer: number;
  travellingToClient: number;
  accepted: boolean;
}

export interface NetDatagram {
  id: number;
  from: number;
  to: number;
  size: number;
}

export interface NetPipe {
  fd: 0 | 1 | 2;
  /** Bytes written into the pipe and not yet read. */
  buffered: number;
  written: number;
  read: number;
  /** Its writing end is closed (EOF for the reader). */
  closed: boolean;
}

export interface NetProcess {
  pid: number;
  command: string;
  state: 'running' | 'exited';
  returncode: number | null;
  pipes: NetPipe[];
}

export interface NetworkSnapshot {
  /** Listening (and formerly listening) servers, by socket id. */
  servers: NetServer[];
  /** UDP endpoints. */
  endpoints: NetSocket[];
  connections: NetConnection[];
  /** Datagrams sent and not yet received. */
  datagrams: NetDatagram[];
  processes: NetProcess[];
  /** Every socket, by id (clients, server sides, listeners, endpoints). */
  sockets: Record<number, NetSocket>;
  /** Connection attempts refused so far. */
  refused: number;
  /** Simulated one-way latency, seconds. */
  latency: number;
  /** Anything network- or process-related happened. */
  active: boolean;
}

export interface NetState {
  sockets: Record<number, NetSocket>;
  servers: Record<number, NetServer>;
  connections: Record<number, NetConnection>;
  /** server-side / client socket id -> connection id. */
  connOf: Record<number, number>;
  datagrams: Record<number, NetDatagram>;
  processes: Record<number, NetProcess>;
  refused: number;
  latency: number;
  active: boolean;
}

export const EMPTY_NET: NetState = Object.freeze({
  sockets: {},
  servers: {},
  connections: {},
  connOf: {},
  datagrams: {},
  processes: {},
  refused: 0,
  latency: 0,
  active: false,
}) as NetState;

function worst(a: ConnState, b: ConnState): ConnState {
  if (a === 'open' && b === 'open') return 'open';
  if (a === 'closed' && b === 'closed') return 'closed';
  return 'closing';
}

function putSock(s: NetState, sock: NetSocket): NetState {
  return { ...s, sockets: { ...s.sockets, [sock.id]: sock } };
}

function putConn(s: NetState, c: NetConnection): NetState {
  return { ...s, connections: { ...s.connections, [c.id]: c } };
}

/** Update the connection a socket belongs to (if any) with fn(conn, isClient). */
function withConn(s: NetState, sock: number, fn: (c: NetConnection, isClient: boolean) => NetConnection): NetState {
  const cid = s.connOf[sock];
  if (cid === undefined) return s;
  const c = s.connections[cid];
  return c ? putConn(s, fn(c, c.client === sock)) : s;
}

function updPipe(p: NetProcess, fd: number, fn: (pipe: NetPipe) => NetPipe): NetProcess {
  return { ...p, pipes: p.pipes.map((x) => (x.fd === fd ? fn(x) : x)) };
}

/**
 * Apply one NET event (kind, a, b, c, d; `strings` is the trace's string
 * table). Pure: returns a new state, or the same one if nothing changed.
 */
export function applyNet(state: NetState, kind: number, a: number, b: number, c: number, d: number, strings: readonly string[]): NetState {
  let s: NetState = state.active ? state : { ...state, active: true };
  switch (kind) {
    case NetKind.SOCKET:
      return putSock(s, {
        id: a, proto: b === SockProto.TCP ? 'tcp' : 'udp', family: c === 6 ? 6 : 4, host: '', port: 0,
        role: b === SockProto.TCP ? 'socket' : 'udp', state: 'open', closed: false, writeBuffer: 0, paused: false,
        peer: -1, eofSent: false, eofSeen: false, reset: false,
      });
    case NetKind.BIND: {
      const sock = s.sockets[a];
      return sock ? putSock(s, { ...sock, host: strings[b] ?? '', port: c }) : s;
    }
    case NetKind.LISTEN: {
      const sock = s.sockets[a];
      if (!sock) return s;
      s = putSock(s, { ...sock, role: 'listener' });
      return { ...s, servers: { ...s.servers, [a]: { id: a, host: sock.host, port: sock.port, backlog: b, listening: true, accepted: 0 } } };
    }
    case NetKind.CONNECT: {
      const cl = s.sockets[a];
      const sv = s.sockets[b];
      const ln = s.sockets[c];
      if (cl) s = putSock(s, { ...cl, role: 'client', peer: b });
      if (sv) s = putSock(s, { ...sv, role: 'server', peer: a, host: ln?.host ?? sv.host, port: ln?.port ?? sv.port });
      s = { ...s, connOf: { ...s.connOf, [a]: a, [b]: a } };
      return putConn(s, {
        id: a, client: a, server: b, listener: c, state: 'open', clientState: 'open', serverState: 'open',
        clientWriteBuffer: 0, serverWriteBuffer: 0, toServer: 0, toClient: 0, travellingToServer: 0, travellingToClient: 0,
        accepted: false,
      });
    }
    case NetKind.REFUSED:
      return { ...s, refused: s.refused + 1 };
    case NetKind.ACCEPT: {
      const srv = s.servers[b];
      if (srv) s = { ...s, servers: { ...s.servers, [b]: { ...srv, accepted: srv.accepted + 1 } } };
      return withConn(s, a, (cn) => ({ ...cn, accepted: true }));
    }
    case NetKind.STATE: {
      const sock = s.sockets[a];
      const st: ConnState = CONN_STATES[b] ?? 'open';
      if (sock) s = putSock(s, { ...sock, state: st });
      return withConn(s, a, (cn, isClient) => {
        const clientState = isClient ? st : cn.clientState;
        const serverState = isClient ? cn.serverState : st;
        return { ...cn, clientState, serverState, state: worst(clientState, serverState) };
      });
    }
    case NetKind.WBUF: {
      const sock = s.sockets[a];
      if (sock) s = putSock(s, { ...sock, writeBuffer: b, paused: c === 1 });
      return withConn(s, a, (cn, isClient) => (isClient ? { ...cn, clientWriteBuffer: b } : { ...cn, serverWriteBuffer: b }));
    }
    case NetKind.SEND:
      return withConn(s, a, (cn, isClient) =>
        isClient
          ? { ...cn, toServer: cn.toServer + c, travellingToServer: cn.travellingToServer + (s.latency > 0 ? c : 0) }
          : { ...cn, toClient: cn.toClient + c, travellingToClient: cn.travellingToClient + (s.latency > 0 ? c : 0) });
    case NetKind.ARRIVE:
      // a sent to b: b is the receiver.
      return withConn(s, a, (cn, isClient) =>
        isClient
          ? { ...cn, travellingToServer: Math.max(0, cn.travellingToServer - c) }
          : { ...cn, travellingToClient: Math.max(0, cn.travellingToClient - c) });
    case NetKind.RECV:
      // a (the receiver) read c bytes.
      return withConn(s, a, (cn, isClient) => (isClient ? { ...cn, toClient: Math.max(0, cn.toClient - c) } : { ...cn, toServer: Math.max(0, cn.toServer - c) }));
    case NetKind.SHUT_WR: {
      const sock = s.sockets[a];
      return sock ? putSock(s, { ...sock, eofSent: true }) : s;
    }
    case NetKind.EOF_SEEN: {
      const sock = s.sockets[a];
      return sock && !sock.eofSeen ? putSock(s, { ...sock, eofSeen: true }) : s;
    }
    case NetKind.RESET:
    case NetKind.DGRAM_ERROR: {
      const sock = s.sockets[a];
      return sock ? putSock(s, { ...sock, reset: true }) : s;
    }
    case NetKind.CLOSE: {
      const sock = s.sockets[a];
      if (!sock) return s;
      s = putSock(s, { ...sock, closed: true, state: sock.role === 'listener' || sock.role === 'udp' || sock.role === 'socket' ? 'closed' : sock.state });
      const srv = s.servers[a];
      if (srv) s = { ...s, servers: { ...s.servers, [a]: { ...srv, listening: false } } };
      // Bytes on their way to a closed socket are gone.
      return withConn(s, a, (cn, isClient) => (isClient ? { ...cn, toClient: 0, travellingToClient: 0 } : { ...cn, toServer: 0, travellingToServer: 0 }));
    }
    case NetKind.DGRAM_SEND:
      if (b < 0) return s;
      return { ...s, datagrams: { ...s.datagrams, [d]: { id: d, from: a, to: b, size: c } } };
    case NetKind.DGRAM_RECV: {
      if (!(d in s.datagrams)) return s;
      const datagrams = { ...s.datagrams };
      delete datagrams[d];
      return { ...s, datagrams };
    }
    case NetKind.PROC_SPAWN:
      return { ...s, processes: { ...s.processes, [a]: { pid: a, command: strings[b] ?? '', state: 'running', returncode: null, pipes: [] } } };
    case NetKind.PROC_EXIT: {
      const p = s.processes[a];
      return p ? { ...s, processes: { ...s.processes, [a]: { ...p, state: 'exited', returncode: b } } } : s;
    }
    case NetKind.PIPE_OPEN: {
      const p = s.processes[a];
      if (!p) return s;
      const pipe: NetPipe = { fd: b as 0 | 1 | 2, buffered: 0, written: 0, read: 0, closed: false };
      return { ...s, processes: { ...s.processes, [a]: { ...p, pipes: [...p.pipes, pipe] } } };
    }
    case NetKind.PIPE_WRITE:
    case NetKind.PIPE_READ:
    case NetKind.PIPE_CLOSE: {
      const p = s.processes[a];
      if (!p) return s;
      const np = updPipe(p, b, (x) =>
        kind === NetKind.PIPE_WRITE
          ? { ...x, buffered: x.buffered + c, written: x.written + c }
          : kind === NetKind.PIPE_READ
            ? { ...x, buffered: Math.max(0, x.buffered - c), read: x.read + c }
            : { ...x, closed: true });
      return { ...s, processes: { ...s.processes, [a]: np } };
    }
    case NetKind.LATENCY:
      return { ...s, latency: a / 1e6 };
    default:
      return s;
  }
}

/** The plain snapshot of a state (lists sorted by id). */
export function snapshotOf(s: NetState): NetworkSnapshot {
  const byId = <T extends { id: number }>(r: Record<number, T>) => Object.values(r).sort((x, y) => x.id - y.id);
  return {
    servers: byId(s.servers),
    endpoints: byId(s.sockets).filter((x) => x.proto === 'udp'),
    connections: byId(s.connections),
    datagrams: byId(s.datagrams),
    processes: Object.values(s.processes).sort((x, y) => x.pid - y.pid),
    sockets: s.sockets,
    refused: s.refused,
    latency: s.latency,
    active: s.active,
  };
}

/** Apply every NET event in ops[from, to). */
export function replayNet(trace: Trace, state: NetState, from: number, to: number): NetState {
  const ops = trace.ops;
  const strings = trace.strings;
  const sizes = EVENT_SIZE;
  const NET = Op.NET;
  let i = from;
  while (i < to) {
    const op = ops[i];
    if (op === NET) state = applyNet(state, ops[i + 1], ops[i + 2], ops[i + 3], ops[i + 4], ops[i + 5], strings);
    const size = op > 0 && op < sizes.length ? sizes[op] : 0;
    if (size === 0) throw new Error(`trace: unknown opcode ${op} at offset ${i}`);
    i += size;
  }
  return state;
}

/** Whether the run had any network or process activity (the panel shows only then). */
export function hasNetActivity(ix: TraceIndex): boolean {
  return ix.opCount[Op.NET] > 0;
}

/** The network at step k by replaying from the start: the reference TracePlayer.network(k) must agree with. */
export function networkAt(trace: Trace, k: number): NetworkSnapshot {
  k = Math.max(0, Math.min(trace.steps.length, Math.floor(k)));
  return snapshotOf(replayNet(trace, EMPTY_NET, 0, stepEnd(trace, k)));
}

/** Rough bytes of one entity record: its share of a keyframe (records a keyframe shares with others cost nothing more). */
const ENTITY_BYTES = 96;
const views = new WeakMap<NetState, NetworkSnapshot>();

/**
 * The network as one of TracePlayer's reducers (reducer.ts). Its state is
 * immutable (applyNet returns a new one that shares what it did not change),
 * so a keyframe is the state itself.
 */
export const netReducer: Reducer<NetState, NetState, NetworkSnapshot> = {
  name: 'network',
  active: hasNetActivity,
  start: () => EMPTY_NET,
  advance: (d, trace, from, to) => replayNet(trace, d, from, to),
  key: (d) => d,
  resume: (k) => k,
  bytes: (k) =>
    ENTITY_BYTES *
    (1 + Object.keys(k.sockets).length + Object.keys(k.connections).length + Object.keys(k.servers).length + Object.keys(k.processes).length + Object.keys(k.datagrams).length),
  view(d) {
    let v = views.get(d);
    if (!v) views.set(d, (v = snapshotOf(d)));
    return v;
  },
};
