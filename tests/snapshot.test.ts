// The memory snapshot's key of the runtime's Python sources: the build script
// (Node, scripts/make-snapshot.mjs) and the worker (src/runtime/snapshot.ts)
// must compute the same key, or every snapshot would be refused as stale.
import { describe, expect, it } from 'vitest';
import { RunningChecksum, snapshotChecksum, snapshotMismatch, sourcesKey, type SnapshotManifest } from '../src/runtime/snapshot.ts';
import { readPythonSources } from '../src/runtime/node.ts';
// @ts-expect-error a plain .mjs script without types
import { sourcesKey as scriptKey, readPythonSources as scriptSources, snapshotChecksum as scriptChecksum } from '../scripts/make-snapshot.mjs';

describe('snapshot sources key', () => {
  it('is the same in the build script and the worker', () => {
    const sources = readPythonSources();
    expect(Object.keys(sources).length).toBeGreaterThan(3);
    expect(scriptSources()).toEqual(sources);
    expect(sourcesKey(sources)).toBe(scriptKey(sources));
    const odd = { 'b.py': 'é\u{1F600}\0x', 'a/c.py': '' };
    expect(sourcesKey(odd)).toBe(scriptKey(odd));
  });

  it('changes with any file, its path or text, and not with key order', () => {
    const base = { 'pkg/__init__.py': 'x = 1\n', 'pkg/a.py': 'y = 2\n' };
    const k = sourcesKey(base);
    expect(sourcesKey({ 'pkg/a.py': 'y = 2\n', 'pkg/__init__.py': 'x = 1\n' })).toBe(k);
    expect(sourcesKey({ ...base, 'pkg/a.py': 'y = 3\n' })).not.toBe(k);
    expect(sourcesKey({ ...base, 'pkg/b.py': '' })).not.toBe(k);
    expect(sourcesKey({ 'pkg/__init__.py': 'x = 1\n', 'pkg/b.py': 'y = 2\n' })).not.toBe(k);
  });

  it('refuses a manifest from another Pyodide or other sources', () => {
    const sources = { 'a.py': 'pass\n' };
    const m: SnapshotManifest = { format: 1, id: 'x', file: 'snapshot-x.bin.gz', pyodideVersion: '314.0.7', buildId: 'b', stdlibSha256: 's', sourcesKey: sourcesKey(sources), bytes: 1, gzBytes: 1, checksum: '0' };
    expect(snapshotMismatch(m, '314.0.7', sources)).toBeNull();
    expect(snapshotMismatch(null, '314.0.7', sources)).toMatch(/no snapshot/);
    expect(snapshotMismatch(m, '314.0.8', sources)).toMatch(/Pyodide/);
    expect(snapshotMismatch(m, '314.0.7', { 'a.py': 'pass  \n' })).toMatch(/other runtime sources/);
  });
});

describe('snapshot checksum', () => {
  it('is the same in the build script and the worker, and sees a changed byte anywhere', () => {
    const bytes = new Uint8Array(4099);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 255;
    const sum = snapshotChecksum(bytes);
    expect(scriptChecksum(bytes)).toBe(sum);
    for (const at of [0, 1, 2048, 4095, 4098]) {
      const bad = bytes.slice();
      bad[at] ^= 0x10;
      expect(snapshotChecksum(bad)).not.toBe(sum);
    }
    // Two words swapped.
    const swapped = bytes.slice();
    swapped.set(bytes.subarray(0, 4), 8);
    swapped.set(bytes.subarray(8, 12), 0);
    expect(snapshotChecksum(swapped)).not.toBe(sum);
    // A view at an offset reads the same bytes.
    const padded = new Uint8Array(bytes.length + 4);
    padded.set(bytes, 4);
    expect(snapshotChecksum(padded.subarray(4))).toBe(sum);
    // Fed in uneven pieces, as chunks arrive.
    const running = new RunningChecksum(bytes);
    for (const n of [1, 3, 4, 5, 1000, 1001, 4097, 4099]) running.advance(n);
    expect(running.finish()).toBe(sum);
    const odd = new Uint8Array(bytes.length + 1);
    odd.set(bytes, 1);
    expect(snapshotChecksum(odd.subarray(1))).toBe(sum);
  });
});
