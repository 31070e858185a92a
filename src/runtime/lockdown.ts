// What a program's `import js` must not reach inside the Python worker, and
// the function that takes it away before any program runs.
//
// The network is closed by the page's Content-Security-Policy, which a worker
// started from a blob: URL inherits (docs/security.md): `connect-src 'self'`
// stops a request to another origin whoever makes it, even through a
// reference Pyodide kept. What CSP does not cover is closed here: the app
// origin's storage (IndexedDB, Cache Storage, the origin-private file system,
// Web Locks), talking to anything but the port (the worker's global
// postMessage, BroadcastChannel, nested workers), ending the worker
// (self.close) and leaving work behind after a run (timers). The network APIs
// are removed too, so that a program gets a plain error at once instead of a
// console full of policy violations.
//
// Each name is deleted wherever it is defined (the global itself and every
// prototype on its chain) and replaced on the object by a non-configurable,
// non-writable accessor that records the attempt and throws. A program cannot
// delete or redefine such a property, and no other path leads back to the
// originals: the constructors cannot be called to make a second instance
// (IDBFactory, CacheStorage, StorageManager are "illegal constructors") and a
// nested worker, which would bring fresh globals, is itself withheld.

/** Why each withheld feature is withheld, in words for the reader. */
export const WITHHELD = {
  network: 'a program in Loopscope has no network access',
  storage: "a program in Loopscope has no access to the browser's storage",
  page: 'a program in Loopscope cannot talk to the page or start workers',
  lifetime: 'a program in Loopscope cannot end its worker or leave work running after it ends',
} as const;
export type WithheldKind = keyof typeof WITHHELD;

/** Globals of the worker taken away, by kind. */
export const WITHHELD_GLOBALS: Record<string, WithheldKind> = {
  fetch: 'network',
  XMLHttpRequest: 'network',
  WebSocket: 'network',
  WebSocketStream: 'network',
  EventSource: 'network',
  WebTransport: 'network',
  importScripts: 'network',
  indexedDB: 'storage',
  caches: 'storage',
  webkitRequestFileSystem: 'storage',
  webkitRequestFileSystemSync: 'storage',
  webkitResolveLocalFileSystemURL: 'storage',
  webkitResolveLocalFileSystemSyncURL: 'storage',
  postMessage: 'page',
  BroadcastChannel: 'page',
  Worker: 'page',
  SharedWorker: 'page',
  close: 'lifetime',
  setTimeout: 'lifetime',
  setInterval: 'lifetime',
  requestAnimationFrame: 'lifetime',
};

/** Properties of the worker's `navigator` taken away. */
export const WITHHELD_NAVIGATOR: Record<string, WithheldKind> = {
  storage: 'storage',
  locks: 'storage',
  serviceWorker: 'page',
};

export interface Withheld {
  /** The name the program used, e.g. "fetch" or "navigator.storage". */
  name: string;
  kind: WithheldKind;
}

/** The error a program gets when it reaches for a withheld feature. */
export function withheldMessage(w: Withheld): string {
  return `${w.name} is not available: ${WITHHELD[w.kind]}`;
}

/** Delete `name` from `obj` and every prototype on its chain that defines it. */
function removeEverywhere(obj: object, name: string): void {
  for (let o: object | null = obj; o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (!d) continue;
    if (!d.configurable) throw new Error(`lockdown: ${name} cannot be removed`);
    delete (o as Record<string, unknown>)[name];
  }
}

function withhold(obj: object, name: string, w: Withheld, onUse: (w: Withheld) => void): void {
  removeEverywhere(obj, name);
  Object.defineProperty(obj, name, {
    configurable: false,
    enumerable: false,
    get() {
      onUse(w);
      throw new TypeError(withheldMessage(w));
    },
  });
}

/**
 * Take the withheld features away from `scope` (the worker's global). `onUse`
 * is told each time a program reaches for one. Call once, after Python has
 * loaded (loading needs fetch) and before the first program runs.
 */
export function lockdown(scope: object, onUse: (w: Withheld) => void): void {
  for (const [name, kind] of Object.entries(WITHHELD_GLOBALS)) withhold(scope, name, { name, kind }, onUse);
  const nav = (scope as { navigator?: object }).navigator;
  if (nav)
    for (const [name, kind] of Object.entries(WITHHELD_NAVIGATOR))
      withhold(nav, name, { name: `navigator.${name}`, kind }, onUse);
}
