// The host-side helper (docs/embedding.md, "Sizing the frame"): on a page that
// embeds Loopscope in iframes, size every `iframe[data-loopscope]` to the
// height its content reports in `resize {height}` messages. Only messages
// whose source is that frame's own window are taken, validated with api.ts.
// Built as its own file, `embed-host.js` (src/embed/host-entry.ts), for host
// pages to load with one <script type="module">.

import { parseEventMessage } from './api.ts';

/** The least and most a frame is sized to (CSS px): a hostile or broken embed cannot make a page 10^9 px tall. */
export const FRAME_HEIGHT = { min: 120, max: 4000 };

export interface HostWindow {
  document: { querySelectorAll(selector: string): ArrayLike<HostFrame> };
  addEventListener(type: 'message', listener: (ev: { data: unknown; source: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (ev: { data: unknown; source: unknown }) => void): void;
}
export interface HostFrame {
  contentWindow: unknown;
  style: { height: string };
}

/** Start sizing frames; returns a function that stops. `selector` picks the frames (default: `iframe[data-loopscope]`). */
export function autoSizeFrames(win: HostWindow, selector = 'iframe[data-loopscope]'): () => void {
  const onMessage = (ev: { data: unknown; source: unknown }) => {
    if (ev.source == null) return;
    const got = parseEventMessage(ev.data);
    if (got?.event.type !== 'resize') return;
    const frames = win.document.querySelectorAll(selector);
    for (let i = 0; i < frames.length; i++) {
      const f = frames[i];
      if (f.contentWindow !== ev.source) continue;
      const h = Math.round(Math.min(FRAME_HEIGHT.max, Math.max(FRAME_HEIGHT.min, got.event.height)));
      f.style.height = `${h}px`;
    }
  };
  win.addEventListener('message', onMessage);
  return () => win.removeEventListener('message', onMessage);
}
