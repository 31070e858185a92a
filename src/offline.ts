// Offline after the first visit (docs/offline.md): registers the service
// worker (src/sw.ts) once Python is ready and the page is idle, so that its
// install (revalidating the files the page has just loaded) never competes
// with a first visit's start-up; says once, quietly, when the page works
// offline. Only in a production build (the dev server has no service worker).

import { useStore } from './state/store.ts';

/** The notice shown once, when the service worker has everything a visit needs. */
export const OFFLINE_READY_TEXT = 'Loopscope now works offline too: the page, the editor and Python are kept in this browser.';

/** Resolves when Python is ready in the page's worker. */
function pythonReady(): Promise<void> {
  return new Promise((resolve) => {
    if (useStore.getState().pythonVersion) return resolve();
    const stop = useStore.subscribe((s) => {
      if (s.pythonVersion) {
        stop();
        resolve();
      }
    });
  });
}

/** Show the notice when the notice line is free (never over a message about the reader's program). */
function sayOnce(text: string): void {
  const show = () => {
    if (useStore.getState().notice) return false;
    useStore.getState().setNotice({ kind: 'offline', level: 'info', text });
    return true;
  };
  if (show()) return;
  const stop = useStore.subscribe(() => {
    if (show()) stop();
  });
}

export function startOffline(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  void (async () => {
    await pythonReady();
    await new Promise((r) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(() => r(null), { timeout: 3000 }) : setTimeout(r, 500)));
    const { Workbox } = await import('workbox-window');
    const base = import.meta.env.BASE_URL;
    const wb = new Workbox(`${base}sw.js`, { scope: base });
    // The first install only: a new build later replaces the cache without a word.
    wb.addEventListener('activated', (e) => {
      if (!e.isUpdate && !e.isExternal) sayOnce(OFFLINE_READY_TEXT);
    });
    try {
      await wb.register({ immediate: true });
    } catch (e) {
      console.warn('[loopscope] no offline copy (the service worker could not be registered):', e);
    }
  })();
}
