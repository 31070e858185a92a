// One interpreter, many programs (`loopscope record`, the page's worker, the
// test suites): each run must be as isolated as a run in a fresh interpreter.
// Program A leaves state behind (modules imported, the loop policy changed,
// asyncio and builtins patched, loops left open, tasks pending, warning
// filters, the interpreter's settings); then program B's whole trace must
// equal B's trace in a runtime that ran nothing before. Also: the memory
// snapshot's runtime and a plainly loaded one record the same traces.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { createNodeRuntime } from '../src/runtime/node.ts';
import type { Trace } from '../src/trace/schema.ts';

/** Everything a trace records, but the wall-clock time the run took. */
function facts(t: Trace) {
  const { wallMs: _ignored, ...meta } = t.meta;
  return { version: t.version, strings: t.strings, times: t.times, ops: Array.from(t.ops), steps: Array.from(t.steps), meta };
}

const lines = (...l: string[]) => l.join('\n') + '\n';

/** B: a tutorial program touching what the A programs disturb. */
const B = lines(
  'import asyncio, sys, os, warnings',
  'import this',
  'print(sorted(m for m in ("fractions", "decimal", "statistics") if m in sys.modules))',
  'print(sys.getrecursionlimit(), os.getcwd(), os.environ.get("LOOPSCOPE_A"), sys.path[-1] == "/a", len(sys.argv))',
  'print(type(asyncio.get_event_loop_policy()).__name__)',
  'loop = asyncio.get_event_loop()',
  'print(loop.is_closed(), loop.is_running())',
  'async def worker(n):',
  '    await asyncio.sleep(n / 10)',
  '    return n * 2',
  'async def forgotten():',
  '    pass',
  'async def main():',
  '    forgotten()',
  '    warnings.warn("a user warning")',
  '    print(asyncio.current_task().get_name())',
  '    print(await asyncio.gather(*(worker(i) for i in range(3))))',
  '    print(asyncio.sleep.__name__, asyncio.sleep.__module__, asyncio.gather is None, asyncio.Task.__name__, asyncio.Future.__name__)',
  'loop.run_until_complete(main())',
  'loop.close()',
  'print(asyncio.run(worker(1)))',
  'import logging',
  'logging.getLogger("b").warning("b warns")',
  'print("done", flush=True)',
);

const A: Record<string, string> = {
  'modules imported, the interpreter\'s settings changed': lines(
    'import this, fractions, decimal, statistics, sys, os',
    'sys.setrecursionlimit(120)',
    'os.environ["LOOPSCOPE_A"] = "1"',
    'sys.path.append("/a")',
    'sys.argv.extend(["x", "y"])',
    'os.makedirs("/tmp/loopscope-a", exist_ok=True)',
    'os.chdir("/tmp/loopscope-a")',
  ),
  'loop policy changed': lines(
    'import asyncio',
    'class Policy(asyncio.DefaultEventLoopPolicy):',
    '    def get_event_loop(self):',
    '        print("custom policy")',
    '        return super().get_event_loop()',
    'asyncio.set_event_loop_policy(Policy())',
    'asyncio.get_event_loop()',
  ),
  'asyncio and builtins patched': lines(
    'import asyncio, asyncio.tasks, builtins',
    'async def fake_sleep(*a, **k):',
    '    print("patched sleep")',
    'asyncio.sleep = fake_sleep',
    'asyncio.tasks.sleep = fake_sleep',
    'asyncio.Task.__name__ = "Patched"',
    'asyncio.gather = None',
    '_print = builtins.print',
    'builtins.print = lambda *a, **k: _print("patched:", *a, **k)',
    'print("A")',
  ),
  'loops left open and running state': lines(
    'import asyncio',
    'loop = asyncio.new_event_loop()',
    'asyncio.set_event_loop(loop)',
    'async def main():',
    '    await asyncio.sleep(1)',
    'loop.run_until_complete(main())',
    'other = asyncio.new_event_loop()',
  ),
  'tasks left pending': lines(
    'import asyncio',
    'async def forever():',
    '    await asyncio.Event().wait()',
    'loop = asyncio.new_event_loop()',
    'asyncio.set_event_loop(loop)',
    'tasks = [loop.create_task(forever()) for _ in range(3)]',
    'loop.run_until_complete(asyncio.sleep(0.5))',
  ),
  'warning filters and registries': lines(
    'import warnings',
    'warnings.simplefilter("ignore")',
    'warnings.filterwarnings("error", category=UserWarning)',
    'warnings.warn = lambda *a, **k: None',
    'async def forgotten():',
    '    pass',
    'forgotten()',
  ),
  'logging configured': lines(
    'import logging',
    'logging.basicConfig(level=logging.DEBUG, format="A %(name)s %(message)s")',
    'logging.getLogger("asyncio").setLevel(logging.DEBUG)',
    'logging.getLogger("a.own").addHandler(logging.StreamHandler())',
    'logging.debug("configured")',
  ),
  'an uncaught exception and a limit': lines(
    'import asyncio',
    'async def spin():',
    '    while True:',
    '        await asyncio.sleep(0)',
    'asyncio.run(spin())',
  ),
};

/** B in a runtime that ran nothing before, and a runtime reused by every A-then-B. */
let fresh: Trace;
let reused: LoopscopeRuntime;

beforeAll(async () => {
  const first = await createNodeRuntime();
  fresh = first.runtime.run(B, { filename: 'b.py', maxSteps: 10_000 }).trace;
  reused = (await createNodeRuntime()).runtime;
});

describe('a run after another run is as isolated as a run in a fresh interpreter', () => {
  it('B alone prints what python3 prints for it (the reference is sound)', () => {
    const out = fresh.strings.join('');
    expect(out).toContain('The Zen of Python, by Tim Peters');
    expect(out).toContain('Task-1');
    expect(out).toContain('[0, 2, 4]');
    expect(out).toContain('b warns');
  });

  for (const [what, a] of Object.entries(A)) {
    it(`after a program that leaves ${what} behind`, () => {
      reused.run(a, { filename: 'a.py', maxSteps: 1_000 });
      const b = reused.run(B, { filename: 'b.py', maxSteps: 10_000 });
      expect(b.stderr).not.toContain('Loopscope internal error');
      expect(facts(b.trace)).toEqual(facts(fresh));
    });
  }
});

describe('the memory snapshot', () => {
  let plain: LoopscopeRuntime;
  beforeAll(async () => {
    const p = await createNodeRuntime({ snapshot: false });
    expect(p.python).toBe('plain');
    plain = p.runtime;
  });
  afterAll(() => {
    plain = undefined as unknown as LoopscopeRuntime;
  });

  it('records the same traces as a plain load', async () => {
    const restored = await createNodeRuntime({ make: false, warn: (m) => { throw new Error(m); } });
    expect(restored.python).toBe('restored');
    for (const src of [B, A['tasks left pending'], 'import asyncio, sys\nprint(sys.executable, sys.argv, sys.flags.inspect)\nasyncio.run(asyncio.sleep(1))\n']) {
      expect(facts(restored.runtime.run(src, { filename: 'p.py' }).trace)).toEqual(facts(plain.run(src, { filename: 'p.py' }).trace));
    }
  });
});
