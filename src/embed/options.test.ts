import { describe, expect, it } from 'vitest';
import { embedHash, readEmbedOptions, recordingUrl } from './options.ts';
import { isEmbedHash, startsPython } from './hash-flags.ts';
import { parseHash } from '../state/share.ts';

const PAGE = 'https://example.org/loopscope/';

describe('embed URL options', () => {
  it('reads every option', () => {
    const o = readEmbedOptions('#code=x&embed=1&panels=tasks,ready&readonly=1&autoplay=1&speed=3&theme=dark&id=ex1', PAGE);
    expect(o).toEqual({
      embed: true,
      panels: ['ready', 'tasks'],
      readonly: true,
      autoplay: true,
      speed: 4,
      theme: 'dark',
      step: null,
      id: 'ex1',
      recording: null,
      notes: [],
    });
  });

  it('defaults to the playground, and says what it could not use', () => {
    expect(readEmbedOptions('', PAGE)).toMatchObject({ embed: false, panels: null, readonly: false, autoplay: false, speed: null, theme: null, notes: [] });
    const o = readEmbedOptions('#embed=1&panels=tasks,bogus&readonly=yes&speed=fast&theme=pink', PAGE);
    expect(o.panels).toEqual(['tasks']);
    expect(o.readonly).toBe(false);
    expect(o.notes).toEqual([
      'unknown panel bogus left out',
      'speed=fast is not a speed; ignored',
      'theme=pink is not light, dark or auto; ignored',
      'readonly=yes is not 1 or 0; ignored',
    ]);
  });

  it('opens recordings from the page’s own origin only', () => {
    expect(recordingUrl('recordings/tasks.json', PAGE)).toEqual({ url: 'https://example.org/loopscope/recordings/tasks.json' });
    expect(recordingUrl('/r.json', PAGE)).toEqual({ url: 'https://example.org/r.json' });
    expect(recordingUrl('https://evil.example/r.json', PAGE)).toEqual({ error: expect.stringContaining('another site than this page') });
    expect(recordingUrl('//evil.example/r.json', PAGE)).toEqual({ error: expect.stringContaining('https://evil.example') });
    expect(recordingUrl('data:application/json,{}', PAGE)).toEqual({ error: expect.stringContaining('data:') });
    const o = readEmbedOptions('#recording=' + encodeURIComponent('r/a b.json') + '&step=4', PAGE);
    expect([o.recording, o.step]).toEqual([{ url: 'https://example.org/loopscope/r/a%20b.json' }, 4]);
  });

  it('writes an embed link that reads back, with the share link’s code and step', () => {
    const code = 'import asyncio\nprint("a+b & c")\n';
    const h = embedHash({ code, step: 7, panels: ['ready', 'console'], readonly: true, autoplay: true, speed: 2, theme: 'light', id: 'a b' });
    expect(parseHash(h)).toEqual({ kind: 'ok', code, step: 7 });
    expect(readEmbedOptions(h, PAGE)).toMatchObject({ embed: true, panels: ['ready', 'console'], readonly: true, autoplay: true, speed: 2, theme: 'light', id: 'a b', notes: [] });
    expect(embedHash({ code })).toBe(h.slice(0, h.indexOf('&step=')) + '&embed=1');
  });

  it('starts Python at once unless an embed has no code to run', () => {
    expect(isEmbedHash('#code=x&embed=1')).toBe(true);
    expect(startsPython('')).toBe(true);
    expect(startsPython('#code=x')).toBe(true);
    expect(startsPython('#code=x&embed=1')).toBe(true);
    expect(startsPython('#embed=1&recording=r.json')).toBe(false);
    expect(startsPython('#embed=1')).toBe(false);
  });
});
