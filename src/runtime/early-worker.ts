// The Python worker, started as early as the page can: src/boot.ts calls
// startEarlyWorker() before the rest of the app's modules evaluate (React, the
// UI, d3 take ~0.2-0.3 s), so that the worker fetches Pyodide and the memory
// snapshot while the page is still setting itself up. The RuntimeClient then
// takes that worker over as its first one (takeEarlyWorker); later workers
// (restarts) are created as usual.

export function createPythonWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'loopscope-python' });
}

/** `?snapshot=0` in the page's address loads Python without the build's memory snapshot (for comparisons). */
export function snapshotWanted(): boolean {
  const search = (globalThis as { location?: { search?: string } }).location?.search ?? '';
  return new URLSearchParams(search).get('snapshot') !== '0';
}

let early: { worker: Worker; buffered: Event[]; keep: (ev: Event) => void } | null = null;

/** Start the worker and its loading now; messages are kept until the client takes it. */
export function startEarlyWorker(): void {
  if (early || typeof Worker === 'undefined') return;
  const worker = createPythonWorker();
  const buffered: Event[] = [];
  const keep = (ev: Event) => {
    buffered.push(ev);
    if (ev.type === 'error') ev.preventDefault();
  };
  worker.addEventListener('message', keep);
  worker.addEventListener('error', keep);
  worker.postMessage({ type: 'init', snapshot: snapshotWanted() });
  early = { worker, buffered, keep };
}

/**
 * The early worker, once (null if there is none or it was taken). Messages (and
 * errors) it sent before this call are delivered again, after the caller's handlers are set.
 */
export function takeEarlyWorker(): Worker | null {
  if (!early) return null;
  const { worker, buffered, keep } = early;
  early = null;
  worker.removeEventListener('message', keep);
  worker.removeEventListener('error', keep);
  if (buffered.length)
    queueMicrotask(() => {
      for (const ev of buffered)
        worker.dispatchEvent(
          ev instanceof MessageEvent
            ? new MessageEvent('message', { data: ev.data })
            : new ErrorEvent('error', { message: (ev as ErrorEvent).message, cancelable: true }),
        );
    });
  return worker;
}
