// The memory snapshot's keys: the build script (Node, scripts/make-snapshot.mjs)
// and the worker (src/runtime/snapshot.ts) share one implementation
// (src/runtime/snapshot-key.mjs). Fixed known values pin it down (a change would
// make every shipped or cached snapshot look stale or damaged), and the key in
// the manifest the build would write must be the key of the sources on disk.
import { describe, expect, it } from 'vitest';
import { RunningChecksum, snapshotChecksum, snapshotMismatch, sourcesKey, type SnapshotManifest } from '../src/runtime/snapshot.ts';
import { readPythonSources } from '../src/runtime/node.ts';
import { pythonPackage, WIRE_MODULE, wirePython } from '../src/runtime/python-package.ts';
// @ts-expect-error a plain .mjs script without types
import { expectedManifest } from '../scripts/make-snapshot.mjs';

describe('snapshot sources key', () => {
  it('has fixed known values', () => {
    expect(sourcesKey({ 'pkg/__init__.py': 'x = 1\n', 'pkg/a.py': 'y = 2\n' })).toBe('01a9d91520e111');
    expect(sourcesKey({ 'b.py': 'é\u{1F600}\0x', 'a/c.py': '' })).toBe('1b848a25940b46');
    expect(sourcesKey({})).toBe('0bdcb81aee8d83');
  });

  it('is the key the build manifest carries for the package as loaded (files on disk plus the generated wire module)', () => {
    const files = readPythonSources();
    expect(Object.keys(files).length).toBeGreaterThan(3);
    expect(Object.keys(files)).toContain('loopscope/__init__.py');
    expect(Object.keys(files).some((p) => p.includes('__pycache__') || !p.endsWith('.py'))).toBe(false);
    expect(Object.keys(files)).not.toContain(WIRE_MODULE);
    const sources = pythonPackage(files);
    expect(sources[WIRE_MODULE]).toBe(wirePython());
    const manifest = expectedManifest(sources) as { sourcesKey: string; id: string; file: string };
    expect(manifest.sourcesKey).toBe(sourcesKey(sources));
    expect(manifest.file).toBe(`snapshot-${manifest.id}.bin.gz`);
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
  it('has a fixed known value and sees a changed byte anywhere', () => {
    const bytes = new Uint8Array(4099);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) & 255;
    const sum = snapshotChecksum(bytes);
    expect(sum).toBe('66d846bf0205f9ce');
    expect(snapshotChecksum(new Uint8Array(0))).toBe('0000000000000001');
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
