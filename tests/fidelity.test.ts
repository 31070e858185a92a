// Issue 11's strict checks that a program's expected output cannot express:
// no Loopscope frame in any traceback however it is printed, the exact last
// line CPython prints for a coroutine collected at exit, caps on loops that
// are not Loopscope's, and that asyncio's own loop classes are recorded.

import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { Op, OPERANDS, type Trace } from '../src/trace/schema.ts';
import { OWN_PROGRAMS } from './programs.ts';

let rt: LoopscopeRuntime;
beforeAll(async () => {
  rt = await nodeRuntime();
});

const lines = (...l: string[]) => l.join('\n') + '\n';
/** Where the runtime's Python package lives in Pyodide's file system: no traceback may name it. */
const OURS = /loopscope_rt|\/loopscope\//;

/** The distinct ids (first operand) of a trace's events of one kind. */
function ids(t: Trace, op: number): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < t.ops.length; i += 1 + OPERANDS[t.ops[i]]) if (t.ops[i] === op) out.add(t.ops[i + 1]);
  return out;
}

describe('tracebacks show no frame of Loopscope, however they are printed', () => {
  it('print_exc, logging.exception, print_stack, a task never retrieved, format_exception, uncaught', () => {
    const src = readFileSync(join(OWN_PROGRAMS, 'errors-tracebacks-printed.py'), 'utf8');
    const r = rt.run(src, { filename: '/w/errors-tracebacks-printed.py' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).not.toMatch(OURS);
    // Where Loopscope stands in for asyncio, the frame reads as asyncio's.
    expect(r.stderr).toMatch(/asyncio\/base_events\.py", line \d+, in _run_once\n {4}handle\._run\(\)\n/);
    expect(r.stderr).toMatch(/asyncio\/selector_events\.py", line \d+, in _sock_connect_cb\n {4}raise OSError\(err, f'Connect call failed \{address\}'\)\n/);
    expect(r.stderr).toMatch(/concurrent\/futures\/thread\.py", line \d+, in run\n/);
  });

  it('an uncaught KeyboardInterrupt raised in a callback, through the loop', () => {
    const r = rt.run(lines(
      'import asyncio',
      'def cb():',
      '    raise KeyboardInterrupt',
      'loop = asyncio.new_event_loop()',
      'loop.call_soon(cb)',
      'loop.run_forever()',
    ), { filename: '/w/ki.py' });
    expect(r.exitCode).toBe(130);
    expect(r.stderr).not.toMatch(OURS);
    expect(r.stderr).toMatch(/in run_forever\n {4}self\._run_once\(\)\n.*in _run_once\n {4}handle\._run\(\)\n.*in _run\n.*\n {2}File "\/w\/ki\.py", line 3, in cb\n/s);
  });

  it('debug mode: slow callbacks, where a task was created, an exception in a callback', () => {
    const r = rt.run(lines(
      'import asyncio, time',
      'async def slow():',
      '    time.sleep(0.2)',
      '    raise ValueError("late")',
      'async def main():',
      '    asyncio.get_running_loop().call_soon(lambda: 1 / 0)',
      '    t = asyncio.create_task(slow())',
      '    await asyncio.sleep(0.5)',
      '    del t',
      'asyncio.run(main(), debug=True)',
    ), { filename: '/w/debug.py' });
    expect(r.stderr).toContain('Executing <Task');
    expect(r.stderr).toContain('ZeroDivisionError: division by zero');
    expect(r.stderr).toContain('Task exception was never retrieved');
    expect(r.stderr).toContain('File "/w/debug.py", line 7, in main');
    expect(r.stderr).not.toMatch(OURS);
  });
});

describe('warnings at exit', () => {
  it("a coroutine collected at exit: one line, as at CPython's shutdown (3.13+ '<sys>:0:')", () => {
    const src = readFileSync(join(OWN_PROGRAMS, 'errors-never-awaited-at-exit.py'), 'utf8');
    const r = rt.run(src, { filename: '/w/phase.py' });
    expect(r.stderr.endsWith("TypeError: Passing coroutines is forbidden, use tasks explicitly.\n" +
      "<sys>:0: RuntimeWarning: coroutine 'phase' was never awaited\n")).toBe(true);
    expect(r.stderr).not.toMatch(OURS);
  });

  it('a coroutine dropped while the program runs: its own line and the tracemalloc hint, as CPython', () => {
    const r = rt.run(lines('async def f():', '    pass', 'f()', 'print("after")'), { filename: '/w/drop.py' });
    expect(r.stderr).toBe("/w/drop.py:3: RuntimeWarning: coroutine 'f' was never awaited\n  f()\n" +
      'RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n');
  });
});

describe('loops that are not Loopscope\'s own', () => {
  const plainLoop = lines(
    'import asyncio',
    'from asyncio import selector_events',
    'class PlainLoop(selector_events.BaseSelectorEventLoop):',
    '    pass',
  );

  it('a loop that spins for ever is stopped by the CPU budget, which counts its iterations', () => {
    const r = rt.run(plainLoop + lines(
      'def again(loop):',
      '    loop.call_soon(again, loop)',
      'loop = PlainLoop()',
      'loop.call_soon(again, loop)',
      'loop.run_forever()',
    ), { cpuBudget: 100_000 });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain("Loopscope stopped the program: another event loop (PlainLoop, not Loopscope's) ran more than 2,000 iterations");
  });

  it('a busy loop sees time pass: its timer comes due while tasks loop on sleep(0)', () => {
    const r = rt.run(plainLoop + lines(
      'stop = False',
      'def set_stop():',
      '    global stop',
      '    stop = True',
      'async def spin():',
      '    n = 0',
      '    while not stop:',
      '        n += 1',
      '        await asyncio.sleep(0)',
      '    return n > 0',
      'loop = PlainLoop()',
      'loop.call_later(0.01, set_stop)',
      'print(loop.run_until_complete(spin()))',
    ));
    expect(r.stdout).toBe('True\n');
    expect(r.exitCode).toBe(0);
  });

  it("asyncio's own loop classes are Loopscope's loop: recorded and shown like it", () => {
    const r = rt.run(lines(
      'import asyncio',
      'async def main():',
      '    await asyncio.sleep(0.1)',
      'asyncio.run(main(), loop_factory=asyncio.EventLoop)',
      'loop = asyncio.SelectorEventLoop()',
      'loop.run_until_complete(main())',
    ));
    expect(r.exitCode).toBe(0);
    // main() twice, and asyncio.run's shutdown_asyncgens() and shutdown_default_executor()
    expect(ids(r.trace, Op.TASK_NEW).size).toBe(4);
    expect(r.trace.steps.length).toBeGreaterThanOrEqual(4);
  });
});

describe("Loopscope's class names stay out of what a program and the panels show", () => {
  it("asyncio.run's clean-up task reads BaseEventLoop.shutdown_default_executor(), as in CPython", () => {
    const r = rt.run(lines('import asyncio', 'async def main():', '    pass', 'asyncio.run(main())'));
    expect(r.exitCode).toBe(0);
    // The Tasks panel names a task by the coroutine the trace records for it.
    expect(r.trace.strings).toContain('BaseEventLoop.shutdown_default_executor()');
    expect(r.trace.strings).toContain('BaseEventLoop.shutdown_asyncgens()');
    expect(r.trace.strings.filter((s) => /VirtualEventLoop|NetworkMixin/.test(s))).toEqual([]);
  });

  it('the loop and its methods, ours or not, are named as CPython names them', () => {
    const src = readFileSync(join(OWN_PROGRAMS, 'loops-names-as-asyncio.py'), 'utf8');
    const r = rt.run(src, { filename: 'main.py' });
    expect(r.stdout).toBe(readFileSync(join(OWN_PROGRAMS, 'loops-names-as-asyncio.out'), 'utf8'));
    expect(r.stdout).not.toMatch(/VirtualEventLoop|NetworkMixin/);
  });
});

describe('coroutine checks', () => {
  it('a plain generator is refused by create_task even after an @asyncio.coroutine one made a task', () => {
    const r = rt.run(lines(
      'import asyncio',
      '@asyncio.coroutine',
      'def old():',
      '    yield from asyncio.sleep(0)',
      '    return "old"',
      'def plain():',
      '    yield',
      'async def main():',
      '    print(await asyncio.create_task(old()), asyncio.iscoroutine(old()), asyncio.iscoroutine(plain()))',
      '    try:',
      '        asyncio.create_task(plain())',
      '    except TypeError as e:',
      '        print("TypeError:", str(e).split(" got ")[0])',
      'asyncio.run(main())',
    ));
    expect(r.stdout).toBe('old True False\nTypeError: a coroutine was expected,\n');
  });
});
