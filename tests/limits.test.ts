// Caps that keep a hostile or runaway program from taking the page down:
// Python's memory (memory-cap.ts) and the recording's size. Each capped run
// keeps what it recorded and names the cap on its last step, and the next run
// in the same runtime is normal.

import { beforeAll, describe, expect, it } from 'vitest';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { installMemoryCap, type MemoryCap } from '../src/runtime/memory-cap.ts';
import { LimitKind, Op, TracePlayer } from '../src/trace/index.ts';

let rt: LoopscopeRuntime;
let memory: MemoryCap;
beforeAll(async () => {
  rt = await nodeRuntime();
  memory = installMemoryCap();
});

const CAP = 256 * 2 ** 20;

describe('memory cap', () => {
  it('an allocation past the cap raises MemoryError; the cap is named on the last step; the next run is normal', () => {
    const r = rt.run('print("before")\ndata = bytearray(512 * 1024 ** 2)\nprint("after")\n', { memory, maxMemoryBytes: CAP });
    expect(r.stdout).toBe('before\n');
    expect(r.stderr).toContain('MemoryError');
    expect(r.stderr).toContain("Loopscope: Python's memory reached the cap of 256 MiB");
    expect(r.exitCode).toBe(1);
    expect(memory.hit).toBe(true);
    const p = new TracePlayer(r.trace);
    expect(p.index.limit).toMatchObject({ kind: 'memory', step: p.steps });
    // The last events: LIMIT(MEMORY) then EXIT.
    const ops = r.trace.ops;
    expect(ops[ops.length - 2 - 3]).toBe(Op.LIMIT);
    expect(ops[ops.length - 2 - 2]).toBe(LimitKind.MEMORY);
    const next = rt.run('x = bytearray(10 * 1024 ** 2)\nprint(len(x))\n', { memory, maxMemoryBytes: CAP });
    expect(next.stdout).toBe('10485760\n');
    expect(next.exitCode).toBe(0);
    expect(memory.hit).toBe(false);
  });

  it('a run without a cap is not capped', () => {
    const r = rt.run('x = bytearray(64 * 1024 ** 2)\nprint("ok")\n', { memory });
    expect(r.stdout).toBe('ok\n');
    expect(memory.limit).toBe(Infinity);
  });
});

describe('recording size cap', () => {
  const many = `import asyncio
async def tick(i):
    await asyncio.sleep(0)
async def main():
    for i in range(100_000):
        await asyncio.create_task(tick(i), name="t" * 200 + str(i))
asyncio.run(main())
print("finished")
`;
  it('ends the run at the first iteration past the cap and keeps what it recorded', () => {
    const r = rt.run(many, { maxTraceBytes: 2 * 2 ** 20 });
    expect(r.exitCode).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Loopscope stopped the program: the recording of the run reached its size cap.');
    const p = new TracePlayer(r.trace);
    expect(p.steps).toBeGreaterThan(1000);
    expect(p.index.limit).toMatchObject({ kind: 'memory', message: 'the recording of the run reached its size cap' });
    const bytes = r.trace.ops.byteLength + r.trace.strings.reduce((n, s) => n + 2 * s.length, 0);
    expect(bytes).toBeLessThan(3 * 2 ** 20);
    expect(rt.run('print("next")\n').stdout).toBe('next\n');
  });
});
