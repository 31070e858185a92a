// Records a run as a Trace: the engine's scheduling facts (it implements the
// engine's SchedulingSink) plus the runtime's task, future and output facts.
// Appends int32 slots to a growable buffer; strings, floats and await chains
// are interned into side tables so that an event is a handful of integers.

import type { SchedulingSink } from '../engine/engine.ts';
import { Op, TRACE_VERSION, type Trace, type TraceMeta } from './schema.ts';

export class TraceRecorder implements SchedulingSink {
  private buf = new Int32Array(1 << 16);
  private n = 0;
  private stepIdx = new Int32Array(1 << 12);
  private nSteps = 0;
  readonly strings: string[] = [''];
  /** UTF-16 code units in `strings` (for the size cap). */
  private stringChars = 0;
  private readonly stringIds = new Map<string, number>([['', 0]]);
  readonly times: number[] = [];
  /** Await chains (user lines, outermost first); chain id i is chains[i]. */
  readonly chains: number[][] = [];
  private readonly chainIds = new Map<string, number>();
  private lastTime = NaN;
  private lastTimeIdx = -1;

  /** Intern a string; returns its id (stable for the run). */
  intern(s: string): number {
    let id = this.stringIds.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.stringIds.set(s, id);
      this.stringChars += s.length;
    }
    return id;
  }

  /** Intern an await chain (user lines, outermost first); returns its id (stable for the run). */
  chain(lines: readonly number[]): number {
    const key = lines.join(',');
    let id = this.chainIds.get(key);
    if (id === undefined) {
      id = this.chains.length;
      this.chains.push(Object.freeze(Array.from(lines)) as number[]);
      this.chainIds.set(key, id);
    }
    return id;
  }

  /** Intern a float (consecutive equal values share a slot). */
  time(t: number): number {
    if (t === this.lastTime) return this.lastTimeIdx;
    this.lastTime = t;
    this.lastTimeIdx = this.times.length;
    this.times.push(t);
    return this.lastTimeIdx;
  }

  get stepCount(): number {
    return this.nSteps;
  }

  /**
   * Roughly what the trace occupies in memory, strings included (2 bytes a
   * code unit plus ~40 a string for the table and the intern map): what the
   * size cap (RunOptions.maxTraceBytes) is measured in.
   */
  get memoryBytes(): number {
    return this.n * 4 + this.nSteps * 4 + this.times.length * 8 + this.stringChars * 2 + this.strings.length * 40;
  }

  /** Bytes the event stream occupies (int32 slots), for the bench's bytes-per-step figure. */
  get byteLength(): number {
    return this.n * 4 + this.nSteps * 4 + this.times.length * 8;
  }

  // ---- raw appends -------------------------------------------------------
  private ensure(k: number): void {
    if (this.n + k > this.buf.length) {
      const next = new Int32Array(Math.max(this.buf.length * 2, this.n + k));
      next.set(this.buf.subarray(0, this.n));
      this.buf = next;
    }
  }
  e1(op: number, a: number): void {
    this.ensure(2);
    const b = this.buf;
    b[this.n++] = op;
    b[this.n++] = a;
  }
  e2(op: number, a: number, c: number): void {
    this.ensure(3);
    const b = this.buf;
    b[this.n++] = op;
    b[this.n++] = a;
    b[this.n++] = c;
  }
  e3(op: number, a: number, c: number, d: number): void {
    this.ensure(4);
    const b = this.buf;
    b[this.n++] = op;
    b[this.n++] = a;
    b[this.n++] = c;
    b[this.n++] = d;
  }
  e4(op: number, a: number, c: number, d: number, e: number): void {
    this.ensure(5);
    const b = this.buf;
    b[this.n++] = op;
    b[this.n++] = a;
    b[this.n++] = c;
    b[this.n++] = d;
    b[this.n++] = e;
  }
  e5(op: number, a: number, c: number, d: number, e: number, f: number): void {
    this.ensure(6);
    const b = this.buf;
    b[this.n++] = op;
    b[this.n++] = a;
    b[this.n++] = c;
    b[this.n++] = d;
    b[this.n++] = e;
    b[this.n++] = f;
  }

  /** Append any event: op and its operands, already in trace ids (the bridge's generic path). */
  event(op: number, operands: ArrayLike<number>): void {
    const k = operands.length;
    this.ensure(1 + k);
    const b = this.buf;
    b[this.n++] = op;
    for (let j = 0; j < k; j++) b[this.n++] = operands[j];
  }

  // ---- SchedulingSink ----------------------------------------------------
  clock(now: number): void {
    this.e1(Op.CLOCK, this.time(now));
  }
  iteration(n: number): void {
    this.e1(Op.ITER, n);
  }
  soon(h: number, label: number, owner: number): void {
    this.e3(Op.SOON, h, label, owner);
  }
  at(h: number, label: number, owner: number, when: number): void {
    this.e4(Op.AT, h, label, owner, this.time(when));
  }
  due(h: number): void {
    this.e1(Op.DUE, h);
  }
  cancel(h: number): void {
    this.e1(Op.CANCEL, h);
  }
  run(h: number): void {
    if (this.nSteps === this.stepIdx.length) {
      const next = new Int32Array(this.stepIdx.length * 2);
      next.set(this.stepIdx);
      this.stepIdx = next;
    }
    this.stepIdx[this.nSteps++] = this.n;
    this.e1(Op.RUN, h);
  }
  done(h: number): void {
    this.e1(Op.DONE, h);
  }
  skip(h: number): void {
    this.e1(Op.SKIP, h);
  }
  block(kind: number, label: number, duration: number): void {
    this.e3(Op.BLOCK, kind, label, this.time(duration));
  }

  // ---- runtime facts -----------------------------------------------------
  taskNew(t: number, name: number, coro: number, line: number): void {
    this.e4(Op.TASK_NEW, t, name, coro, line);
  }
  taskState(t: number, state: number, waitOn: number, chain: number): void {
    this.e4(Op.TASK_STATE, t, state, waitOn, chain);
  }
  futNew(f: number, label: number, line: number): void {
    this.e3(Op.FUT_NEW, f, label, line);
  }
  futCb(f: number, label: number): void {
    this.e2(Op.FUT_CB, f, label);
  }
  futDone(f: number, state: number, text: number): void {
    this.e3(Op.FUT_DONE, f, state, text);
  }
  out(fd: number, text: string): void {
    this.e2(Op.OUT, fd, this.intern(text));
  }
  loop(loopId: number, what: number): void {
    this.e2(Op.LOOP, loopId, what);
  }
  limit(kind: number, message: string): void {
    this.e2(Op.LIMIT, kind, this.intern(message));
  }
  error(kind: number, line: number, col: number, message: string): void {
    this.e4(Op.ERROR, kind, line, col, this.intern(message));
  }
  exit(code: number): void {
    this.e1(Op.EXIT, code);
  }
  net(kind: number, a: number, b: number, c: number, d: number): void {
    this.e5(Op.NET, kind, a, b, c, d);
  }
  line(t: number, line: number): void {
    this.e2(Op.LINE, t, line);
  }

  finish(meta: TraceMeta): Trace {
    return {
      version: TRACE_VERSION,
      strings: this.strings,
      times: this.times,
      chains: this.chains,
      ops: this.buf.slice(0, this.n),
      steps: this.stepIdx.slice(0, this.nSteps),
      meta,
    };
  }
}
