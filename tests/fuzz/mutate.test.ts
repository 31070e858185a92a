// The fuzzer's mutations (tests/fuzz/mutate.ts): deterministic from a seed, and each does what its name says.

import { describe, expect, it } from 'vitest';
import { applyMutation, makeMutant, MUTATIONS, rng, STATEMENTS, type Mutation } from './mutate.ts';

const PROGRAM = [
  'import asyncio',
  '',
  'async def main():',
  '    # a comment',
  '    await asyncio.sleep(1)',
  '    print("one")',
  '    await asyncio.sleep(2)',
  '',
  'asyncio.run(main())',
].join('\n');

/** Apply `kind` with the first seed for which it applies. */
function mutate(kind: Mutation): { lines: string[]; what: string } {
  for (let s = 1; s < 100; s++) {
    const lines = PROGRAM.split('\n');
    const what = applyMutation(lines, kind, rng(s), ['main', 'asyncio']);
    if (what) return { lines, what };
  }
  throw new Error(`${kind} never applied`);
}

describe('fuzz mutations', () => {
  it('draw the same mutant from the same seed and index, and others from others', () => {
    const programs = [{ name: 'p', source: PROGRAM }];
    expect(makeMutant(programs, 7, 3)).toEqual(makeMutant(programs, 7, 3));
    const all = new Set(Array.from({ length: 40 }, (_, i) => makeMutant(programs, 7, i).source));
    expect(all.size).toBeGreaterThan(20);
    expect(makeMutant(programs, 7, 3, 1)).not.toEqual(makeMutant(programs, 7, 3));
  });

  it('delete, duplicate and swap code lines (never blank lines or comments)', () => {
    const del = mutate('delete-line');
    expect(del.lines).toHaveLength(8);
    expect(del.lines).toContain('    # a comment');
    const dup = mutate('duplicate-line');
    const n = Number(dup.what.split(' ')[1]);
    expect(dup.lines[n]).toBe(dup.lines[n - 1]);
    const swap = mutate('swap-lines');
    expect([...swap.lines].map((l) => l.trim()).sort()).toEqual(PROGRAM.split('\n').map((l) => l.trim()).sort());
    expect(swap.lines).not.toEqual(PROGRAM.split('\n'));
  });

  it('swap what two awaits await', () => {
    const { lines } = mutate('swap-awaits');
    expect(lines[4]).toBe('    await asyncio.sleep(2)');
    expect(lines[6]).toBe('    await asyncio.sleep(1)');
  });

  it('insert a statement at a line\'s indentation, and edit single tokens', () => {
    const ins = mutate('insert-statement');
    const added = ins.lines.find((l) => STATEMENTS.includes(l.trim()))!;
    expect(ins.lines).toHaveLength(10);
    expect(['', '    ']).toContain(/^\s*/.exec(added)![0]);
    for (const kind of ['replace-name', 'insert-token', 'replace-token', 'delete-token'] as const) {
      const m = mutate(kind);
      expect(m.what.startsWith(kind)).toBe(true);
      expect(m.lines).toHaveLength(9);
      expect(m.lines.join('\n')).not.toBe(PROGRAM);
    }
  });

  it('know every kind of mutation', () => {
    for (const kind of MUTATIONS) expect(mutate(kind).what.split(' ')[0]).toBe(kind);
  });
});
