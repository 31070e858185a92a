// The snapshot's keys, shared by the build script (plain Node:
// scripts/make-snapshot.mjs) and the app (the worker, through
// src/runtime/snapshot.ts): one implementation, so the two cannot drift.
// Plain JavaScript (types in snapshot-key.d.mts) because the script runs
// without a TypeScript step. No Node or DOM APIs: it runs in both.

/**
 * Key of the runtime's Python sources: a 53-bit string hash (cyrb53) over
 * "path\0text\0" in path order, as 14 hex digits.
 */
export function sourcesKey(sources) {
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
 * words, then the trailing bytes; Fletcher style), as 16 hex digits: catches a
 * damaged or substituted file before Pyodide restores garbage memory.
 */
export function snapshotChecksum(bytes) {
  const sum = new RunningChecksum(bytes.byteOffset % 4 ? bytes.slice() : bytes);
  sum.advance(bytes.length);
  return sum.finish();
}

/**
 * snapshotChecksum computed while the bytes arrive: advance(n) takes in the
 * buffer's first n bytes (n only grows), so the work overlaps the download
 * instead of adding ~50 ms (more on a busy machine) after it. The buffer's
 * byteOffset must be a multiple of 4.
 */
export class RunningChecksum {
  #a = 1;
  #b = 0;
  #words = 0;
  #bytes;
  #u32;

  constructor(bytes) {
    this.#bytes = bytes;
    this.#u32 = new Uint32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
  }

  advance(n) {
    const u32 = this.#u32;
    const end = Math.floor(n / 4);
    let a = this.#a;
    let b = this.#b;
    for (let i = this.#words; i < end; i++) {
      a = (a + u32[i]) | 0;
      b = (b + a) | 0;
    }
    this.#a = a;
    this.#b = b;
    this.#words = end;
  }

  /** The checksum of the whole buffer (call after advance(bytes.length)). */
  finish() {
    const bytes = this.#bytes;
    let a = this.#a;
    let b = this.#b;
    for (let i = this.#words * 4; i < bytes.length; i++) {
      a = (a + bytes[i]) | 0;
      b = (b + a) | 0;
    }
    return (b >>> 0).toString(16).padStart(8, '0') + (a >>> 0).toString(16).padStart(8, '0');
  }
}
