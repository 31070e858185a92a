// docs/trace-format.md shows a real recording: the example program, its
// decoded events, its side tables and what narration says for each step.
// Record the program again through the runtime and check the page, so the
// contract's example can never drift from what the runtime writes.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { stepOfOffset } from '../src/trace/decode.ts';
import { narrate } from '../src/trace/narrate.ts';
import { OP_NAMES, OPERANDS, type Trace } from '../src/trace/schema.ts';

const DOC = readFileSync(join(import.meta.dirname, '..', 'docs', 'trace-format.md'), 'utf8');
const EXAMPLE = DOC.slice(DOC.indexOf('## Example'), DOC.indexOf('## Network events'));

let rt: LoopscopeRuntime;
beforeAll(async () => {
  rt = await nodeRuntime();
});

function block(lang: string, nth = 0): string {
  const parts = EXAMPLE.split('```');
  const blocks = parts.filter((_, i) => i % 2 === 1).filter((b) => b.startsWith(lang + '\n') || (lang === '' && b.startsWith('\n')));
  return blocks[nth].slice(lang.length + 1);
}

function table(name: string): unknown {
  const m = new RegExp('`' + name + '` = `([\\s\\S]*?)`').exec(EXAMPLE);
  if (!m) throw new Error(`no ${name} in the example`);
  return JSON.parse(m[1]);
}

/** "offset  step k  NAME  operands" for every event, as the page writes it (without its comments). */
function decoded(t: Trace): string[] {
  const out: string[] = [];
  for (let i = 0; i < t.ops.length; i += 1 + OPERANDS[t.ops[i]]) {
    const operands = Array.from(t.ops.subarray(i + 1, i + 1 + OPERANDS[t.ops[i]]));
    out.push(`${i} step ${stepOfOffset(t, i)} ${OP_NAMES[t.ops[i]]} ${operands.join(', ')}`);
  }
  return out;
}

describe('docs/trace-format.md example', () => {
  it('is what the runtime records for the example program, event by event', () => {
    const source = block('python')
      .split('\n')
      .map((l) => l.replace(/^\s*\d+ ?/, ''))
      .join('\n');
    expect(source).toContain('async def main():');
    const r = rt.run(source, { filename: 'tiny.py' });
    expect(r.stdout).toBe('top\nstart\nhello 1\nend\n');
    const t = r.trace;
    const page = block('')
      .trim()
      .split('\n')
      .map((l) => {
        const m = /^\s*(\d+)\s+step (\d+)\s+([A-Z_]+)\s+(-?\d+(?:, -?\d+)*)?(?:\s{2,}.*)?$/.exec(l);
        if (!m) throw new Error(`cannot read the line: ${l}`);
        return `${m[1]} step ${m[2]} ${m[3]} ${m[4] ?? ''}`;
      });
    expect(decoded(t)).toEqual(page);
    expect(t.strings).toEqual(table('strings'));
    expect(t.times).toEqual(table('times'));
    expect(t.chains).toEqual(table('chains'));
    expect(Array.from(t.steps)).toEqual(table('steps'));
    const sentences = EXAMPLE.slice(EXAMPLE.indexOf('What `narrate` says'))
      .split('\n')
      .map((l) => /^(\d+)\. (.*)$/.exec(l))
      .filter((m) => m !== null)
      .map((m) => m[2]);
    expect(sentences.length).toBe(t.steps.length + 1);
    expect(sentences).toEqual(sentences.map((_, k) => narrate(t, k)));
  });
});
