// The worker's side of the build-time Pyodide memory snapshot
// (scripts/make-snapshot.mjs): is the snapshot this build ships usable with
// the Python sources the worker was bundled with, and fetch it (gzipped on the
// wire, decompressed here, so no server has to send Content-Encoding).

import type { PythonSources } from './core.ts';
import { RunningChecksum, snapshotChecksum, sourcesKey } from './snapshot-key.mjs';

/** What scripts/make-snapshot.mjs records about a snapshot (the build injects it). */
export interface SnapshotManifest {
  format: number;
  id: string;
  /** File name under /pyodide/. */
  file: string;
  pyodideVersion: string;
  buildId: string;
  stdlibSha256: string;
  sourcesKey: string;
  bytes: number;
  gzBytes: number;
  /** snapshotChecksum of the raw bytes. */
  checksum: string;
}

// sourcesKey, snapshotChecksum and RunningChecksum live in snapshot-key.mjs,
// shared with the build script, so the worker and the script compute the same keys.
export { RunningChecksum, snapshotChecksum, sourcesKey };

/**
 * Python to run right after a restore, in the worker and in Node: the restore
 * puts '' in front of sys.path again, so that it appears twice.
 */
export const AFTER_RESTORE_PY = `
import sys
if sys.path[:1] == [''] and '' in sys.path[1:]:
    del sys.path[0]
del sys
`;

/** Why a snapshot cannot be used with these sources and this Pyodide, or null if it can. */
export function snapshotMismatch(
  manifest: SnapshotManifest | null,
  pyodideVersion: string,
  sources: PythonSources,
): string | null {
  if (!manifest) return 'this build has no snapshot';
  if (manifest.format !== 1) return `snapshot format ${manifest.format} is not supported`;
  if (manifest.pyodideVersion !== pyodideVersion)
    return `snapshot made with Pyodide ${manifest.pyodideVersion}, this is ${pyodideVersion}`;
  const key = sourcesKey(sources);
  if (manifest.sourcesKey !== key) return `snapshot made from other runtime sources (${manifest.sourcesKey}, these are ${key})`;
  return null;
}

/**
 * Fetch the snapshot and return its bytes, decompressed and checked. Accepts the file as
 * gzip bytes (static hosting, vite preview) or already decoded (a server that
 * sent Content-Encoding: gzip): the first two bytes tell which.
 */
export async function fetchSnapshot(
  url: string,
  expected: { bytes: number; checksum: string },
  mark: (name: string) => void = () => {},
): Promise<Uint8Array> {
  const expectedBytes = expected.bytes;
  const res = await fetch(url);
  if (!res.ok || !res.body) throw new Error(`snapshot: HTTP ${res.status} for ${url}`);
  mark('snapshot-headers');
  const reader = res.body.getReader();
  const first = await reader.read();
  if (first.done) throw new Error('snapshot: empty response');
  const head = first.value;
  let input: ReadableStreamDefaultReader<Uint8Array> = reader;
  if (head[0] === 0x1f && head[1] === 0x8b) {
    // Feed the gzip bytes (the chunk already read, then the rest) through a DecompressionStream.
    const ds = new DecompressionStream('gzip');
    const writer = ds.writable.getWriter();
    void (async () => {
      try {
        await writer.write(head);
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await writer.write(value);
        }
        await writer.close();
      } catch (e) {
        await writer.abort(e).catch(() => {});
      }
    })();
    input = (ds.readable as ReadableStream<Uint8Array>).getReader();
  }
  // Straight into a buffer of the known size: no growing, no concatenation.
  const out = new Uint8Array(expectedBytes);
  const sum = new RunningChecksum(out);
  let n = 0;
  const put = (chunk: Uint8Array) => {
    if (n + chunk.length > expectedBytes) throw new Error(`snapshot: more than the expected ${expectedBytes} bytes`);
    out.set(chunk, n);
    n += chunk.length;
    sum.advance(n);
  };
  if (input === reader) put(head);
  for (;;) {
    const { done, value } = await input.read();
    if (done) break;
    put(value);
  }
  if (n !== expectedBytes) throw new Error(`snapshot: ${n} bytes, expected ${expectedBytes}`);
  mark('snapshot-bytes');
  const got = sum.finish();
  if (got !== expected.checksum) throw new Error(`snapshot: checksum ${got}, expected ${expected.checksum} (damaged file)`);
  return out;
}

/**
 * A thenable that hands its promise over once and then forgets it: Pyodide
 * keeps `_loadSnapshot` in its config for the life of the instance, and a
 * plain promise there would keep the 30 MB buffer alive.
 */
export function oneShot<T>(promise: Promise<T>): PromiseLike<T> {
  let p: Promise<T> | null = promise;
  // Do not report an unhandled rejection before Pyodide awaits it.
  promise.catch(() => {});
  return {
    then<R1 = T, R2 = never>(
      ok?: ((v: T) => R1 | PromiseLike<R1>) | null,
      fail?: ((e: unknown) => R2 | PromiseLike<R2>) | null,
    ): PromiseLike<R1 | R2> {
      const q = p;
      p = null;
      return (q ?? Promise.reject(new Error('snapshot already consumed'))).then(ok, fail);
    },
  };
}
