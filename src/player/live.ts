// Recording a player's inline code when a reader presses Run: loaded only
// then (with the runtime client and the worker's URL), and one worker for the
// whole page, however many players it holds. Runs are taken one at a time in
// the order asked (the client answers only the latest run it was given).

import { RuntimeClient, type ClientEvent, type RunOutcome } from '../runtime/client.ts';
import { createPythonWorker } from '../runtime/early-worker.ts';
import { RUN_LIMITS } from '../state/run-slice.ts';

export type Progress = (label: string, fraction: number) => void;

interface Waiting {
  seq: number;
  resolve: (o: RunOutcome) => void;
  reject: (e: Error) => void;
  progress: Progress;
}

let client: RuntimeClient | null = null;
let waiting: Waiting | null = null;
let queue: Promise<unknown> = Promise.resolve();

function onEvent(ev: ClientEvent): void {
  const w = waiting;
  if (!w) return;
  switch (ev.type) {
    case 'progress':
      w.progress(ev.label, ev.fraction);
      return;
    case 'ready':
      w.progress(`Python ${ev.pythonVersion} ready; running…`, 1);
      return;
    case 'result':
      if (ev.outcome.seq === w.seq) w.resolve(ev.outcome);
      return;
    case 'run-error':
      if (ev.seq === w.seq) w.reject(new Error(ev.message));
      return;
    case 'crashed':
      if (!ev.restarting || !ev.rerun) w.reject(new Error(`The Python worker stopped (${ev.message}).`));
      return;
    case 'stopped':
    case 'retired':
      return;
  }
}

/** The page's one client, made on the first Run. `base`: where the app's files (the worker, Pyodide) are served. */
function getClient(base: string): RuntimeClient {
  client ??= new RuntimeClient(onEvent, () => createPythonWorker(base));
  return client;
}

/** Record `code` on the page's worker; runs asked for by several players wait their turn. */
export function record(code: string, base: string, progress: Progress): Promise<RunOutcome> {
  const job = queue.then(
    () =>
      new Promise<RunOutcome>((resolve, reject) => {
        const c = getClient(base);
        const done = () => {
          waiting = null;
        };
        waiting = {
          seq: 0,
          resolve: (o) => (done(), resolve(o)),
          reject: (e) => (done(), reject(e)),
          progress,
        };
        if (!c.isReady) progress('Loading Python…', 0);
        waiting.seq = c.run(code, RUN_LIMITS, 'main.py');
      }),
  );
  queue = job.catch(() => undefined);
  return job;
}
