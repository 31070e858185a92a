import { describe, expect, it, vi } from 'vitest';
import {
  EMBED_API_VERSION,
  EMBED_CHANNEL,
  MAX_CODE_CHARS,
  PANEL_NAMES,
  commandMessage,
  eventMessage,
  onceLogger,
  parseCommand,
  parseCommandMessage,
  parseEventMessage,
  parsePanels,
  snapSpeed,
} from './api.ts';

describe('embed API: incoming commands', () => {
  it('accepts every command of the API in its envelope', () => {
    const cmds = [
      { type: 'load', code: 'print(1)' },
      { type: 'load', recording: { version: 2 } },
      { type: 'load', recording: '{"version":2}' },
      { type: 'run' },
      { type: 'goto', step: 5 },
      { type: 'play' },
      { type: 'pause' },
      { type: 'setSpeed', speed: 2 },
    ] as const;
    for (const c of cmds) {
      const r = parseCommandMessage(commandMessage(c, 'ex1'));
      expect(r).toEqual({ ok: true, command: c, id: 'ex1' });
    }
  });

  it('ignores, silently, traffic that is not ours', () => {
    for (const d of [null, 42, 'run', { type: 'run' }, { channel: 'other', version: 1, type: 'run' }, { source: 'react-devtools' }])
      expect(parseCommandMessage(d)).toEqual({ ok: false, ours: false });
  });

  it('rejects, with a reason, our messages that are malformed or of another version', () => {
    const bad = [
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'exec', code: 'x' },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'goto', step: -1 },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'goto', step: 1.5 },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'goto', step: '5' },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'setSpeed', speed: Infinity },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'run', extra: true },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'load' },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'load', code: 'x'.repeat(MAX_CODE_CHARS + 1) },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION + 1, type: 'run' },
    ];
    for (const d of bad) {
      const r = parseCommandMessage(d);
      expect(r.ok).toBe(false);
      expect(r).toHaveProperty('ours', true);
      expect((r as { reason: string }).reason).toMatch(/\w/);
    }
  });

  it('validates commands given without the envelope (element methods)', () => {
    expect(parseCommand({ type: 'goto', step: 3 })).toEqual({ ok: true, command: { type: 'goto', step: 3 } });
    expect(parseCommand({ type: 'goto' }).ok).toBe(false);
    expect(parseCommand({ type: 'exec' })).toEqual({ ok: false, ours: true, reason: "ignored message 'exec': not a command of this API (load, run, goto, play, pause, setSpeed)" });
    expect(parseCommand({ type: 'goto' })).toMatchObject({ reason: expect.stringMatching(/^ignored message 'goto': .*step/) });
  });
});

describe('embed API: outgoing events and helpers', () => {
  it('wraps events in the envelope, echoing the embed id', () => {
    expect(eventMessage({ type: 'step', k: 5, n: 16, time: 1 }, 'a')).toEqual({
      channel: EMBED_CHANNEL,
      version: EMBED_API_VERSION,
      id: 'a',
      type: 'step',
      k: 5,
      n: 16,
      time: 1,
    });
    expect(eventMessage({ type: 'ready', version: EMBED_API_VERSION })).not.toHaveProperty('id');
  });

  it('snaps speeds to the offered ones', () => {
    expect(snapSpeed(1)).toBe(1);
    expect(snapSpeed(3)).toBe(4);
    expect(snapSpeed(100)).toBe(8);
    expect(snapSpeed(0.01)).toBe(0.25);
  });

  it('parses panel lists in canonical order and reports unknown names', () => {
    expect(parsePanels(null).panels).toEqual([...PANEL_NAMES]);
    expect(parsePanels('console, ready,bogus')).toEqual({ panels: ['ready', 'console'], unknown: ['bogus'] });
  });

  it('logs each reason once', () => {
    const log = vi.fn();
    const once = onceLogger(log);
    once('a');
    once('a');
    once('b');
    expect(log).toHaveBeenCalledTimes(2);
  });
});

describe('embed API: events a host receives', () => {
  it('reads every event back from its envelope, with the id', () => {
    const evs = [
      { type: 'ready', version: EMBED_API_VERSION },
      { type: 'recorded', steps: 16, exitStatus: 0 },
      { type: 'step', k: 5, n: 16, time: 1.5 },
      { type: 'resize', height: 640 },
      { type: 'error', message: 'no' },
    ] as const;
    for (const e of evs) {
      expect(parseEventMessage(eventMessage(e, 'x'))).toEqual({ event: e, id: 'x' });
      expect(parseEventMessage(eventMessage(e))).toEqual({ event: e });
    }
  });

  it('refuses what is not an event of this version', () => {
    for (const d of [
      null,
      { type: 'resize', height: 10 },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'resize', height: -1 },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'resize', height: '10' },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION, type: 'run' },
      { channel: EMBED_CHANNEL, version: EMBED_API_VERSION + 1, type: 'resize', height: 10 },
    ])
      expect(parseEventMessage(d)).toBeNull();
  });
});
