import { describe, expect, it } from 'vitest';
import { lockdown, WITHHELD_GLOBALS, WITHHELD_NAVIGATOR, withheldMessage, type Withheld } from './lockdown.ts';

/** A stand-in for a worker's global: some features on the object, some on prototypes, as in browsers. */
function fakeScope() {
  const base = { fetch: () => 'sent', importScripts: () => 'loaded' };
  const mid = Object.create(base, { indexedDB: { get: () => ({ open: () => 'db' }), configurable: true } });
  const scope = Object.create(mid);
  scope.postMessage = () => 'posted';
  scope.close = () => 'closed';
  scope.setTimeout = () => 1;
  const navProto = { get storage() { return { getDirectory: () => 'opfs' }; } };
  scope.navigator = Object.create(navProto, { language: { value: 'en', enumerable: true } });
  scope.keep = 'untouched';
  return { scope, base, mid, navProto };
}

describe('lockdown', () => {
  it('takes every withheld feature away, wherever it was defined, and says why', () => {
    const { scope, base, mid, navProto } = fakeScope();
    const used: Withheld[] = [];
    lockdown(scope, (w) => used.push(w));
    expect(() => scope.fetch).toThrow(TypeError);
    expect(() => scope.fetch).toThrow('fetch is not available: a program in Loopscope has no network access');
    expect(() => scope.indexedDB).toThrow(/no access to the browser's storage/);
    expect(() => scope.postMessage).toThrow(/cannot talk to the page/);
    expect(() => scope.close).toThrow(/cannot end its worker/);
    expect(() => scope.navigator.storage).toThrow(/navigator.storage is not available/);
    expect(scope.navigator.language).toBe('en');
    expect(scope.keep).toBe('untouched');
    // Gone from the prototypes too: nothing to find further up the chain.
    expect(Object.getOwnPropertyDescriptor(base, 'fetch')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(mid, 'indexedDB')).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(navProto, 'storage')).toBeUndefined();
    expect([...new Set(used.map((w) => w.name))]).toEqual(['fetch', 'indexedDB', 'postMessage', 'close', 'navigator.storage']);
    expect(used[0]).toEqual({ name: 'fetch', kind: 'network' });
  });

  it('a program can neither delete nor redefine what was withheld', () => {
    const { scope } = fakeScope();
    lockdown(scope, () => {});
    expect(Reflect.deleteProperty(scope, 'fetch')).toBe(false);
    expect(() => Object.defineProperty(scope, 'fetch', { value: () => 'mine' })).toThrow(TypeError);
    expect(Reflect.set(scope, 'indexedDB', {})).toBe(false);
    expect(Reflect.deleteProperty(scope.navigator, 'storage')).toBe(false);
    expect(() => scope.fetch).toThrow(/not available/);
  });

  it('withholds names the scope does not have, so that using one is reported the same way', () => {
    const { scope } = fakeScope();
    const used: string[] = [];
    lockdown(scope, (w) => used.push(w.name));
    expect(() => scope.WebSocket).toThrow(/no network access/);
    expect(() => scope.BroadcastChannel).toThrow(/cannot talk to the page/);
    expect(used).toEqual(['WebSocket', 'BroadcastChannel']);
  });

  it('covers the escape routes the issue lists', () => {
    for (const n of ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'importScripts', 'indexedDB', 'caches', 'postMessage', 'close', 'Worker'])
      expect(WITHHELD_GLOBALS[n], n).toBeDefined();
    expect(WITHHELD_NAVIGATOR.storage).toBe('storage');
    expect(withheldMessage({ name: 'caches', kind: 'storage' })).toBe("caches is not available: a program in Loopscope has no access to the browser's storage");
  });
});
