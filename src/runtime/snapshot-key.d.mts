// Types for snapshot-key.mjs (plain JavaScript, shared with scripts/make-snapshot.mjs).

/** Key of the runtime's Python sources (cyrb53 over "path\0text\0" in path order), 14 hex digits. */
export function sourcesKey(sources: Readonly<Record<string, string>>): string;

/** Checksum of the raw snapshot bytes, 16 hex digits. */
export function snapshotChecksum(bytes: Uint8Array): string;

/** snapshotChecksum computed while the bytes arrive. */
export class RunningChecksum {
  /** `bytes.byteOffset` must be a multiple of 4. */
  constructor(bytes: Uint8Array);
  /** Take in the buffer's first n bytes (n only grows). */
  advance(n: number): void;
  /** The checksum of the whole buffer (call after advance(bytes.length)). */
  finish(): string;
}
