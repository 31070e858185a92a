// The iframe side of the message API on the real store, with a fake window.
import { describe, expect, it, vi } from 'vitest';
import { startFrameApi, type FrameWindow } from './frame.ts';
import { commandMessage, EMBED_API_VERSION, parseEventMessage, type EmbedEvent } from './api.ts';
import { useStore } from '../state/store.ts';
import { writeRecording } from '../trace/recording.ts';
import { tinyProgram } from '../trace/fixtures.test-util.ts';

function frame() {
  const posted: { data: unknown; origin: string }[] = [];
  const parent = { postMessage: (data: unknown, origin: string) => posted.push({ data, origin }) };
  let listener: ((ev: { data: unknown; source: unknown }) => void) | null = null;
  const win: FrameWindow = { parent, addEventListener: (_t, l) => (listener = l) };
  const log = vi.fn();
  const api = startFrameApi(win, 'ex1', log)!;
  const send = async (data: unknown, source: unknown = parent) => {
    listener!({ data, source });
    // Commands run on a promise chain (a load imports the reader): let it settle.
    for (let i = 0; i < 20; i++) await new Promise((r) => setTimeout(r, 0));
  };
  const events = () =>
    posted.map((p) => {
      const got = parseEventMessage(p.data);
      expect(got?.id).toBe('ex1');
      expect(p.origin).toBe('*');
      return got!.event;
    });
  return { api, send, events, posted, log, parent };
}

const recording = () => writeRecording({ trace: tinyProgram(), options: { step: 1 } });

describe('embed in an iframe: the message API', () => {
  it('is not started outside a frame', () => {
    const self = { parent: null as unknown, addEventListener: () => {} } as FrameWindow;
    (self as { parent: unknown }).parent = self;
    expect(startFrameApi(self, undefined)).toBeNull();
  });

  it('says ready once, loads a recording, and answers goto with the step it landed on', async () => {
    useStore.setState({ embed: true, player: null, k: 0 });
    const f = frame();
    f.api.ready();
    f.api.ready();
    await f.send(commandMessage({ type: 'load', recording: recording() }));
    await f.send(commandMessage({ type: 'goto', step: 3 }));
    await f.send(commandMessage({ type: 'goto', step: 3 }));
    await f.send(commandMessage({ type: 'goto', step: 99 }));
    const ev = f.events();
    expect(ev[0]).toEqual({ type: 'ready', version: EMBED_API_VERSION });
    expect(ev.filter((e) => e.type === 'ready')).toHaveLength(1);
    expect(ev).toContainEqual({ type: 'recorded', steps: 4, exitStatus: 0 });
    const steps = ev.filter((e): e is Extract<EmbedEvent, { type: 'step' }> => e.type === 'step').map((e) => [e.k, e.n]);
    expect(steps).toEqual([[1, 4], [3, 4], [3, 4], [4, 4]]);
    expect(f.log).not.toHaveBeenCalled();
  });

  it('plays, pauses and snaps speeds', async () => {
    const f = frame();
    await f.send(commandMessage({ type: 'load', recording: recording() }));
    await f.send(commandMessage({ type: 'goto', step: 0 }));
    await f.send(commandMessage({ type: 'setSpeed', speed: 3 }));
    expect(useStore.getState().speed).toBe(4);
    await f.send(commandMessage({ type: 'play' }));
    expect(useStore.getState().playing).toBe(true);
    await f.send(commandMessage({ type: 'pause' }));
    expect(useStore.getState().playing).toBe(false);
  });

  it('load {code} replaces the code and drops the old run; a bad recording is an error event', async () => {
    const f = frame();
    await f.send(commandMessage({ type: 'load', code: 'print("hi")\n' }));
    expect(useStore.getState().code).toBe('print("hi")\n');
    expect(useStore.getState().player).toBeNull();
    await f.send(commandMessage({ type: 'goto', step: 1 }));
    await f.send(commandMessage({ type: 'load', recording: '{"format": "loopscope-rec' }));
    const errors = f.events().filter((e) => e.type === 'error');
    expect(errors).toHaveLength(2);
    expect((errors[0] as { message: string }).message).toContain('no run to show yet');
    expect((errors[1] as { message: string }).message).toContain('truncated');
    expect(useStore.getState().code).toBe('print("hi")\n');
  });

  it('ignores messages from any window but its parent, and unknown or malformed ones, logging each reason once', async () => {
    const f = frame();
    useStore.setState({ k: 0, player: null });
    await f.send(commandMessage({ type: 'load', recording: recording() }), { someOtherWindow: true });
    expect(useStore.getState().player).toBeNull();
    await f.send({ channel: 'loopscope', version: 1, type: 'exec', code: 'x' });
    await f.send({ channel: 'loopscope', version: 1, type: 'exec', code: 'x' });
    await f.send({ channel: 'loopscope', version: 1, type: 'goto', step: -2 });
    await f.send({ hello: 'not ours' });
    expect(f.posted).toHaveLength(0);
    expect(f.log.mock.calls.map((c) => c[0])).toEqual([
      'ignored a message that did not come from the page this embed is in',
      "ignored message 'exec': not a command of this API (load, run, goto, play, pause, setSpeed)",
      expect.stringContaining("ignored message 'goto'"),
    ]);
  });
});
