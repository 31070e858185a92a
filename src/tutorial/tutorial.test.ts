// tutorial.html against its programs: twelve recorded players, each naming a
// program that exists; the embedded playground's link opens program 07 as
// the playground would read it (share.ts).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHash } from '../state/share.ts';
import { parseHeader } from '../trace/recording.ts';
import { TUTORIAL_PROGRAMS, tutorialHtml } from './build.ts';

const html = readFileSync(join(import.meta.dirname, 'tutorial.html'), 'utf8');
const programs = readdirSync(TUTORIAL_PROGRAMS).filter((f) => f.endsWith('.py')).sort();

describe('tutorial.html', () => {
  it('has a player for each of the twelve programs, in order, and one with inline code', () => {
    const srcs = [...html.matchAll(/<loopscope-player src="\.\/recordings\/([\w-]+)\.json"/g)].map((m) => m[1] + '.py');
    expect(programs).toHaveLength(12);
    expect(srcs).toEqual(programs);
    expect(html.match(/<script type="text\/x-python">/g)).toHaveLength(1);
  });
  it('embeds the playground with program 07 (without its header) in embed mode', () => {
    const m = /<iframe[^>]* src="\.\/index\.html(#[^"]+)"/.exec(html);
    expect(m).not.toBeNull();
    const hash = m![1].replace(/&amp;/g, '&');
    expect(hash).toMatch(/&embed=1$/);
    const src = readFileSync(join(TUTORIAL_PROGRAMS, '07-tasks.py'), 'utf8');
    expect(parseHash(hash)).toEqual({ kind: 'ok', code: src.split('\n').slice(parseHeader(src).lines).join('\n'), step: null });
  });
  it('loads the player from ./player.js in the build, from the source in dev', () => {
    expect(tutorialHtml(false)).toContain('<script type="module" src="./player.js"></script>');
    expect(tutorialHtml(true)).toContain('<script type="module" src="/src/player/index.ts"></script>');
  });
});
