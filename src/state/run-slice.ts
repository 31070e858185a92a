// The run slice: Python's phase, the last run's result (one TracePlayer, which
// holds the trace), notices, and the only connection to the Python worker (the
// RuntimeClient). Components never reach the worker but through this slice.

import type { StateCreator } from 'zustand';
import { TracePlayer } from '../trace/index.ts';
import { MAX_RESTARTS, RuntimeClient, type ClientEvent, type RunOutcome } from '../runtime/client.ts';
import { pythonWorkerFactory } from '../runtime/early-worker.ts';
import { makeHash } from './share.ts';
import { aboutLastRun, type Notice } from './notices.ts';
import type { Store } from './store.ts';

export const RUN_LIMITS = {
  maxSteps: 200_000,
  maxTime: 3600,
  maxOutputBytes: 200_000,
  cpuBudget: 5_000_000,
  maxMemoryBytes: 512 * 2 ** 20,
  maxTraceBytes: 64 * 2 ** 20,
};

export type Phase = 'loading' | 'ready' | 'running' | 'crashed';

export interface RunSlice {
  phase: Phase;
  loadLabel: string;
  loadFraction: number;
  pythonVersion: string;
  /** A Run was requested while Python loads: it runs as soon as it can. */
  queued: boolean;
  /** The last run's reader (its trace is player.trace), or null before the first result. */
  player: TracePlayer | null;
  outcome: Omit<RunOutcome, 'trace'> | null;
  runError: string | null;
  notice: Notice | null;
  /** Step to show when the next result arrives (share links). */
  pendingStep: number | null;
  /** Results received so far (tests and the benchmark wait on it). */
  runCount: number;
  run(): void;
  stop(): void;
  /** Start Python again after the runtime gave up restarting. */
  retryRuntime(): void;
  setNotice(n: Notice | null): void;
  copyLink(): string;
}

type Set = Parameters<StateCreator<Store, [], [], RunSlice>>[0];
type Get = () => Store;

let client: RuntimeClient | null = null;
let onEvent: ((ev: ClientEvent) => void) | null = null;

/** Handle a client event as if the RuntimeClient had sent it (the client's listener; tests feed events through it). */
export function clientEvent(ev: ClientEvent): void {
  if (!onEvent) throw new Error('clientEvent: the store has not been created');
  onEvent(ev);
}

/** The one RuntimeClient of the page, created on first use. */
export function getClient(): RuntimeClient {
  client ??= new RuntimeClient(clientEvent, pythonWorkerFactory);
  return client;
}

export const runSlice: StateCreator<Store, [], [], RunSlice> = (set, get) => {
  onEvent = (ev) => onClientEvent(ev, set, get);
  return {
    phase: 'loading',
    loadLabel: 'Loading Python…',
    loadFraction: 0,
    pythonVersion: '',
    queued: false,
    player: null,
    outcome: null,
    runError: null,
    notice: null,
    pendingStep: null,
    runCount: 0,
    run: () => {
      const c = getClient();
      get().pause();
      c.run(get().code, RUN_LIMITS);
      set({ queued: !c.isReady, phase: c.isReady ? 'running' : 'loading', runError: null });
    },
    stop: () => {
      const c = getClient();
      if (!c.running) {
        get().pause();
        return;
      }
      c.stop();
    },
    retryRuntime: () => {
      set({ phase: 'loading', loadFraction: 0, loadLabel: 'Starting Python…', notice: null });
      getClient().retry();
    },
    setNotice: (notice) => set({ notice }),
    copyLink: () => {
      const s = get();
      return location.origin + location.pathname + makeHash(s.code, s.player ? s.k : null);
    },
  };
};

function onClientEvent(ev: ClientEvent, set: Set, get: Get): void {
  switch (ev.type) {
    case 'progress':
      set({ loadLabel: ev.label, loadFraction: ev.fraction });
      return;
    case 'ready':
      set({
        pythonVersion: ev.pythonVersion,
        loadFraction: 1,
        loadLabel: `Python ${ev.pythonVersion} ready`,
        phase: get().queued ? 'running' : 'ready',
        queued: false,
      });
      return;
    case 'result': {
      const { trace, ...outcome } = ev.outcome;
      const player = new TracePlayer(trace);
      const pending = get().pendingStep;
      const n = player.steps;
      const k = pending != null ? Math.min(pending, n) : n;
      set({ player, outcome, k, playing: false, phase: 'ready', pendingStep: null, runError: null, queued: false, runCount: get().runCount + 1 });
      prepareWhenIdle(player, get);
      if (outcome.blocked.length) set({ notice: { kind: 'withheld', level: 'error', text: withheldNotice(outcome.blocked) } });
      else if (pending != null && pending > n)
        set({ notice: { kind: 'link-step', level: 'info', text: `The link asked for step ${pending}, but this run has only ${n} steps.` } });
      else if (aboutLastRun(get().notice)) set({ notice: null });
      return;
    }
    case 'retired':
      set({
        phase: 'loading',
        loadFraction: 0,
        loadLabel: 'Restarting Python…',
        notice: {
          kind: 'retired',
          level: 'info',
          text: `${ev.reason}. WebAssembly memory is never given back, so Python is restarting to free it; the run is shown as far as it got, and your code is kept.`,
        },
      });
      return;
    case 'run-error':
      set({ runError: ev.message, phase: 'ready', queued: false });
      return;
    case 'stopped':
      set({
        phase: 'loading',
        queued: false,
        loadFraction: 0,
        loadLabel: 'Restarting Python…',
        notice: { kind: 'stopped', level: 'info', text: 'Stopped: the program was interrupted and Python is restarting. Your code is kept.' },
      });
      return;
    case 'crashed':
      set({
        phase: ev.restarting ? 'loading' : 'crashed',
        queued: ev.rerun,
        loadFraction: 0,
        loadLabel: ev.restarting ? 'Restarting Python…' : 'Python is not running',
        notice: crashNotice(ev),
      });
      return;
  }
}

/** What the reader is told when a run reached for something Loopscope withholds (runtime/lockdown.ts). */
function withheldNotice(names: string[]): string {
  const list = names.join(', ');
  return (
    `This program tried to use ${list}. Loopscope runs programs in a sandbox with no network, no browser storage ` +
    `and no way to talk to the page, so it got an error instead (see the console). Nothing left this page; your own saved code is untouched.`
  );
}

/** What the reader is told when the Python worker died or stopped answering. */
function crashNotice(ev: Extract<ClientEvent, { type: 'crashed' }>): Notice {
  const what =
    ev.cause === 'unresponsive'
      ? 'Python stopped answering (something the previous program left running kept it busy).'
      : /memory|allocation/i.test(ev.message)
        ? `Python ran out of memory and its worker died (${ev.message}).`
        : `The Python worker died (${ev.message}).`;
  if (ev.restarting)
    return { kind: 'crashed', level: 'error', text: `${what} It is restarting; your code is kept.${ev.rerun ? ' Your run starts again once it is ready.' : ''}` };
  return {
    kind: 'gave-up',
    level: 'error',
    text: `${what} It failed again after ${MAX_RESTARTS} restarts, so Loopscope gave up. Your code is kept: check it for whatever ends the worker, then press Retry.`,
    action: 'retry',
  };
}

/**
 * Lay all of a new trace's keyframes once the page is idle (after the first
 * paint of the result), so a later jump or scrub never pays for replaying a
 * long stretch of a big trace while the user waits.
 */
export function prepareWhenIdle(player: TracePlayer, get: Get): void {
  const prepare = () => {
    if (get().player === player) player.prepare();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare, { timeout: 2000 });
  else setTimeout(prepare, 0);
}
