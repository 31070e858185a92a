// One zustand store built from four slices: editor, run, playback, preferences.
// Components select the smallest value they need. The Python worker is reached
// only through the RuntimeClient owned here.

import { create, type StateCreator } from 'zustand';
import { TracePlayer, type Trace } from '../trace/index.ts';
import { MAX_RESTARTS, RuntimeClient, type ClientEvent, type RunOutcome } from '../runtime/client.ts';
import { pythonWorkerFactory } from '../runtime/early-worker.ts';
import { DEFAULT_EXAMPLE, findExample } from '../examples/index.ts';
import { makeHash } from './share.ts';

export const AUTOSAVE_KEY = 'loopscope:code';
export const AUTOSAVE_EXAMPLE_KEY = 'loopscope:example';
export const PREFS_KEY = 'loopscope:prefs';

export const RUN_LIMITS = {
  maxSteps: 200_000,
  maxTime: 3600,
  maxOutputBytes: 200_000,
  cpuBudget: 5_000_000,
  maxMemoryBytes: 512 * 2 ** 20,
  maxTraceBytes: 64 * 2 ** 20,
};

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  /** A button on the notice: 'retry' starts Python again after the runtime gave up. */
  action?: 'retry';
  /** About the last run only: the next result clears it. */
  transient?: boolean;
}

export interface EditorSlice {
  code: string;
  exampleId: string | null;
  /**
   * The code came from a link and the reader has not changed it: it is not
   * autosaved, so a stranger's program never replaces the reader's own work.
   */
  codeFromLink: boolean;
  /** Bumped when code is replaced from outside the editor (example, link), so Monaco resets its model. */
  codeVersion: number;
  setCode(code: string): void;
  replaceCode(code: string, exampleId: string | null): void;
  loadExample(id: string): void;
}

export type Phase = 'loading' | 'ready' | 'running' | 'crashed';

export interface RunSlice {
  phase: Phase;
  loadLabel: string;
  loadFraction: number;
  pythonVersion: string;
  /** A Run was requested while Python loads: it runs as soon as it can. */
  queued: boolean;
  trace: Trace | null;
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

export interface PlaybackSlice {
  k: number;
  playing: boolean;
  speed: number;
  setK(k: number): void;
  stepBy(d: number): void;
  stepIteration(dir: 1 | -1): void;
  toStart(): void;
  toEnd(): void;
  togglePlay(): void;
  pause(): void;
  setSpeed(s: number): void;
}

export interface PrefsSlice {
  theme: 'dark' | 'light';
  setTheme(t: 'dark' | 'light'): void;
}

export type Store = EditorSlice & RunSlice & PlaybackSlice & PrefsSlice;

function readLS(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

const editorSlice: StateCreator<Store, [], [], EditorSlice> = (set) => ({
  code: DEFAULT_EXAMPLE.code,
  exampleId: DEFAULT_EXAMPLE.id,
  codeFromLink: false,
  codeVersion: 0,
  // The editor echoes code set from outside; only a real change makes a link's code the reader's.
  setCode: (code) => set((s) => (code === s.code ? {} : { code, codeFromLink: false })),
  replaceCode: (code, exampleId) => set((s) => ({ code, exampleId, codeFromLink: false, codeVersion: s.codeVersion + 1 })),
  loadExample: (id) => {
    const ex = findExample(id);
    if (!ex) return;
    set((s) => ({ code: ex.code, exampleId: ex.id, codeFromLink: false, codeVersion: s.codeVersion + 1 }));
  },
});

let client: RuntimeClient | null = null;

const runSlice: StateCreator<Store, [], [], RunSlice> = (set, get) => ({
  phase: 'loading',
  loadLabel: 'Loading Python…',
  loadFraction: 0,
  pythonVersion: '',
  queued: false,
  trace: null,
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
    return location.origin + location.pathname + makeHash(s.code, s.trace ? s.k : null);
  },
});

const playbackSlice: StateCreator<Store, [], [], PlaybackSlice> = (set, get) => ({
  k: 0,
  playing: false,
  speed: 1,
  setK: (k) => {
    const n = get().player?.steps ?? 0;
    set({ k: Math.max(0, Math.min(n, Math.round(k))) });
  },
  stepBy: (d) => {
    get().pause();
    get().setK(get().k + d);
  },
  stepIteration: (dir) => {
    const p = get().player;
    if (!p) return;
    get().pause();
    set({ k: dir > 0 ? p.nextIterationEnd(get().k) : p.prevIterationEnd(get().k) });
  },
  toStart: () => {
    get().pause();
    set({ k: 0 });
  },
  toEnd: () => {
    get().pause();
    set({ k: get().player?.steps ?? 0 });
  },
  togglePlay: () => {
    const s = get();
    if (!s.player) return;
    if (s.playing) set({ playing: false });
    else set({ playing: true, k: s.k >= s.player.steps ? 0 : s.k });
  },
  pause: () => {
    if (get().playing) set({ playing: false });
  },
  setSpeed: (speed) => set({ speed }),
});

const prefsSlice: StateCreator<Store, [], [], PrefsSlice> = (set) => ({
  theme: (() => {
    const p = readLS(PREFS_KEY);
    if (p === 'light' || p === 'dark') return p;
    return typeof matchMedia !== 'undefined' && matchMedia('(prefers-color-scheme: light)').matches ? 'light' : 'dark';
  })(),
  setTheme: (theme) => {
    try {
      localStorage.setItem(PREFS_KEY, theme);
    } catch {
      /* private mode */
    }
    set({ theme });
  },
});

export const useStore = create<Store>()((...a) => ({
  ...editorSlice(...a),
  ...runSlice(...a),
  ...playbackSlice(...a),
  ...prefsSlice(...a),
}));

function onClientEvent(ev: ClientEvent): void {
  const set = useStore.setState;
  const get = useStore.getState;
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
      set({ trace, player, outcome, k, playing: false, phase: 'ready', pendingStep: null, runError: null, queued: false, runCount: get().runCount + 1 });
      prepareWhenIdle(player);
      if (outcome.blocked.length) set({ notice: { kind: 'error', text: withheldNotice(outcome.blocked), transient: true } });
      else if (pending != null && pending > n)
        set({ notice: { kind: 'info', text: `The link asked for step ${pending}, but this run has only ${n} steps.` } });
      else if (get().notice?.transient) set({ notice: null });
      return;
    }
    case 'retired':
      set({
        phase: 'loading',
        loadFraction: 0,
        loadLabel: 'Restarting Python…',
        notice: {
          kind: 'info',
          text: `${ev.reason}. WebAssembly memory is never given back, so Python is restarting to free it; the run is shown as far as it got, and your code is kept.`,
          transient: true,
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
        notice: { kind: 'info', text: 'Stopped: the program was interrupted and Python is restarting. Your code is kept.', transient: true },
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
    return { kind: 'error', text: `${what} It is restarting; your code is kept.${ev.rerun ? ' Your run starts again once it is ready.' : ''}` };
  return {
    kind: 'error',
    text: `${what} It failed again after ${MAX_RESTARTS} restarts, so Loopscope gave up. Your code is kept: check it for whatever ends the worker, then press Retry.`,
    action: 'retry',
  };
}

/**
 * Lay all of a new trace's keyframes once the page is idle (after the first
 * paint of the result), so a later jump or scrub never pays for replaying a
 * long stretch of a big trace while the user waits.
 */
function prepareWhenIdle(player: TracePlayer): void {
  const prepare = () => {
    if (useStore.getState().player === player) player.prepare();
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(prepare, { timeout: 2000 });
  else setTimeout(prepare, 0);
}

export function getClient(): RuntimeClient {
  client ??= new RuntimeClient(onClientEvent, pythonWorkerFactory);
  return client;
}

/** Restore autosaved work (if any) before the first render. */
export function restoreAutosave(): void {
  const saved = readLS(AUTOSAVE_KEY);
  if (saved !== null && saved.trim() !== '') {
    const ex = readLS(AUTOSAVE_EXAMPLE_KEY);
    useStore.setState({ code: saved, exampleId: ex && findExample(ex)?.code === saved ? ex : null });
  }
}

/** Autosave the editor text (debounced) for as long as the page lives. */
export function startAutosave(): void {
  let timer = 0;
  const save = () => {
    const s = useStore.getState();
    if (s.codeFromLink) return;
    try {
      localStorage.setItem(AUTOSAVE_KEY, s.code);
      localStorage.setItem(AUTOSAVE_EXAMPLE_KEY, s.exampleId ?? '');
    } catch {
      /* storage full or disabled: nothing to do */
    }
  };
  useStore.subscribe((s, prev) => {
    if (s.code === prev.code) return;
    clearTimeout(timer);
    timer = window.setTimeout(save, 250);
  });
  addEventListener('pagehide', save);
}
