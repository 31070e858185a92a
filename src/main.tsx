import './boot.ts'; // first: starts the Python worker before the rest evaluates
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './ui/App.tsx';
import { getClient, useStore } from './state/store.ts';
import { restoreAutosave, startAutosave } from './state/autosave.ts';
import { parseHash } from './state/share.ts';
import { EXAMPLES } from './examples/index.ts';
import './ui/styles.css';
import { startOffline } from './offline.ts';
import { startsPython } from './embed/hash-flags.ts';
import { readEmbedOptions } from './embed/options.ts';
import { firstResult, openRecordingLink, startEmbed } from './embed/page.ts';
import { measureSteps } from './state/timing.ts';
import { fetchRecording } from './state/recordings.ts';

// Python starts loading before anything else happens (an embed without code: on its first Run).
if (startsPython(location.hash)) getClient().start();
else useStore.setState({ loadLabel: 'Python starts when you press Run' });

// An embed (#…&embed=1) neither restores nor saves the reader's autosaved code (embed/page.ts).
const view = readEmbedOptions(location.hash, location.href);
const frame = startEmbed(view);
if (!view.embed) restoreAutosave();

/** Open a share link: load its code, run it, show its step. A broken link loses nothing. */
function openHash(): boolean {
  const h = parseHash(location.hash);
  const s = useStore.getState();
  if (h.kind === 'broken') {
    s.setNotice({ kind: 'broken-link', level: 'error', text: `${h.reason} Nothing was changed: your code is as you left it.` });
    return false;
  }
  if (h.kind === 'ok') {
    const ex = EXAMPLES.find((e) => e.code === h.code);
    s.replaceCode(h.code, ex?.id ?? null);
    // A link's code is not the reader's until they edit it: it is not autosaved.
    useStore.setState({ pendingStep: h.step ?? null, codeFromLink: true });
    s.run();
    return true;
  }
  return false;
}

if (view.recording) {
  // #recording=<same-origin URL>: its code and run, without running Python.
  void openRecordingLink(view).then(() => frame?.ready());
} else if (openHash()) {
  if (frame) void firstResult().then(() => frame.ready());
} else if (view.embed) {
  // An embed with nothing in its address waits for its host's `load`.
  useStore.setState({ code: '', exampleId: null, codeVersion: useStore.getState().codeVersion + 1 });
  frame?.ready();
} else {
  // Open on an example, run at once so the panels are alive when Python is ready.
  const s = useStore.getState();
  if (s.exampleId) s.run();
}
addEventListener('hashchange', () => {
  const next = readEmbedOptions(location.hash, location.href);
  if (next.recording) void openRecordingLink(next);
  else openHash();
});
if (!view.embed) startAutosave();
// After Python is ready: the service worker that keeps the app for offline use (not in an embed:
// a host's page is not the reader's Loopscope, and its notice would be noise in a lesson).
if (!view.embed) startOffline();

// A small automation hook for tests and npm run bench:ui: set or read the code without typing,
// measure where a step's time goes (state/timing.ts), open a recording from this origin.
(window as unknown as { __loopscope: unknown }).__loopscope = {
  setCode: (code: string) => useStore.getState().replaceCode(code, null),
  getCode: () => useStore.getState().code,
  timing: measureSteps,
  // A recording from this origin, opened as the playground opens one (npm run bench:ui: the heap of a 10^6-step run).
  openRecording: async (url: string) => {
    const r = await fetchRecording(new URL(url, location.href).href); // fetchRecording takes an absolute URL
    if (!r.ok) throw new Error(r.error);
    return r.steps;
  },
  state: () => {
    const s = useStore.getState();
    return { phase: s.phase, k: s.k, n: s.player?.steps ?? null, queued: s.queued, runs: s.runCount, playing: s.playing, pythonReady: s.pythonVersion !== '' };
  },
};

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
