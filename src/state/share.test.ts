import { describe, expect, it } from 'vitest';
import { compressToEncodedURIComponent } from 'lz-string';
import { makeHash, MAX_LINK_CHARS, MAX_LINK_CODE_CHARS, parseHash } from './share.ts';

describe('share links', () => {
  it('round-trips code and step', () => {
    expect(parseHash(makeHash('print("hi")\n', 3))).toEqual({ kind: 'ok', code: 'print("hi")\n', step: 3 });
  });

  it('refuses a link too long to open, before decoding it', () => {
    const enc = 'A'.repeat(MAX_LINK_CHARS + 1);
    const r = parseHash(`#code=${enc}`);
    expect(r.kind).toBe('broken');
    expect(r.kind === 'broken' && r.reason).toMatch(/holds 32,001 characters of encoded code; Loopscope opens links of up to 32,000/);
  });

  it('refuses a short link that decodes to too much code (lz-string expands repetition)', () => {
    const code = 'a'.repeat(MAX_LINK_CODE_CHARS + 100_000);
    const enc = compressToEncodedURIComponent(code);
    expect(enc.length).toBeLessThan(MAX_LINK_CHARS);
    const r = parseHash(`#code=${enc}`);
    expect(r.kind).toBe('broken');
    expect(r.kind === 'broken' && r.reason).toMatch(/holds 300,000 characters of code/);
  });
});
