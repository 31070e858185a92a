// The memory snapshot's key of the runtime's Python sources: the build script
// (Node, scripts/make-snapshot.mjs) and the worker (src/runtime/snapshot.ts)
// must compute the same key, or every snapshot would be refused as stale.
import { describe, expect, it } from 'vitest';
import { snapshotMismatch, sourcesKey, type SnapshotManifest } from '../src/runtime/snapshot.ts';
import { readPythonSources } from '../src/runtime/node.ts';
// @ts-expect-error a plain .mjs script without types
import { sourcesKey as scriptKey, readPythonSources as scriptSources } from '../scripts/make-snapshot.mjs';

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
    const m: SnapshotManifest = { format: 1, id: 'x', file: 'snapshot-x.bin.gz', pyodideVersion: '314.0.7', buildId: 'b', stdlibSha256: 's', sourcesKey: sourcesKey(sources), bytes: 1, gzBytes: 1 };
    expect(snapshotMismatch(m, '314.0.7', sources)).toBeNull();
    expect(snapshotMismatch(null, '314.0.7', sources)).toMatch(/no snapshot/);
    expect(snapshotMismatch(m, '314.0.8', sources)).toMatch(/Pyodide/);
    expect(snapshotMismatch(m, '314.0.7', { 'a.py': 'pass  \n' })).toMatch(/other runtime sources/);
  });
});
