// The iframe side of the embed message API (docs/embedding.md, "Messages"):
// the playground opened as `#…&embed=1` inside another page takes api.ts's
// commands through postMessage from its parent window, and tells the parent
// what happens (ready, recorded, step, resize, error).
//
// Rules: a message counts only if its `source` is this window's parent; it is
// validated with api.ts (valibot); anything unknown or malformed is ignored
// and logged once. Events go to the parent with targetOrigin '*': they carry
// step counts, times and sizes, nothing of the reader's, and an embed cannot
// know its host's origin in advance.

import { EMBED_API_VERSION, eventMessage, onceLogger, parseCommandMessage, snapSpeed, type Command, type EmbedEvent } from './api.ts';
import { useStore } from '../state/store.ts';
import { selectSnapshot } from '../state/selectors.ts';

/** What the frame API needs of its window (a real one in the page, a fake in tests). */
export interface FrameWindow {
  parent: { postMessage(message: unknown, targetOrigin: string): void } | null;
  addEventListener(type: 'message', listener: (ev: { data: unknown; source: unknown }) => void): void;
}

export interface FrameApi {
  /** Say `ready` (once): the embed has opened what its address asked for. */
  ready(): void;
  /** Post an event to the parent. */
  post(ev: EmbedEvent): void;
}

/** Open a recording (lazily loaded: recordings.ts and the reader stay out of the first chunk). */
async function loadRecording(recording: unknown): Promise<void> {
  const { openRecording } = await import('../state/recordings.ts');
  const s = useStore.getState();
  openRecording(recording, 'the recording', { keepPanels: s.panels !== null && s.embed, keepSpeed: false });
}

/** Carry out one validated command. Returns an error sentence for the host, or null. */
export async function runCommand(cmd: Command, post: (ev: EmbedEvent) => void): Promise<void> {
  const s = useStore.getState();
  switch (cmd.type) {
    case 'load':
      if ('code' in cmd) {
        s.pause();
        s.replaceCode(cmd.code, null);
        // The previous run belongs to the previous code.
        useStore.setState({ codeFromLink: true, player: null, outcome: null, k: 0, runError: null, recordingTitle: null });
      } else await loadRecording(cmd.recording);
      return;
    case 'run':
      s.run();
      return;
    case 'goto': {
      if (!s.player) {
        post({ type: 'error', message: `goto(${cmd.step}): there is no run to show yet; load a recording or run the code first.` });
        return;
      }
      const before = s.k;
      s.pause();
      s.setK(cmd.step);
      // The host hears where it landed even when that is where it was.
      if (useStore.getState().k === before) post(stepEvent());
      return;
    }
    case 'play':
      if (!s.player) {
        post({ type: 'error', message: 'play(): there is no run to play yet; load a recording or run the code first.' });
        return;
      }
      if (!s.playing) s.togglePlay();
      return;
    case 'pause':
      s.pause();
      return;
    case 'setSpeed':
      s.setSpeed(snapSpeed(cmd.speed));
      return;
  }
}

function stepEvent(): EmbedEvent {
  const s = useStore.getState();
  return { type: 'step', k: s.k, n: s.player?.steps ?? 0, time: selectSnapshot(s)?.time ?? 0 };
}

/**
 * Start the API: listen to the parent, and tell it about runs, steps and
 * errors as the store changes. Not started when the page is not framed.
 */
export function startFrameApi(win: FrameWindow, id: string | undefined, sink?: (msg: string) => void): FrameApi | null {
  const parent = win.parent;
  const log = onceLogger(sink);
  if (!parent || parent === (win as unknown)) return null;
  const post = (ev: EmbedEvent) => parent.postMessage(eventMessage(ev, id), '*');
  // Commands run one after another (a load of a recording is asynchronous).
  let queue: Promise<void> = Promise.resolve();
  win.addEventListener('message', (ev) => {
    const parsed = parseCommandMessage(ev.data);
    if (!parsed.ok && !parsed.ours) return; // someone else's traffic
    if (ev.source !== parent) {
      log('ignored a message that did not come from the page this embed is in');
      return;
    }
    if (!parsed.ok) {
      log(parsed.reason);
      return;
    }
    const cmd = parsed.command;
    queue = queue.then(() => runCommand(cmd, post)).catch((e) => post({ type: 'error', message: `${cmd.type}: ${e instanceof Error ? e.message : String(e)}` }));
  });

  useStore.subscribe((s, prev) => {
    if (s.player && s.player !== prev.player) post({ type: 'recorded', steps: s.player.steps, exitStatus: s.outcome?.exitCode ?? s.player.trace.meta.exitCode });
    if (s.player && (s.player !== prev.player || s.k !== prev.k)) post(stepEvent());
    if (s.runError && s.runError !== prev.runError) post({ type: 'error', message: s.runError });
    if (s.notice && s.notice !== prev.notice && s.notice.level === 'error') post({ type: 'error', message: s.notice.text });
  });

  let readySent = false;
  return {
    ready: () => {
      if (readySent) return;
      readySent = true;
      post({ type: 'ready', version: EMBED_API_VERSION });
    },
    post,
  };
}

/**
 * Post `resize {height}` whenever the content's height changes (the host
 * helper, src/embed/host.ts, sizes the frame from it).
 */
export function watchHeight(el: Element, post: (ev: EmbedEvent) => void): () => void {
  let last = -1;
  const send = () => {
    const height = Math.ceil(el.getBoundingClientRect().height);
    if (height === last || height === 0) return;
    last = height;
    post({ type: 'resize', height });
  };
  const ro = new ResizeObserver(send);
  ro.observe(el);
  send();
  return () => ro.disconnect();
}
