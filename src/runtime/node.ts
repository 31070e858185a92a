// Loading the runtime in Node (CLI, tests, bench): Pyodide straight from the
// npm package, the Python package from src/runtime/python on disk (plus the
// generated wire module: pythonPackage in python-package.ts), and, when it
// can, the same Pyodide memory snapshot the page restores
// (scripts/make-snapshot.mjs, cached in node_modules/.cache/loopscope-snapshot):
// CPython with asyncio and the loopscope package already imported.
//
// Node keeps an uncompressed copy of the snapshot beside the gzipped one
// (snapshot-<id>.bin, 30 MiB), written once after its checksum was checked, so
// that a start reads it in one go instead of inflating 6 MiB each time. A
// snapshot that is missing is made on first use (a child process, as the build
// does: the making instance must not share a process with user code); one that
// cannot be made or restored gives way to a plain load with a one-line warning.
// LOOPSCOPE_SNAPSHOT=0 forces the plain load.

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { loadPyodide, version as pyodideVersion } from 'pyodide';
import { LoopscopeRuntime, type PyodideLike, type PythonSources } from './core.ts';
import { pythonPackage } from './python-package.ts';
import { readPythonSources } from './python-sources.mjs';
import { AFTER_RESTORE_PY, snapshotChecksum, snapshotMismatch, type SnapshotManifest } from './snapshot.ts';
// @ts-expect-error a plain .mjs script without types
import { CACHE_DIR, childRun, expectedManifest } from '../../scripts/make-snapshot.mjs';

// Shared with scripts/make-snapshot.mjs (plain Node), so both read the same files.
export { readPythonSources };

/** How Python was started: from the memory snapshot, plainly, or plainly after the snapshot failed. */
export type PythonStart = 'restored' | 'plain' | 'fallback';

export interface NodeRuntimeOptions {
  /** Restore the memory snapshot when there is one (default: unless LOOPSCOPE_SNAPSHOT=0). */
  snapshot?: boolean;
  /** Make the snapshot when it is missing (default true). */
  make?: boolean;
  /** Where a fallback's one-line warning goes (default: stderr). */
  warn?: (message: string) => void;
  /** Called at each start-up milestone with its name (for the CLI's profile). */
  mark?: (name: string) => void;
}

export interface NodeRuntime {
  runtime: LoopscopeRuntime;
  python: PythonStart;
  /** The interpreter itself (for tests and benchmarks that look inside). */
  pyodide: PyodideLike;
}

const defaultWarn = (m: string) => void process.stderr.write(`loopscope: ${m}\n`);
// Pyodide's own stdout/stderr (not the user's: runs replace sys.stdout) go to stderr.
const pyodideOut = (s: string) => void process.stderr.write(s + '\n');

/**
 * The raw snapshot for this tree, made and unpacked as needed, or the reason
 * there is none. Synchronous file work only (a start-up is a few reads).
 */
function snapshotBytes(sources: PythonSources, make: boolean, mark: (n: string) => void): { bytes: Uint8Array; manifest: SnapshotManifest } | string {
  const want = expectedManifest(sources) as SnapshotManifest;
  mark('snapshot-key');
  const metaPath = join(CACHE_DIR, `snapshot-${want.id}.json`);
  const gzPath = join(CACHE_DIR, want.file);
  const rawPath = gzPath.replace(/\.gz$/, '');
  if (!existsSync(metaPath) || !existsSync(gzPath)) {
    if (!make) return 'there is no snapshot for these sources';
    if (process.stderr.isTTY) process.stderr.write('loopscope: making the Python memory snapshot for this tree (once, a few seconds)…\n');
    const run = childRun(sources) as { args: string[]; input: string };
    const child = spawnSync(process.execPath, run.args, { input: run.input, stdio: ['pipe', 'ignore', 'pipe'], encoding: 'utf8' });
    if (child.status !== 0 || !existsSync(metaPath)) {
      const why = (child.stderr || String(child.error ?? '')).trim().split('\n').pop();
      return `making it failed (${why || `exit ${child.status}`})`;
    }
    mark('snapshot-made');
  }
  const manifest = JSON.parse(readFileSync(metaPath, 'utf8')) as SnapshotManifest;
  const why = snapshotMismatch(manifest, pyodideVersion, sources);
  if (why) return why;
  // The raw copy was written by this code after its checksum matched (write, then rename):
  // its size is checked here, the 30 MiB checksum only once, when it is unpacked.
  if (existsSync(rawPath) && statSync(rawPath).size === manifest.bytes) {
    const bytes = readFileSync(rawPath);
    mark('snapshot-read');
    return { bytes, manifest };
  }
  const bytes = gunzipSync(readFileSync(gzPath));
  if (bytes.length !== manifest.bytes) return `the snapshot has ${bytes.length} bytes, expected ${manifest.bytes}`;
  const sum = snapshotChecksum(bytes);
  if (sum !== manifest.checksum) return `the snapshot's checksum is ${sum}, expected ${manifest.checksum} (damaged file)`;
  try {
    const tmp = `${rawPath}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, rawPath);
  } catch {
    // A read-only cache: inflate on every start instead.
  }
  mark('snapshot-read');
  return { bytes, manifest };
}

async function restore(bytes: Uint8Array, mark: (n: string) => void): Promise<PyodideLike> {
  const py = await loadPyodide({ _loadSnapshot: bytes, stdout: pyodideOut, stderr: pyodideOut } as Parameters<typeof loadPyodide>[0]);
  py.runPython(AFTER_RESTORE_PY);
  mark('restored');
  return py as unknown as PyodideLike;
}

/** A new runtime (a new Pyodide). Most callers want the shared one: nodeRuntime(). */
export async function createNodeRuntime(opts: NodeRuntimeOptions = {}): Promise<NodeRuntime> {
  const mark = opts.mark ?? (() => {});
  const warn = opts.warn ?? defaultWarn;
  const useSnapshot = opts.snapshot ?? process.env.LOOPSCOPE_SNAPSHOT !== '0';
  const sources = pythonPackage(readPythonSources());
  let python: PythonStart = 'plain';
  if (useSnapshot) {
    let why: string;
    try {
      const got = snapshotBytes(sources, opts.make ?? true, mark);
      if (typeof got !== 'string') {
        const py = await restore(got.bytes, mark);
        return { runtime: await LoopscopeRuntime.create(py, sources), python: 'restored', pyodide: py };
      }
      why = got;
    } catch (e) {
      why = e instanceof Error ? e.message : String(e);
    }
    warn(`memory snapshot not used (${why}); loading Python without it`);
    python = 'fallback';
  }
  // What a snapshot's instance has (Emscripten's default program name), not this script's path.
  const py = (await loadPyodide({ _sysExecutable: './this.program', stdout: pyodideOut, stderr: pyodideOut } as Parameters<typeof loadPyodide>[0])) as unknown as PyodideLike;
  mark('loaded');
  return { runtime: await LoopscopeRuntime.create(py, sources), python, pyodide: py };
}

let shared: Promise<LoopscopeRuntime> | null = null;

/** One runtime per process: the first call starts Python, the others share it. */
export function nodeRuntime(opts: NodeRuntimeOptions = {}): Promise<LoopscopeRuntime> {
  shared ??= createNodeRuntime(opts).then((r) => r.runtime);
  return shared;
}
