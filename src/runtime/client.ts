// The page's side of the Python worker. Owns the Worker object and the port
// it talks over: starts it, forwards runs with a sequence number, drops stale
// results, terminates it on Stop (the only way to interrupt a CPU-bound
// program without SharedArrayBuffer) and restarts it when it dies, stops
// answering, or asks to be replaced. The store talks to this class; nothing
// else in the UI touches the worker.
//
// Everything that arrives is untrusted (the worker runs a stranger's code):
// only messages on the port count, each is parsed with protocol.ts's schema,
// and one that fails is dropped and logged. The worker's global postMessage,
// which a program could reach, is never listened to.

import {
  FromWorkerSchema,
  parseMessage,
  type FromWorker,
  type LoadPhase,
  type RunLimits,
  type RunOutcome,
  type ToWorker,
} from './protocol.ts';

/** A started worker and the page's end of its channel (early-worker.ts makes them). */
export interface PythonWorker {
  worker: Pick<Worker, 'terminate'> & {
    onmessage: ((ev: MessageEvent) => unknown) | null;
    onerror: ((ev: ErrorEvent) => unknown) | null;
  };
  port: MessagePort;
}

export type { RunOutcome };

export type ClientEvent =
  | { type: 'progress'; phase: LoadPhase; fraction: number; label: string }
  | { type: 'ready'; pythonVersion: string; loadMs: number; snapshot: 'restored' | 'plain' | 'fallback' }
  | { type: 'result'; outcome: RunOutcome }
  | { type: 'run-error'; seq: number; message: string }
  | { type: 'stopped'; seq: number }
  /** The worker died or stopped answering. `restarting`: a fresh one is loading; false: the client gave up (see retry()). */
  | { type: 'crashed'; message: string; restarting: boolean; cause: CrashCause; /** The run in flight was sent again to the fresh worker. */ rerun: boolean }
  /** The worker was replaced after a result, for `reason` (e.g. the memory it kept). */
  | { type: 'retired'; reason: string };

/** What ended a worker: an error in it, or silence when it should have answered. */
export type CrashCause = 'error' | 'unresponsive';

export type WorkerFactory = () => PythonWorker;

/** Restarts after crashes (without a successful load in between) before the client gives up. */
export const MAX_RESTARTS = 3;
/** A ready, idle worker acknowledges a run at once; this long without it means it is stuck. */
export const STUCK_MS = 5000;

export class RuntimeClient {
  private current: PythonWorker | null = null;
  private seq = 0;
  /** seq of the run in flight, or 0. */
  private inFlight = 0;
  /** The run in flight, to send again if the worker turns out to be stuck before taking it up. */
  private inFlightMsg: Extract<ToWorker, { type: 'run' }> | null = null;
  private ready = false;
  /** Crashes since the last successful load: stop restarting after MAX_RESTARTS. */
  private crashes = 0;
  private watchdog: ReturnType<typeof setTimeout> | null = null;
  private expect: { what: 'started' | 'idle'; seq: number } | null = null;

  constructor(
    private readonly listener: (ev: ClientEvent) => void,
    private readonly factory: WorkerFactory,
    private readonly stuckMs = STUCK_MS,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get isReady(): boolean {
    return this.ready;
  }

  get running(): boolean {
    return this.inFlight !== 0;
  }

  /** Start the worker and begin loading Python (idempotent). */
  start(): void {
    if (this.current) return;
    const pw = this.factory();
    this.current = pw;
    this.ready = false;
    const { worker, port } = pw;
    worker.onmessage = () => console.warn('[loopscope] dropped a message on the worker’s global (the runtime talks over its port only)');
    worker.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      this.crash(pw, ev.message || 'its script failed to load or threw an error', 'error');
    };
    port.onmessage = (ev: MessageEvent<unknown>) => {
      const msg = parseMessage(FromWorkerSchema, ev.data, 'from the Python worker');
      if (msg) this.onMessage(pw, msg);
    };
    port.onmessageerror = () => console.warn('[loopscope] dropped a message from the Python worker that could not be read');
  }

  /** Run a program; returns its sequence number. Queued in the worker until Python is ready. */
  run(source: string, limits: RunLimits = {}, filename = 'main.py'): number {
    this.start();
    const seq = ++this.seq;
    const idle = this.ready && this.inFlight === 0;
    const msg: Extract<ToWorker, { type: 'run' }> = { type: 'run', seq, source, filename, limits };
    this.inFlight = seq;
    this.inFlightMsg = msg;
    this.send(msg);
    // A ready worker with nothing to do takes a run up at once; if it does not,
    // something a previous program left behind keeps it busy.
    if (idle) this.arm('started', seq);
    return seq;
  }

  /** Stop the run in flight: the worker is terminated and a fresh one starts loading. */
  stop(): void {
    const seq = this.inFlight;
    this.clearRun();
    this.restart();
    if (seq) this.listener({ type: 'stopped', seq });
  }

  /** Terminate and start again (after a crash, on Stop, or when the client gave up and the reader asks again). */
  restart(): void {
    this.terminate();
    this.start();
  }

  /** After the client gave up: count crashes from zero again and start a fresh worker. */
  retry(): void {
    this.crashes = 0;
    this.restart();
  }

  dispose(): void {
    this.terminate();
  }

  private terminate(): void {
    this.disarm();
    if (!this.current) return;
    const { worker, port } = this.current;
    port.onmessage = null;
    port.close();
    worker.onerror = null;
    worker.onmessage = null;
    worker.terminate();
    this.current = null;
    this.ready = false;
  }

  private send(msg: ToWorker): void {
    this.current?.port.postMessage(msg);
  }

  private clearRun(): void {
    this.inFlight = 0;
    this.inFlightMsg = null;
    this.disarm();
  }

  /**
   * Expect the worker to say `what` about run `seq` within stuckMs: 'started'
   * (it took the run up) or 'idle' (after the run, its event loop is free).
   * Silence means it is stuck in something a program left behind: it is
   * replaced, and a run it never took up is sent to the fresh one. If the
   * page itself was too busy to notice in time (the timer fired late), the
   * answer may be waiting behind it: wait once more before judging.
   */
  private arm(what: 'started' | 'idle', seq: number): void {
    this.disarm();
    const pw = this.current;
    if (!pw) return;
    this.expect = { what, seq };
    const armedAt = this.now();
    this.watchdog = setTimeout(() => {
      this.watchdog = null;
      if (pw !== this.current) return;
      if (this.now() - armedAt > this.stuckMs * 1.5) return this.arm(what, seq);
      this.expect = null;
      const rerun = what === 'started' && this.inFlight === seq ? this.inFlightMsg : null;
      this.crash(pw, what === 'started' ? 'Python stopped answering' : 'Python stopped answering after the run', 'unresponsive', rerun);
    }, this.stuckMs);
  }

  private met(what: 'started' | 'idle', seq: number): void {
    if (this.expect?.what === what && this.expect.seq === seq) this.disarm();
  }

  private disarm(): void {
    if (this.watchdog !== null) clearTimeout(this.watchdog);
    this.watchdog = null;
    this.expect = null;
  }

  private crash(pw: PythonWorker, message: string, cause: CrashCause, rerun: Extract<ToWorker, { type: 'run' }> | null = null): void {
    if (pw !== this.current) return;
    this.clearRun();
    this.terminate();
    this.crashes++;
    const restarting = this.crashes <= MAX_RESTARTS;
    if (restarting) {
      this.start();
      if (rerun) {
        this.inFlight = rerun.seq;
        this.inFlightMsg = rerun;
        this.send(rerun);
      }
    }
    this.listener({ type: 'crashed', message, restarting, cause, rerun: restarting && rerun !== null });
  }

  private onMessage(pw: PythonWorker, msg: FromWorker): void {
    if (pw !== this.current) return; // a terminated worker's last words
    switch (msg.type) {
      case 'progress':
        this.listener(msg);
        return;
      case 'ready':
        performance.mark('loopscope:ready'); // for npm run bench:ui
        this.ready = true;
        this.crashes = 0;
        this.listener(msg);
        return;
      case 'started':
      case 'idle':
        this.met(msg.type, msg.seq);
        return;
      case 'result': {
        if (msg.seq !== this.inFlight) return; // stale
        performance.mark('loopscope:result'); // for npm run bench:ui
        this.clearRun();
        this.arm('idle', msg.seq);
        const { type: _t, ...outcome } = msg;
        void _t;
        this.listener({ type: 'result', outcome });
        if (outcome.retire) {
          this.restart();
          this.listener({ type: 'retired', reason: outcome.retire });
        }
        return;
      }
      case 'run-error':
        if (msg.seq !== this.inFlight) return;
        this.clearRun();
        this.arm('idle', msg.seq);
        this.listener(msg);
        return;
      case 'fatal':
        this.crash(pw, msg.message, 'error');
        return;
    }
  }
}
