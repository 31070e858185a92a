// The page's side of the Python worker. Owns the Worker object: starts it,
// forwards runs with a sequence number, drops stale results, terminates it on
// Stop (the only way to interrupt a CPU-bound program without
// SharedArrayBuffer) and restarts it when it dies. The store talks to this
// class; nothing else in the UI touches the worker.

import type { FromWorker, LoadPhase, RunLimits, RunOutcome, ToWorker } from './protocol.ts';
import { createPythonWorker, snapshotWanted, takeEarlyWorker } from './early-worker.ts';

export type { RunOutcome };

export type ClientEvent =
  | { type: 'progress'; phase: LoadPhase; fraction: number; label: string }
  | { type: 'ready'; pythonVersion: string; loadMs: number; fake: boolean; snapshot?: 'restored' | 'plain' | 'fallback' }
  | { type: 'result'; outcome: RunOutcome }
  | { type: 'run-error'; seq: number; message: string }
  | { type: 'stopped'; seq: number }
  | { type: 'crashed'; message: string };

export type WorkerFactory = () => Worker;

/** The worker src/boot.ts started early (first time), then fresh ones. */
const defaultFactory: WorkerFactory = () => takeEarlyWorker() ?? createPythonWorker();

export class RuntimeClient {
  private worker: Worker | null = null;
  private seq = 0;
  /** seq of the run in flight, or 0. */
  private inFlight = 0;
  private ready = false;
  /** Crashes since the last successful load: stop restarting after a few. */
  private crashes = 0;

  constructor(
    private readonly listener: (ev: ClientEvent) => void,
    private readonly factory: WorkerFactory = defaultFactory,
  ) {}

  get isReady(): boolean {
    return this.ready;
  }

  get running(): boolean {
    return this.inFlight !== 0;
  }

  /** Start the worker and begin loading Python (idempotent). */
  start(): void {
    if (this.worker) return;
    const w = this.factory();
    this.worker = w;
    this.ready = false;
    w.onmessage = (ev: MessageEvent<FromWorker>) => this.onMessage(w, ev.data);
    w.onerror = (ev: ErrorEvent) => {
      ev.preventDefault();
      this.crash(w, ev.message || 'the Python worker failed');
    };
    w.onmessageerror = () => this.crash(w, 'a message from the Python worker could not be read');
    this.send({ type: 'init', snapshot: snapshotWanted() });
  }

  /** Run a program; returns its sequence number. Queued in the worker until Python is ready. */
  run(source: string, limits: RunLimits = {}, filename = 'main.py'): number {
    this.start();
    const seq = ++this.seq;
    this.inFlight = seq;
    this.send({ type: 'run', seq, source, filename, limits });
    return seq;
  }

  /** Stop the run in flight: the worker is terminated and a fresh one starts loading. */
  stop(): void {
    const seq = this.inFlight;
    this.inFlight = 0;
    this.restart();
    if (seq) this.listener({ type: 'stopped', seq });
  }

  /** Terminate and start again (after a crash, or on Stop). */
  restart(): void {
    this.worker?.terminate();
    this.worker = null;
    this.start();
  }

  dispose(): void {
    this.worker?.terminate();
    this.worker = null;
  }

  private send(msg: ToWorker): void {
    this.worker?.postMessage(msg);
  }

  private crash(w: Worker, message: string): void {
    if (w !== this.worker) return;
    this.inFlight = 0;
    this.worker.terminate();
    this.worker = null;
    this.crashes++;
    this.listener({ type: 'crashed', message });
    if (this.crashes <= 3) this.start();
  }

  private onMessage(w: Worker, msg: FromWorker): void {
    if (w !== this.worker) return; // a terminated worker's last words
    switch (msg.type) {
      case 'progress':
        this.listener(msg);
        return;
      case 'ready':
        this.ready = true;
        this.crashes = 0;
        this.listener(msg);
        return;
      case 'output':
        return;
      case 'result': {
        if (msg.seq !== this.inFlight) return; // stale
        this.inFlight = 0;
        const { type: _t, ...outcome } = msg;
        void _t;
        this.listener({ type: 'result', outcome });
        return;
      }
      case 'run-error':
        if (msg.seq !== this.inFlight) return;
        this.inFlight = 0;
        this.listener(msg);
        return;
      case 'fatal':
        this.crash(w, msg.message);
        return;
    }
  }
}
