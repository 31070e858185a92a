// Starting the Python worker, and starting it as early as the page can.
//
// The worker is created from a blob: URL whose one line imports the real
// worker script by its absolute URL: a worker from a blob: URL runs under the
// page's Content-Security-Policy (index.html), one loaded from its own URL
// would not (docs/security.md). Its first and only message on the worker's
// global hands it one end of a MessageChannel; the page keeps the other end
// and talks over nothing else.
//
// src/boot.ts calls startEarlyWorker() before the rest of the app's modules
// evaluate (React, the UI, d3 take ~0.2-0.3 s), so that the worker fetches
// Pyodide and the memory snapshot while the page is still setting itself up.
// The RuntimeClient then takes that worker over as its first one
// (takeEarlyWorker); later workers (restarts) are created as usual. Messages
// on the port wait in the port until the client listens; errors of the worker
// itself are kept and delivered again.

import workerScript from './worker.ts?worker&url';
import type { Connect } from './protocol.ts';
import type { WorkerFactory } from './client.ts';

export interface PythonWorker {
  worker: Worker;
  /** The page's end of the channel: every message to and from the runtime. */
  port: MessagePort;
}

/** The RuntimeClient's factory in the page: the worker src/boot.ts started early (first time), then fresh ones. */
export const pythonWorkerFactory: WorkerFactory = () => takeEarlyWorker() ?? createPythonWorker();

/** The app's own base URL, absolute (the worker, under a blob: URL, cannot resolve relative ones). */
export function appBase(): string {
  return new URL(import.meta.env.BASE_URL, location.href).href;
}

/** A fresh worker. `base`: the app's address (another page embedding a player passes where the player's files live). */
export function createPythonWorker(base: string = appBase()): PythonWorker {
  const script = new URL(workerScript, base).href;
  const url = URL.createObjectURL(new Blob([`import ${JSON.stringify(script)};\n`], { type: 'text/javascript' }));
  const worker = new Worker(url, { type: 'module', name: 'loopscope-python' });
  // The URL was resolved when the worker was created: it is no longer needed.
  URL.revokeObjectURL(url);
  const channel = new MessageChannel();
  const connect: Connect = { type: 'connect', port: channel.port2, base, snapshot: snapshotWanted() };
  worker.postMessage(connect, [channel.port2]);
  return { worker, port: channel.port1 };
}

/** `?snapshot=0` in the page's address loads Python without the build's memory snapshot (for comparisons). */
export function snapshotWanted(): boolean {
  const search = (globalThis as { location?: { search?: string } }).location?.search ?? '';
  return new URLSearchParams(search).get('snapshot') !== '0';
}

let early: { started: PythonWorker; errors: ErrorEvent[]; keep: (ev: ErrorEvent) => void } | null = null;

/** Start the worker and its loading now; its errors are kept until the client takes it. */
export function startEarlyWorker(): void {
  if (early || typeof Worker === 'undefined') return;
  const started = createPythonWorker();
  const errors: ErrorEvent[] = [];
  const keep = (ev: ErrorEvent) => {
    errors.push(ev);
    ev.preventDefault();
  };
  started.worker.addEventListener('error', keep);
  early = { started, errors, keep };
}

/**
 * The early worker, once (null if there is none or it was taken). Errors it
 * raised before this call are delivered again, after the caller's handlers are set.
 */
export function takeEarlyWorker(): PythonWorker | null {
  if (!early) return null;
  const { started, errors, keep } = early;
  early = null;
  started.worker.removeEventListener('error', keep);
  if (errors.length)
    queueMicrotask(() => {
      for (const ev of errors) started.worker.dispatchEvent(new ErrorEvent('error', { message: ev.message, cancelable: true }));
    });
  return started;
}
