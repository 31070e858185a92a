#!/usr/bin/env node
// Build-time Pyodide memory snapshot (Pyodide's private `_makeSnapshot` /
// `_loadSnapshot` API): a throwaway Pyodide in Node imports what the runtime
// needs before any user code (asyncio and friends, and the `loopscope` package
// from src/runtime/python), and the wasm memory is saved, gzipped. The app's
// worker restores it instead of booting CPython and importing asyncio (about
// 2 s less before "Python ready"); it falls back to a plain load when the
// snapshot is missing, stale or fails.
//
// The snapshot only restores with the identical Pyodide build and the
// identical python_stdlib.zip, and it bakes in the imported `loopscope`
// package, so it carries a manifest: Pyodide version, build id, stdlib
// sha256, and a key of the runtime's Python sources (sourcesKey from
// src/runtime/snapshot-key.mjs; the worker computes the same key with the same
// function over the sources it was bundled with and refuses a snapshot made
// from other sources). The same manifest fields are
// the cache key under node_modules/.cache, so an unchanged tree rebuilds in
// milliseconds.
//
// Traps (see shared STACK-NOTES): no user code and no registerJsModule on the
// making instance; sys.executable / os.environ are baked in, so they are set to
// what a browser instance has.
//
// CLI: node scripts/make-snapshot.mjs [outDir]   (default node_modules/.cache/loopscope-snapshot)

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
// Shared with the app: the worker checks a snapshot with the same sourcesKey and
// snapshotChecksum (src/runtime/snapshot.ts), the Node runtime reads the same sources.
import { snapshotChecksum, sourcesKey } from '../src/runtime/snapshot-key.mjs';
import { PY_DIR, readPythonSources } from '../src/runtime/python-sources.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PYODIDE_DIR = join(ROOT, 'node_modules/pyodide');
export { PY_DIR };
export const CACHE_DIR = join(ROOT, 'node_modules/.cache/loopscope-snapshot');
/** This script (the Node runtime runs it in a child process to make a missing snapshot). */
export const SNAPSHOT_SCRIPT = fileURLToPath(import.meta.url);
/** Where the package is written in Pyodide's file system (as in src/runtime/core.ts). */
const SITE = '/home/pyodide/loopscope_rt';
/** The shared modules this script imports (their text is part of the snapshot's id). */
const SHARED = ['src/runtime/snapshot-key.mjs', 'src/runtime/python-sources.mjs'].map((p) => join(ROOT, p));
/** Bump when what the snapshot contains changes in a way the other keys do not see. */
const FORMAT = 1;

function pyodideBuild() {
  const pkg = JSON.parse(readFileSync(join(PYODIDE_DIR, 'package.json'), 'utf8'));
  const m = /BUILD_ID:"([0-9a-f]+)"/.exec(readFileSync(join(PYODIDE_DIR, 'pyodide.mjs'), 'utf8'));
  return { pyodideVersion: pkg.version, buildId: m ? m[1] : 'unknown', stdlibSha256: stdlibSha256() };
}

/**
 * sha256 of python_stdlib.zip (2.5 MB), remembered in the cache under the file's
 * inode, size and mtime (npm gives every installed file the same mtime, but a
 * new inode): the CLI computes the manifest on every start.
 */
function stdlibSha256() {
  const zip = join(PYODIDE_DIR, 'python_stdlib.zip');
  const { ino, size, mtimeMs } = statSync(zip);
  const memo = join(CACHE_DIR, 'stdlib-sha256.json');
  try {
    const m = JSON.parse(readFileSync(memo, 'utf8'));
    if (m.ino === ino && m.size === size && m.mtimeMs === mtimeMs && /^[0-9a-f]{64}$/.test(m.sha256)) return m.sha256;
  } catch {
    // none yet
  }
  const sha256 = createHash('sha256').update(readFileSync(zip)).digest('hex');
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    writeFileSync(`${memo}.${process.pid}.tmp`, JSON.stringify({ ino, size, mtimeMs, sha256 }));
    renameSync(`${memo}.${process.pid}.tmp`, memo);
  } catch {
    // a read-only cache: compute it each time
  }
  return sha256;
}

/** The manifest a snapshot made now from this tree would have (cheap: no Pyodide). */
export function expectedManifest() {
  // This script and the shared modules it runs (what it makes and how it keys it).
  const script = createHash('sha256');
  for (const file of [fileURLToPath(import.meta.url), ...SHARED]) script.update(readFileSync(file));
  const scriptHash = script.digest('hex').slice(0, 16);
  const sources = sourcesKey(readPythonSources());
  const build = pyodideBuild();
  const id = createHash('sha256')
    .update(JSON.stringify({ FORMAT, script: scriptHash, sources, ...build }))
    .digest('hex')
    .slice(0, 16);
  return { format: FORMAT, id, file: `snapshot-${id}.bin.gz`, ...build, sourcesKey: sources };
}

/**
 * Keep the `keep` newest snapshots in the cache (each is ~6 MB, plus the 30 MB
 * uncompressed copy the Node runtime keeps beside it: src/runtime/node.ts).
 */
function pruneCache(cacheDir, keep) {
  const snaps = readdirSync(cacheDir)
    .filter((n) => /^snapshot-[0-9a-f]+\.bin\.gz$/.test(n))
    .map((n) => ({ n, t: statSync(join(cacheDir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { n } of snaps.slice(keep)) {
    rmSync(join(cacheDir, n), { force: true });
    rmSync(join(cacheDir, n.replace(/\.gz$/, '')), { force: true });
    rmSync(join(cacheDir, n.replace(/\.bin\.gz$/, '.json')), { force: true });
  }
}

/**
 * Make the snapshot (or reuse the cached one): returns { manifest, gz, cached }.
 * manifest.bytes / manifest.gzBytes are the raw and gzipped sizes.
 */
export async function makeSnapshot({ cacheDir = CACHE_DIR, log = () => {} } = {}) {
  const manifest = expectedManifest();
  const gzPath = join(cacheDir, manifest.file);
  const metaPath = join(cacheDir, `snapshot-${manifest.id}.json`);
  if (existsSync(gzPath) && existsSync(metaPath)) {
    return { manifest: JSON.parse(readFileSync(metaPath, 'utf8')), gz: readFileSync(gzPath), cached: true };
  }
  const t0 = Date.now();
  const { loadPyodide } = await import('pyodide');
  const py = await loadPyodide({
    indexURL: PYODIDE_DIR + '/',
    _makeSnapshot: true,
    // What a browser instance has (Emscripten's default program name), not this script's path.
    _sysExecutable: './this.program',
    args: [],
    stdout: () => {},
    stderr: (s) => log(`[snapshot] python: ${s}`),
  });
  const sources = readPythonSources();
  for (const [rel, text] of Object.entries(sources)) {
    const path = `${SITE}/${rel}`;
    py.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
    py.FS.writeFile(path, text);
  }
  // Only imports: no user code, nothing touching `js` (the making instance records JS access).
  const modules = py.runPython(`
import sys
import asyncio, asyncio.base_events, asyncio.selector_events, asyncio.unix_events, asyncio.base_subprocess
if ${JSON.stringify(SITE)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(SITE)})
import loopscope
import traceback, linecache, warnings, gc
len(sys.modules)
`);
  const raw = py.makeMemorySnapshot();
  const gz = gzipSync(raw, { level: 6 });
  const full = { ...manifest, bytes: raw.length, gzBytes: gz.length, checksum: snapshotChecksum(raw), modules: Number(modules), sourceFiles: Object.keys(sources).length };
  mkdirSync(cacheDir, { recursive: true });
  // Write-then-rename (a name of this process's own: a build and the CLI may make it at
  // once), so that a build killed half-way leaves no truncated snapshot in the cache.
  const tmp = `.${process.pid}.tmp`;
  writeFileSync(gzPath + tmp, gz);
  renameSync(gzPath + tmp, gzPath);
  writeFileSync(metaPath + tmp, JSON.stringify(full, null, 2) + '\n');
  renameSync(metaPath + tmp, metaPath);
  pruneCache(cacheDir, 4);
  log(`[snapshot] made in ${Date.now() - t0} ms: ${(raw.length / 1048576).toFixed(1)} MiB, ${(gz.length / 1048576).toFixed(1)} MiB gzipped, ${full.modules} modules`);
  return { manifest: full, gz, cached: false };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2] ? resolve(process.argv[2]) : CACHE_DIR;
  const { manifest, cached } = await makeSnapshot({ cacheDir: dir, log: (s) => console.error(s) });
  console.log(JSON.stringify({ ...manifest, cached, path: join(dir, manifest.file) }, null, 2));
  // Pyodide keeps the event loop alive in Node.
  process.exit(0);
}
