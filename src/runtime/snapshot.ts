// The worker's side of the build-time Pyodide memory snapshot
// (scripts/make-snapshot.mjs): is the snapshot this build ships usable with
// the Python sources the worker was bundled with, and fetch it (gzipped on the
// wire, decompressed here, so no server has to send Content-Encoding).

import type { PythonSources } from './core.ts';

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

/**
 * Key of the runtime's Python sources: a 53-bit string hash (cyrb53) over
 * "path\0text\0" in path order. The same function as sourcesKey in
 * scripts/make-snapshot.mjs (tests/snapshot.test.ts checks that they agree).
 */
export function sourcesKey(sources: PythonSources): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const path of Object.keys(sources).sort()) {
    const s = `${path}\0${sources[path]}\0`;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * Checksum of the raw snapshot (two 32-bit running sums over little-endian
 * words, Fletcher style): catches a damaged or substituted file before Pyodide
 * restores garbage memory. Must match snapshotChecksum in scripts/make-snapshot.mjs.
 */
export function snapshotChecksum(bytes: Uint8Array): string {
  const sum = new RunningChecksum(bytes.byteOffset % 4 ? bytes.slice() : bytes);
  sum.advance(bytes.length);
  return sum.finish();
}

/**
 * snapshotChecksum computed while the bytes arrive: advance(n) takes in the
 * buffer's first n bytes (n only grows), so the work overlaps the download
 * instead of adding ~50 ms (more on a busy machine) after it.
 */
export class RunningChecksum {
  private a = 1;
  private b = 0;
  private words = 0;
  private readonly u32: Uint32Array;

  constructor(private readonly bytes: Uint8Array) {
    this.u32 = new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
  }

  advance(n: number): void {
    const u32 = this.u32;
    const end = Math.floor(n / 4);
    let a = this.a;
    let b = this.b;
    for (let i = this.words; i < end; i++) {
      a = (a + u32[i]) | 0;
      b = (b + a) | 0;
    }
    this.a = a;
    this.b = b;
    this.words = end;
  }

  /** The checksum of the whole buffer (call after advance(bytes.length)). */
  finish(): string {
    let a = this.a;
    let b = this.b;
    for (let i = this.words * 4; i < this.bytes.length; i++) {
      a = (a + this.bytes[i]) | 0;
      b = (b + a) | 0;
    }
    return (b >>> 0).toString(16).padStart(8, '0') + (a >>> 0).toString(16).padStart(8, '0');
  }
}

/** Why a snapshot cannot be used with this worker, or null if it can. */
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
