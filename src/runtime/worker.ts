/// <reference lib="webworker" />
// The Python worker: loads Pyodide from the app's own origin, builds the
// Loopscope runtime (core.ts) and runs programs on request. The trace's
// Int32Arrays are transferred, not copied. Runs arriving while Python loads
// are queued (only the newest is kept) and start as soon as it is ready.

import { loadPyodide, version as pyodideVersion } from 'pyodide';
import snapshotManifest from 'virtual:loopscope-snapshot';
import { LoopscopeRuntime, type PyodideLike, type PythonSources } from './core.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { AFTER_RESTORE_PY, fetchSnapshot, oneShot, snapshotMismatch } from './snapshot.ts';

declare const self: DedicatedWorkerGlobalScope;

const pythonSources = import.meta.glob('./python/**/*.py', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** Start-up timeline (absolute ms, for the page's bench to line up with its own clock). */
const marks: Record<string, number> = {};
const mark = (name: string) => (marks[name] = Math.round(performance.timeOrigin + performance.now()));
mark('worker-start');

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

let runtime: LoopscopeRuntime | null = null;
let pending: Extract<ToWorker, { type: 'run' }> | null = null;
let loading: Promise<void> | null = null;

/**
 * Python from the build's memory snapshot (asyncio and the loopscope package
 * already imported): null, with a console warning, if there is none for these
 * sources or anything about it fails, so that the caller loads Python plainly.
 */
async function fromSnapshot(indexURL: string, sources: PythonSources): Promise<LoopscopeRuntime | null> {
  const why = snapshotMismatch(snapshotManifest, pyodideVersion, sources);
  if (why || !snapshotManifest) {
    if (snapshotManifest) console.warn(`[loopscope] memory snapshot not used: ${why}; loading Python without it`);
    return null;
  }
  try {
    const bytes = fetchSnapshot(indexURL + snapshotManifest.file, snapshotManifest, mark);
    const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {}, _loadSnapshot: oneShot(bytes) });
    // What the snapshot baked in that differs from a fresh browser instance:
    // sys.path (AFTER_RESTORE_PY, as in Node), and LANG came from Node.
    const lang = `${(self.navigator?.language || 'C').replace('-', '_')}.UTF-8`;
    pyodide.runPython(AFTER_RESTORE_PY + `
import os
os.environ['LANG'] = ${JSON.stringify(lang)}
del os
`);
    mark('restored');
    return await LoopscopeRuntime.create(pyodide as unknown as PyodideLike, sources);
  } catch (e) {
    console.warn('[loopscope] memory snapshot failed; loading Python without it:', e);
    return null;
  }
}

async function init(useSnapshot: boolean): Promise<void> {
  const t0 = performance.now();
  const indexURL = new URL('/pyodide/', self.location.origin).href;
  const sources: Record<string, string> = {};
  for (const [k, v] of Object.entries(pythonSources)) sources[k.replace(/^\.\/python\//, '')] = v;
  post({ type: 'progress', phase: 'fetch', fraction: 0.1, label: 'Loading Python (WebAssembly, 9.6 MB)…' });
  let snapshot: 'restored' | 'plain' | 'fallback' = 'plain';
  if (useSnapshot) {
    runtime = await fromSnapshot(indexURL, sources);
    snapshot = runtime ? 'restored' : snapshotManifest ? 'fallback' : 'plain';
  }
  if (!runtime) {
    const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
    post({ type: 'progress', phase: 'start', fraction: 0.85, label: 'Starting the asyncio runtime…' });
    runtime = await LoopscopeRuntime.create(pyodide as unknown as PyodideLike, sources);
  }
  const loadMs = performance.now() - t0;
  mark('ready');
  // Absolute times (performance.timeOrigin + now), so that a page can line them up with its own clock.
  console.debug('[loopscope] start-up marks', JSON.stringify(marks));
  console.info(`[loopscope] Python ${runtime.pythonVersion} ready in ${Math.round(loadMs)} ms (${snapshot === 'restored' ? 'from the memory snapshot' : snapshot === 'fallback' ? 'plain load after the snapshot failed' : 'plain load'})`);
  post({ type: 'ready', pythonVersion: runtime.pythonVersion, loadMs, fake: false, snapshot });
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
    loading ??= init(msg.snapshot !== false)
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
