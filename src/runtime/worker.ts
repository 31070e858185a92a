/// <reference lib="webworker" />
// The Python worker: loads Pyodide from the app's own origin, builds the
// Loopscope runtime (core.ts) and runs programs on request. The trace's
// Int32Arrays are transferred, not copied. Runs arriving while Python loads
// are queued (only the newest is kept) and start as soon as it is ready.

import { loadPyodide } from 'pyodide';
import { LoopscopeRuntime, type PyodideLike } from './core.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const pythonSources = import.meta.glob('./python/**/*.py', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

let runtime: LoopscopeRuntime | null = null;
let pending: Extract<ToWorker, { type: 'run' }> | null = null;
let loading: Promise<void> | null = null;

async function init(): Promise<void> {
  const t0 = performance.now();
  const indexURL = new URL('/pyodide/', self.location.origin).href;
  post({ type: 'progress', phase: 'fetch', fraction: 0.1, label: 'Loading Python (WebAssembly, 9.6 MB)…' });
  const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
  post({ type: 'progress', phase: 'start', fraction: 0.85, label: 'Starting the asyncio runtime…' });
  const sources: Record<string, string> = {};
  for (const [k, v] of Object.entries(pythonSources)) sources[k.replace(/^\.\/python\//, '')] = v;
  runtime = await LoopscopeRuntime.create(pyodide as unknown as PyodideLike, sources);
  post({ type: 'ready', pythonVersion: runtime.pythonVersion, loadMs: performance.now() - t0, fake: false });
}

function run(msg: Extract<ToWorker, { type: 'run' }>): void {
  if (!runtime) return;
  const t0 = performance.now();
  try {
    const res = runtime.run(msg.source, { filename: msg.filename, ...msg.limits });
    post(
      {
        type: 'result',
        seq: msg.seq,
        trace: res.trace,
        exitCode: res.exitCode,
        stdout: res.stdout,
        stderr: res.stderr,
        syntaxError: res.syntaxError,
        wallMs: performance.now() - t0,
      },
      [res.trace.ops.buffer, res.trace.steps.buffer],
    );
  } catch (e) {
    post({ type: 'run-error', seq: msg.seq, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  }
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  if (msg.type === 'init') {
    loading ??= init()
      .then(() => {
        const m = pending;
        pending = null;
        if (m) run(m);
      })
      .catch((e: unknown) => post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }));
    return;
  }
  if (msg.type === 'run') {
    if (!runtime) {
      pending = msg; // only the newest request matters
      return;
    }
    run(msg);
  }
};
