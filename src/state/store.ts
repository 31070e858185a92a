// One zustand store built from five slices: editor, run (run-slice.ts),
// playback, preferences, view (view-slice.ts). Components read it through the memoised selectors
// of selectors.ts or select the smallest value they need. The Python worker
// is reached only through the run slice's RuntimeClient.

import { create, type StateCreator } from 'zustand';
import { DEFAULT_EXAMPLE, findExample } from '../examples/index.ts';
import { runSlice, type RunSlice } from './run-slice.ts';
import { viewSlice, type ViewSlice } from './view-slice.ts';
import { readLS, writeLS } from './storage.ts';

export { getClient, RUN_LIMITS, type Phase, type RunSlice } from './run-slice.ts';
export { shows, type ViewSlice } from './view-slice.ts';
export type { Notice, NoticeKind } from './notices.ts';

export const PREFS_KEY = 'loopscope:prefs';

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

export type Store = EditorSlice & RunSlice & PlaybackSlice & PrefsSlice & ViewSlice;

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
    writeLS(PREFS_KEY, theme);
    set({ theme });
  },
});

export const useStore = create<Store>()((...a) => ({
  ...editorSlice(...a),
  ...runSlice(...a),
  ...playbackSlice(...a),
  ...prefsSlice(...a),
  ...viewSlice(...a),
}));
