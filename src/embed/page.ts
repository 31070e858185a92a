// The page's start from its address, for what this work added: an embed
// (`#…&embed=1`, docs/embedding.md) and `#recording=<same-origin URL>` (in the
// playground too). main.tsx calls these; share links (`#code=`) stay
// main.tsx's.
//
// Autosave in an embed: off, both ways. An embed never restores the reader's
// autosaved playground code (it shows its author's program) and never writes
// it (the reader's edits inside an embed live as long as that page does), so
// an embed on a tutorial page cannot overwrite what the reader left in the
// playground on the same site.

import { useStore } from '../state/store.ts';
import { startFrameApi, watchHeight, type FrameApi } from './frame.ts';
import type { EmbedOptions } from './options.ts';

/** Apply an embed's options to the store, start its message API; null in the playground. */
export function startEmbed(o: EmbedOptions): FrameApi | null {
  if (!o.embed) return null;
  document.documentElement.dataset.embed = '1';
  useStore.setState({ embed: true, readonly: o.readonly, panels: o.panels, ...(o.speed != null ? { speed: o.speed } : {}) });
  applyTheme(o.theme);
  for (const note of o.notes) console.warn(`[loopscope] ${note}`);
  const frame = startFrameApi(window, o.id);
  if (frame) {
    const root = document.getElementById('root');
    if (root) watchHeight(root, frame.post);
  }
  if (o.autoplay) {
    // Play once the first run (recorded or loaded) is there, from its start step.
    const stop = useStore.subscribe((s, prev) => {
      if (!s.player || s.player === prev.player) return;
      stop();
      queueMicrotask(() => {
        const st = useStore.getState();
        if (!st.playing) st.togglePlay();
      });
    });
  }
  return frame;
}

/** An embed's theme: as given, or the reader's system one (and following it); never saved as the reader's preference. */
function applyTheme(theme: EmbedOptions['theme']): void {
  if (theme === 'light' || theme === 'dark') {
    useStore.setState({ theme });
    return;
  }
  if (theme !== 'auto' || typeof matchMedia !== 'function') return;
  const mq = matchMedia('(prefers-color-scheme: dark)');
  const set = () => useStore.setState({ theme: mq.matches ? 'dark' : 'light' });
  set();
  mq.addEventListener('change', set);
}

/**
 * Open `#recording=`: refuse another origin with a message, else fetch and
 * open it. Resolves when it is shown or refused (an embed then says `ready`).
 */
export async function openRecordingLink(o: EmbedOptions): Promise<void> {
  if (!o.recording) return;
  if ('error' in o.recording) {
    useStore.getState().setNotice({ kind: 'bad-recording', level: 'error', text: `${o.recording.error} Nothing was changed: your code is as you left it.` });
    return;
  }
  const { fetchRecording } = await import('../state/recordings.ts');
  await fetchRecording(o.recording.url, { step: o.step, keepPanels: o.embed && o.panels !== null, keepSpeed: o.embed && o.speed !== null });
}

/** Resolves when the run a share link started has a result or an error (an embed of code then says `ready`). */
export function firstResult(): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      const s = useStore.getState();
      return s.runCount > 0 || s.runError !== null || s.phase === 'crashed';
    };
    if (done()) return resolve();
    const stop = useStore.subscribe(() => {
      if (!done()) return;
      stop();
      resolve();
    });
  });
}
