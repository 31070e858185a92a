// The service worker: after one visit the playground works with the network
// off (docs/offline.md). Built by vite-plugin-pwa (injectManifest) with
// Workbox's precaching; the build puts the list of files and their revisions
// into self.__WB_MANIFEST (vite.config.ts says which files).
//
// - Everything the page needs is precached: the app, Monaco, Pyodide's four
//   files and the memory snapshot. Installed only after Python is ready
//   (src/offline.ts), so a first visit loads as fast as without it.
// - Install revalidates instead of downloading again: the page has just
//   fetched these files, so an unchanged one is a 304 from the HTTP cache.
// - The snapshot is stored decoded (30 MiB rather than 6 MiB gzipped): a
//   return visit hands its bytes straight to Python instead of inflating them,
//   and a server that sent Content-Encoding: gzip (the browser decoded it
//   already) and one that did not are stored alike. The worker still checks
//   its size and checksum (src/runtime/snapshot.ts).
// - A new build has a new list: it installs beside the old one, takes over at
//   once, and the old build's entries are deleted.

/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { addPlugins, cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: Array<{ url: string; revision: string | null }> };

const SNAPSHOT = /\/pyodide\/snapshot-[0-9a-f]+\.bin\.gz$/;

/** The snapshot's response as stored: its bytes decoded, no Content-Encoding or Content-Length left to contradict them. */
async function decodedSnapshot(response: Response): Promise<Response> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const gzip = bytes[0] === 0x1f && bytes[1] === 0x8b;
  const body = gzip ? new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip')) : bytes;
  return new Response(body, { status: 200, statusText: 'OK', headers: { 'Content-Type': 'application/octet-stream' } });
}

addPlugins([
  {
    // Workbox installs a file that has a revision with cache: 'reload' (always the whole file).
    requestWillFetch: async ({ request }) => (request.mode === 'navigate' ? request : new Request(request, { cache: 'no-cache' })),
    cacheWillUpdate: async ({ request, response }) => (response.ok && SNAPSHOT.test(new URL(request.url).pathname) ? decodedSnapshot(response) : response),
  },
]);

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// Any address of the app itself (a share link's hash, ?snapshot=0) opens the precached page.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html'), { allowlist: [/\/$/, /\/index\.html$/] }));

self.skipWaiting();
clientsClaim();
