/// <reference lib="webworker" />
// The Python worker: loads Pyodide from the app's own origin, builds the
// Loopscope runtime (core.ts) and runs programs on request.
//
// It is started from a blob: URL that imports this script (early-worker.ts),
// so it runs under the page's Content-Security-Policy. Its first message, on
// its global, is the page's CONNECT: the port it talks over from then on. The
// global's message handler is then removed, and before the first program runs
// the features a program must not reach are taken away (lockdown.ts), so
// nothing a program does reaches the page except through the results this
// script sends, which the page checks against protocol.ts's schemas.
//
// Runs arriving while Python loads are queued (only the newest is kept) and
// start as soon as it is ready. The trace's Int32Arrays are transferred, not copied.

import { loadPyodide, version as pyodideVersion } from 'pyodide';
import snapshotManifest from 'virtual:loopscope-snapshot';
import { LoopscopeRuntime, type PyodideLike, type PythonSources } from './core.ts';
import { ConnectSchema, ToWorkerSchema, parseMessage, type FromWorker, type ToWorker } from './protocol.ts';
import { pythonPackage } from './python-package.ts';
import { AFTER_RESTORE_PY, fetchSnapshot, oneShot, snapshotMismatch } from './snapshot.ts';
import { lockdown, type Withheld } from './lockdown.ts';
import { installMemoryCap } from './memory-cap.ts';

declare const self: DedicatedWorkerGlobalScope;

/** A worker whose Python memory is bigger than this after a run is replaced (memory never shrinks). */
const RETIRE_BYTES = 256 * 2 ** 20;

// Before Pyodide creates its memory, so that every grow goes through the cap.
const memory = installMemoryCap();

const pythonSources = import.meta.glob('./python/**/*.py', { query: '?raw', import: 'default', eager: true }) as Record<
  string,
  string
>;

/** Start-up timeline (absolute ms, for the page's bench to line up with its own clock). */
const marks: Record<string, number> = {};
const abs = (t: number) => Math.round(performance.timeOrigin + t);
const mark = (name: string) => (marks[name] = abs(performance.now()));
mark('worker-start');

/** When each of Pyodide's files and the snapshot arrived (resource timing, absolute ms), for the start-up marks. */
function downloads(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    const name = e.name.split('/').pop()!.replace(/^snapshot-.*/, 'snapshot');
    out[`${name}-start`] = abs(e.startTime);
    out[`${name}-end`] = abs(e.responseEnd);
  }
  return out;
}
/** The first run's start and end are logged too: a share link's first frame waits for it. */
let firstRun = true;

/** A macrotask later; kept before lockdown takes setTimeout away from programs. */
const later = self.setTimeout.bind(self);

/** Posts on the port; bound when the port arrives, before any program can replace MessagePort's methods. */
let post: (msg: FromWorker, transfer?: Transferable[]) => void = () => {};

let runtime: LoopscopeRuntime | null = null;
let pending: Extract<ToWorker, { type: 'run' }> | null = null;
/** What the program running now reached for that is withheld, in first-use order (null between runs). */
let withheld: string[] | null = null;

function onWithheld(w: Withheld): void {
  if (withheld) {
    if (!withheld.includes(w.name)) withheld.push(w.name);
  } else console.warn(`[loopscope] something reached for ${w.name} outside a run`);
}

/**
 * Python from the build's memory snapshot (asyncio and the loopscope package
 * already imported): null, with a console warning, if there is none for these
 * sources or anything about it fails, so that the caller loads Python plainly.
 */
async function fromSnapshot(indexURL: string, sources: PythonSources): Promise<LoopscopeRuntime | null> {
  const why = snapshotMismatch(snapshotManifest, pyodideVersion, sources);
  mark('keyed');
  if (why || !snapshotManifest) {
    if (snapshotManifest) console.warn(`[loopscope] memory snapshot not used: ${why}; loading Python without it`);
    return null;
  }
  try {
    const bytes = fetchSnapshot(indexURL + snapshotManifest.file, snapshotManifest, mark);
    mark('pyodide-start');
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

async function init(base: string, useSnapshot: boolean): Promise<void> {
  const t0 = performance.now();
  const indexURL = new URL('pyodide/', base).href;
  const files: Record<string, string> = {};
  for (const [k, v] of Object.entries(pythonSources)) files[k.replace(/^\.\/python\//, '')] = v;
  const sources = pythonPackage(files);
  post({ type: 'progress', phase: 'fetch', fraction: 0.1, label: 'Loading Python (WebAssembly, 9.6 MB)…' });
  let snapshot: 'restored' | 'plain' | 'fallback' = 'plain';
  let rt: LoopscopeRuntime | null = null;
  if (useSnapshot) {
    rt = await fromSnapshot(indexURL, sources);
    snapshot = rt ? 'restored' : snapshotManifest ? 'fallback' : 'plain';
  }
  if (!rt) {
    const pyodide = await loadPyodide({ indexURL, stdout: () => {}, stderr: () => {} });
    post({ type: 'progress', phase: 'start', fraction: 0.85, label: 'Starting the asyncio runtime…' });
    rt = await LoopscopeRuntime.create(pyodide as unknown as PyodideLike, sources);
  }
  // Python is loaded (loading needed fetch): take away what programs must not reach.
  const tLock = performance.now();
  lockdown(self, onWithheld);
  const lockMs = performance.now() - tLock;
  runtime = rt;
  const loadMs = performance.now() - t0;
  mark('ready');
  // Absolute times (performance.timeOrigin + now), so that a page can line them up with its own clock.
  Object.assign(marks, downloads());
  console.debug('[loopscope] start-up marks', JSON.stringify(marks), `lockdown ${lockMs.toFixed(2)} ms`);
  console.info(`[loopscope] Python ${rt.pythonVersion} ready in ${Math.round(loadMs)} ms (${snapshot === 'restored' ? 'from the memory snapshot' : snapshot === 'fallback' ? 'plain load after the snapshot failed' : 'plain load'})`);
  post({ type: 'ready', pythonVersion: rt.pythonVersion, loadMs, snapshot });
}

function run(msg: Extract<ToWorker, { type: 'run' }>): void {
  if (!runtime) return;
  post({ type: 'started', seq: msg.seq });
  const t0 = performance.now();
  const first = firstRun;
  firstRun = false;
  withheld = [];
  try {
    const { maxMemoryBytes, ...limits } = msg.limits;
    const res = runtime.run(msg.source, { filename: msg.filename, ...limits, memory, maxMemoryBytes });
    const heap = memory.peak;
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
        blocked: withheld,
        retire: memory.hit
          ? `The program reached the memory cap (${Math.round((maxMemoryBytes ?? 0) / 2 ** 20)} MiB)`
          : heap > RETIRE_BYTES
            ? `Python's memory grew to ${Math.round(heap / 2 ** 20)} MiB`
            : undefined,
      },
      [res.trace.ops.buffer, res.trace.steps.buffer],
    );
    if (first) console.debug('[loopscope] first run marks', JSON.stringify({ 'run-start': abs(t0), 'run-end': mark('first-run-posted') }));
  } catch (e) {
    post({ type: 'run-error', seq: msg.seq, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
  } finally {
    withheld = null;
    // Once the microtasks the program may have queued have run: if one of them
    // never ends, this never arrives and the page replaces the worker.
    later(() => post({ type: 'idle', seq: msg.seq }), 0);
  }
}

function onPortMessage(data: unknown): void {
  const msg = parseMessage(ToWorkerSchema, data, 'sent to the worker');
  if (!msg) return;
  if (!runtime) {
    pending = msg; // only the newest request matters
    return;
  }
  run(msg);
}

// The one message on the global: CONNECT, with the port. Anything after it is ignored.
self.onmessage = (ev: MessageEvent<unknown>) => {
  mark('connect');
  self.onmessage = null;
  const c = parseMessage(ConnectSchema, ev.data, 'sent to the worker on its global');
  if (!c) return;
  const port = c.port;
  const send = port.postMessage.bind(port);
  post = (msg, transfer = []) => send(msg, transfer);
  port.onmessage = (e: MessageEvent<unknown>) => onPortMessage(e.data);
  init(c.base, c.snapshot)
    .then(() => {
      const m = pending;
      pending = null;
      if (m) run(m);
    })
    .catch((e: unknown) => post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) }));
};
