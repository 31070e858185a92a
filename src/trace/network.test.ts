import { describe, expect, it } from 'vitest';
import { TraceRecorder } from './recorder.ts';
import { NetKind as K } from './net-schema.ts';
import { applyNet, EMPTY_NET, hasNetActivity, networkAt, snapshotOf, type NetState } from './network.ts';
import { TracePlayer } from './seek.ts';
import { snapshotAt } from './loop-state.ts';
import { indexOf } from './trace-index.ts';

const strings = ['', '127.0.0.1', 'echo hi'];
function run(events: number[][], s: NetState = EMPTY_NET): NetState {
  for (const [k, a = 0, b = 0, c = 0, d = 0] of events) s = applyNet(s, k, a, b, c, d, strings);
  return s;
}

// A listener (100) and a connection client 101 -> server side 102.
const SETUP = [
  [K.SOCKET, 100, 0, 4],
  [K.BIND, 100, 1, 5000],
  [K.LISTEN, 100, 100],
  [K.SOCKET, 101, 0, 4],
  [K.BIND, 101, 1, 40000],
  [K.SOCKET, 102, 0, 4],
  [K.CONNECT, 101, 102, 100],
];

describe('applyNet', () => {
  it('starts empty and inactive', () => {
    const snap = snapshotOf(EMPTY_NET);
    expect(snap.active).toBe(false);
    expect(snap.connections).toEqual([]);
  });

  it('tracks servers and connections', () => {
    const s = run([...SETUP, [K.ACCEPT, 102, 100]]);
    const snap = snapshotOf(s);
    expect(snap.active).toBe(true);
    expect(snap.servers).toEqual([{ id: 100, host: '127.0.0.1', port: 5000, backlog: 100, listening: true, accepted: 1 }]);
    expect(snap.connections).toHaveLength(1);
    const c = snap.connections[0];
    expect(c).toMatchObject({ id: 101, client: 101, server: 102, listener: 100, state: 'open', accepted: true });
    expect(snap.sockets[102]).toMatchObject({ role: 'server', host: '127.0.0.1', port: 5000, peer: 101 });
    expect(snap.sockets[101]).toMatchObject({ role: 'client', peer: 102 });
  });

  it('counts bytes in flight per direction until read', () => {
    let s = run([...SETUP, [K.SEND, 101, 102, 10], [K.SEND, 101, 102, 5], [K.SEND, 102, 101, 7]]);
    let c = snapshotOf(s).connections[0];
    expect([c.toServer, c.toClient]).toEqual([15, 7]);
    s = run([[K.RECV, 102, 101, 15]], s);
    c = snapshotOf(s).connections[0];
    expect([c.toServer, c.toClient]).toEqual([0, 7]);
  });

  it('separates travelling bytes when there is latency', () => {
    let s = run([...SETUP, [K.LATENCY, 50_000], [K.SEND, 101, 102, 10]]);
    expect(snapshotOf(s).latency).toBeCloseTo(0.05);
    expect(snapshotOf(s).connections[0].travellingToServer).toBe(10);
    s = run([[K.ARRIVE, 101, 102, 10]], s);
    const c = snapshotOf(s).connections[0];
    expect([c.toServer, c.travellingToServer]).toEqual([10, 0]);
  });

  it('derives the connection state from both transports', () => {
    let s = run([...SETUP, [K.STATE, 101, 0], [K.STATE, 102, 0]]);
    expect(snapshotOf(s).connections[0].state).toBe('open');
    s = run([[K.STATE, 101, 1]], s);
    expect(snapshotOf(s).connections[0]).toMatchObject({ state: 'closing', clientState: 'closing', serverState: 'open' });
    s = run([[K.STATE, 101, 2], [K.STATE, 102, 2]], s);
    expect(snapshotOf(s).connections[0].state).toBe('closed');
  });

  it('records write buffers and pausing', () => {
    const s = run([...SETUP, [K.WBUF, 101, 65536, 1]]);
    const snap = snapshotOf(s);
    expect(snap.connections[0].clientWriteBuffer).toBe(65536);
    expect(snap.sockets[101]).toMatchObject({ writeBuffer: 65536, paused: true });
  });

  it('closes servers', () => {
    const s = run([...SETUP, [K.CLOSE, 100]]);
    expect(snapshotOf(s).servers[0].listening).toBe(false);
  });

  it('keeps datagrams in flight until received; drops those nobody listens for', () => {
    let s = run([[K.SOCKET, 1, 1, 4], [K.SOCKET, 2, 1, 4], [K.DGRAM_SEND, 1, 2, 3, 0], [K.DGRAM_SEND, 1, -1, 3, 1]]);
    let snap = snapshotOf(s);
    expect(snap.endpoints.map((e) => e.id)).toEqual([1, 2]);
    expect(snap.datagrams).toEqual([{ id: 0, from: 1, to: 2, size: 3 }]);
    s = run([[K.DGRAM_RECV, 2, 1, 3, 0]], s);
    snap = snapshotOf(s);
    expect(snap.datagrams).toEqual([]);
  });

  it('tracks processes and pipes', () => {
    let s = run([[K.PROC_SPAWN, 4000, 2], [K.PIPE_OPEN, 4000, 1], [K.PIPE_WRITE, 4000, 1, 3]]);
    let p = snapshotOf(s).processes[0];
    expect(p).toMatchObject({ pid: 4000, command: 'echo hi', state: 'running', returncode: null });
    expect(p.pipes).toEqual([{ fd: 1, buffered: 3, written: 3, read: 0, closed: false }]);
    s = run([[K.PIPE_CLOSE, 4000, 1], [K.PROC_EXIT, 4000, 0], [K.PIPE_READ, 4000, 1, 3]], s);
    p = snapshotOf(s).processes[0];
    expect(p).toMatchObject({ state: 'exited', returncode: 0 });
    expect(p.pipes[0]).toEqual({ fd: 1, buffered: 0, written: 3, read: 3, closed: true });
  });

  it('is pure: the input state is not changed', () => {
    const before = run(SETUP);
    const copy = JSON.stringify(before);
    run([[K.SEND, 101, 102, 10], [K.STATE, 101, 2], [K.CLOSE, 100]], before);
    expect(JSON.stringify(before)).toBe(copy);
  });
});

describe('networkAt', () => {
  function trace() {
    const r = new TraceRecorder();
    const host = r.intern('127.0.0.1');
    r.net(K.SOCKET, 100, 0, 4, 0);
    r.net(K.BIND, 100, host, 5000, 0);
    r.net(K.LISTEN, 100, 100, 0, 0);
    r.run(0); // step 1
    r.net(K.SOCKET, 101, 0, 4, 0);
    r.net(K.SOCKET, 102, 0, 4, 0);
    r.net(K.CONNECT, 101, 102, 100, 0);
    r.done(0);
    r.run(1); // step 2
    r.net(K.SEND, 101, 102, 42, 0);
    r.done(1);
    for (let i = 2; i < 1200; i++) {
      r.run(i);
      if (i === 1100) r.net(K.RECV, 102, 101, 42, 0);
      r.done(i);
    }
    return r.finish({ filename: 'x.py', source: '', exitCode: 0, pythonVersion: '3.14', wallMs: 0 });
  }

  it('the player replays NET events up to the step boundary, over its keyframes', () => {
    const t = trace();
    const p = new TracePlayer(t, { minInterval: 64 });
    expect(p.hasNetwork).toBe(true);
    expect(p.network(0).servers).toHaveLength(1);
    expect(p.network(0).connections).toHaveLength(0);
    expect(p.network(1).connections).toHaveLength(1);
    expect(p.network(1).connections[0].toServer).toBe(0);
    expect(p.network(2).connections[0].toServer).toBe(42);
    expect(p.network(1100).connections[0].toServer).toBe(42);
    expect(p.network(1101).connections[0].toServer).toBe(0);
    // backwards after keyframes were built
    expect(p.network(600).connections[0].toServer).toBe(42);
    expect(p.network(t.steps.length).connections[0].toServer).toBe(0);
    expect(p.keyframeCount).toBeGreaterThan(3);
    // The same as replaying from the start, at every step, in any order; an unchanged state gives the same object.
    for (const k of [5, 1200, 0, 1099, 1101, 3, 700]) expect(p.network(k)).toEqual(networkAt(t, k));
    expect(p.network(1000)).toBe(p.network(900));
  });

  it('the loop and the network share one cursor: both views agree with their references at every step', () => {
    const t = trace();
    const p = new TracePlayer(t, { minInterval: 32 });
    for (const k of [1150, 2, 1101, 0, 640]) {
      expect(p.snapshot(k)).toEqual(snapshotAt(t, k));
      expect(p.network(k)).toEqual(networkAt(t, k));
    }
  });

  it('reports no activity for a trace without NET events', () => {
    const r = new TraceRecorder();
    r.run(0);
    r.done(0);
    const t = r.finish({ filename: 'x.py', source: '', exitCode: 0, pythonVersion: '3.14', wallMs: 0 });
    expect(hasNetActivity(indexOf(t))).toBe(false);
    const p = new TracePlayer(t);
    expect(p.hasNetwork).toBe(false);
    expect(p.network(1).active).toBe(false);
  });
});
