import { describe, expect, it } from 'vitest';
import { autoSizeFrames, FRAME_HEIGHT, type HostFrame, type HostWindow } from './host.ts';
import { eventMessage } from './api.ts';

function page(n: number) {
  const frames: HostFrame[] = Array.from({ length: n }, () => ({ contentWindow: {}, style: { height: '640px' } }));
  let listener: ((ev: { data: unknown; source: unknown }) => void) | null = null;
  const win: HostWindow = {
    document: { querySelectorAll: () => frames },
    addEventListener: (_t, l) => (listener = l),
    removeEventListener: () => (listener = null),
  };
  const send = (data: unknown, source: unknown) => listener?.({ data, source });
  return { frames, win, send };
}

describe('host helper: sizing frames from resize messages', () => {
  it('sizes the frame the message came from, and only that one', () => {
    const { frames, win, send } = page(2);
    autoSizeFrames(win);
    send(eventMessage({ type: 'resize', height: 731.4 }), frames[1].contentWindow);
    expect(frames.map((f) => f.style.height)).toEqual(['640px', '731px']);
  });

  it('ignores other windows, other events, malformed messages, and keeps heights within bounds', () => {
    const { frames, win, send } = page(1);
    const stop = autoSizeFrames(win);
    send(eventMessage({ type: 'resize', height: 300 }), {}); // not the frame's window
    send(eventMessage({ type: 'step', k: 1, n: 2, time: 0 }), frames[0].contentWindow);
    send({ channel: 'loopscope', version: 1, type: 'resize', height: 'tall' }, frames[0].contentWindow);
    send({ type: 'resize', height: 300 }, frames[0].contentWindow);
    expect(frames[0].style.height).toBe('640px');
    send(eventMessage({ type: 'resize', height: 1e9 }), frames[0].contentWindow);
    expect(frames[0].style.height).toBe(`${FRAME_HEIGHT.max}px`);
    send(eventMessage({ type: 'resize', height: 0 }), frames[0].contentWindow);
    expect(frames[0].style.height).toBe(`${FRAME_HEIGHT.min}px`);
    stop();
    send(eventMessage({ type: 'resize', height: 500 }), frames[0].contentWindow);
    expect(frames[0].style.height).toBe(`${FRAME_HEIGHT.min}px`);
  });
});
