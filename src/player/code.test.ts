import { describe, expect, it } from 'vitest';
import { highlightLines } from './code.ts';

describe('highlightLines', () => {
  it('gives one well-formed line of HTML per line of code', () => {
    const code = 'import asyncio\n\nasync def main():\n    s = """a\nb"""\n    await asyncio.sleep(1)  # <wait>\n';
    const lines = highlightLines(code);
    expect(lines).toHaveLength(code.split('\n').length);
    for (const l of lines) expect(l.match(/<span/g)?.length ?? 0).toBe(l.match(/<\/span>/g)?.length ?? 0);
    expect(lines[0]).toContain('<span class="hljs-keyword">import</span>');
    // The string spans lines 4-5: closed on one, opened again on the next.
    expect(lines[3]).toMatch(/<span class="hljs-string">&quot;&quot;&quot;a<\/span>$/);
    expect(lines[4]).toMatch(/^<span class="hljs-string">b&quot;&quot;&quot;<\/span>/);
    // Text is escaped: a comment cannot inject markup.
    expect(lines[5]).toContain('&lt;wait&gt;');
  });
  it('strips nothing from plain text', () => {
    const text = (s: string) => s.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');
    const code = "print('a & b <c>')\nx = 1\n";
    expect(highlightLines(code).map(text)).toEqual(code.split('\n'));
  });
});
