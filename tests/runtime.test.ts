// The runtime end to end in Node: bad input, caps, and the facts a run records.

import { beforeAll, describe, expect, it } from 'vitest';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { chainLines, Op, OPERANDS, TaskState, type Trace } from '../src/trace/schema.ts';
import { TracePlayer } from '../src/trace/seek.ts';

let rt: LoopscopeRuntime;
beforeAll(async () => {
  rt = await nodeRuntime();
});

/** Events of a trace as [op, ...operands] tuples. */
function events(t: Trace): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < t.ops.length; i += 1 + OPERANDS[t.ops[i]]) out.push(Array.from(t.ops.subarray(i, i + 1 + OPERANDS[t.ops[i]])));
  return out;
}
const str = (t: Trace, id: number) => t.strings[id];

describe('bad input', () => {
  it('reports a syntax error with CPython\'s message, line and column', () => {
    const r = rt.run('import asyncio\n\ndef f(:\n    pass\n', { filename: 'main.py' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('File "main.py", line 3');
    expect(r.stderr).toContain('SyntaxError: invalid syntax');
    expect(r.syntaxError).toEqual({ line: 3, col: 7, message: 'SyntaxError: invalid syntax' });
  });

  it('stops a CPU loop that never yields, then runs the next program normally', () => {
    const r = rt.run('import asyncio\nasync def spin():\n    while True:\n        pass\nasyncio.run(spin())\n', { cpuBudget: 100_000 });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('Loopscope stopped the program');
    expect(r.stderr).toContain('endless loop');
    const next = rt.run('print("fine")\n');
    expect(next.stdout).toBe('fine\n');
    expect(next.exitCode).toBe(0);
  });

  it('ends an idle loop with a message naming the waiting task', () => {
    const src = 'import asyncio\nasync def main():\n    fut = asyncio.get_running_loop().create_future()\n    await fut\nasyncio.run(main())\n';
    const r = rt.run(src);
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toMatch(/idle/);
    expect(r.stderr).toContain('Task-1 waits on Future-1 at line 4');
  });

  it('caps huge output with a note and keeps the run alive', () => {
    const r = rt.run('for i in range(100000):\n    print("x" * 50)\nprint("end")\n', { maxOutputBytes: 10_000 });
    expect(r.stdout.length).toBeLessThanOrEqual(10_000);
    expect(r.stderr).toContain('output capped');
    expect(r.exitCode).toBe(0);
  });

  it('shows tracebacks in the user\'s line numbers without runtime frames', () => {
    const r = rt.run('import asyncio\n\nasync def main():\n    raise ValueError("boom")\n\nasyncio.run(main())\n', { filename: 'main.py' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('File "main.py", line 6, in <module>');
    expect(r.stderr).toContain('File "main.py", line 4, in main');
    expect(r.stderr).toContain('ValueError: boom');
    expect(r.stderr).not.toContain('loopscope');
  });

  it('stops at the step cap and says so', () => {
    const r = rt.run('import asyncio\nasync def main():\n    while True:\n        await asyncio.sleep(0)\nasyncio.run(main())\n', { maxSteps: 100 });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('step limit');
    expect(r.trace.steps.length).toBe(100);
  });
});

describe('recorded facts', () => {
  it('records tasks, their states, the futures they wait on and the await line', () => {
    const src = [
      'import asyncio',
      'async def worker(n):',
      '    await asyncio.sleep(n)',
      '    return n',
      'async def main():',
      '    return await asyncio.gather(worker(1), worker(2))',
      'print(asyncio.run(main()))',
    ].join('\n') + '\n';
    const r = rt.run(src);
    expect(r.stdout).toBe('[1, 2]\n');
    const ev = events(r.trace);
    const names = ev.filter((e) => e[0] === Op.TASK_NEW).map((e) => str(r.trace, e[2]));
    // asyncio.run's clean-up (shutdown_asyncgens, shutdown_default_executor) makes Task-4 and Task-5, as on CPython.
    expect(names.slice(0, 3)).toEqual(['Task-1', 'Task-2', 'Task-3']);
    const waits = ev.filter((e) => e[0] === Op.TASK_STATE && e[2] === TaskState.WAITING);
    // Task-2 and Task-3 wait at line 3 on their sleep futures; Task-1 waits at line 6 on the gather.
    expect(waits.map((e) => chainLines(r.trace, e[4]))).toEqual(expect.arrayContaining([[3], [6]]));
    const done = ev.filter((e) => e[0] === Op.TASK_STATE && e[2] === TaskState.DONE).map((e) => e[1]);
    expect(done.length).toBe(names.length);
    const timers = ev.filter((e) => e[0] === Op.AT);
    expect(timers.map((e) => r.trace.times[e[4]])).toEqual([1, 2]);
    expect(r.trace.times).toContain(2); // the clock reached t=2
  });

  it('queues task steps with the task as owner and its step label', () => {
    const r = rt.run('import asyncio\nasync def main():\n    await asyncio.sleep(0)\nasyncio.run(main())\n');
    const soons = events(r.trace).filter((e) => e[0] === Op.SOON);
    const main = events(r.trace).find((e) => e[0] === Op.TASK_NEW)!;
    expect(soons.length).toBeGreaterThanOrEqual(2);
    for (const e of soons.slice(0, 2)) {
      expect(str(r.trace, e[2])).toBe('Task-1: step main()');
      expect(e[3]).toBe(main[1]);
    }
  });

  it('shows a task that yields with sleep(0) ready again at its await line after each step', () => {
    const src = 'import asyncio\nasync def w(n):\n    for _ in range(3):\n        await asyncio.sleep(0)\nasync def main():\n    await asyncio.gather(w(1), w(2))\nasyncio.run(main())\n';
    const r = rt.run(src);
    const player = new TracePlayer(r.trace);
    let checked = 0;
    for (let k = 1; k <= player.steps; k++) {
      const snap = player.snapshot(k);
      const ran = snap.running?.task;
      const task = snap.tasks.find((t) => t.id === ran);
      if (!task || task.name === 'Task-1' || task.state === 'done') continue;
      expect(task.state).toBe('ready');
      expect(task.chain).toEqual([4]);
      expect(task.waitOn).toBeNull();
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(4);
  });

  it('records the def line of a user callback that ran, for the editor to highlight', () => {
    const r = rt.run('import asyncio\n\ndef hello(loop):\n    print("hello")\n    loop.stop()\n\nloop = asyncio.new_event_loop()\nloop.call_soon(hello, loop)\nloop.run_forever()\n');
    const lines = events(r.trace).filter((e) => e[0] === Op.LINE);
    expect(lines).toEqual([[Op.LINE, -1, 3]]);
  });

  it('names futures by number and by what asyncio made them for', () => {
    const src = 'import asyncio\nasync def main():\n    loop = asyncio.get_running_loop()\n    f = loop.create_future()\n    loop.call_soon(f.set_result, 1)\n    await f\n    await asyncio.sleep(0.5)\nasyncio.run(main())\n';
    const r = rt.run(src);
    const futs = events(r.trace).filter((e) => e[0] === Op.FUT_NEW).map((e) => [str(r.trace, e[2]), e[3]]);
    // The user's own future at the line that made it; sleep's future at the await.
    expect(futs).toEqual(expect.arrayContaining([['Future-1', 4], ['Future-2 (sleep)', 7]]));
    const idle = rt.run('import asyncio\nasync def main():\n    await asyncio.get_running_loop().create_future()\nasyncio.run(main())\n');
    expect(idle.stderr).toContain('Task-1 waits on Future-1 at line 3');
  });

  it('keeps the whole await chain when a task waits inside a coroutine of the user\'s', () => {
    const src = 'import asyncio\nasync def inner():\n    await asyncio.sleep(1)\nasync def outer():\n    await inner()\nasync def main():\n    t = asyncio.ensure_future(outer())\n    await asyncio.sleep(0)\n    await t\nasyncio.run(main())\n';
    const r = rt.run(src);
    const chains = events(r.trace).filter((e) => e[0] === Op.TASK_STATE && e[2] === TaskState.WAITING).map((e) => chainLines(r.trace, e[4]));
    expect(chains).toEqual(expect.arrayContaining([[5, 3], [9]]));
    // Chains are interned: each distinct one is in the table once.
    expect(new Set(r.trace.chains.map((c) => c.join('>'))).size).toBe(r.trace.chains.length);
  });

  it('labels functools.wraps wrappers by their own names, however many calls', () => {
    const src = [
      'import asyncio, functools',
      'def traced(f):',
      '    @functools.wraps(f)',
      '    def wrapper(*a):',
      '        return f(*a)',
      '    return wrapper',
      '@traced',
      'def ping(n): pass',
      '@traced',
      'def pong(n): pass',
      'loop = asyncio.new_event_loop()',
      'for i in range(300):',
      '    loop.call_soon(ping, i)',
      '    loop.call_soon(pong, i)',
      '    loop.call_soon(print)',
      'loop.call_soon(loop.stop)',
      'loop.run_forever()',
    ].join('\n') + '\n';
    const r = rt.run(src);
    const labels = events(r.trace).filter((e) => e[0] === Op.SOON).map((e) => str(r.trace, e[2]));
    expect(labels.slice(0, 3)).toEqual(['ping(0)', 'pong(0)', 'print()']);
    // After 200 distinct labels a callable's arguments are elided, each under its own name.
    expect(labels.slice(-4)).toEqual(['ping(...)', 'pong(...)', 'print()', 'loop.stop()']);
  });

  it('stops an endless loop in a Python child process like one in the program, and records nothing of the child', () => {
    const src = 'import asyncio, sys\nasync def main():\n    p = await asyncio.create_subprocess_exec(sys.executable, "-c", "while True: pass")\n    await p.wait()\nasyncio.run(main())\n';
    const r = rt.run(src, { cpuBudget: 100_000 });
    expect(r.exitCode).toBe(3);
    expect(r.stderr).toContain('endless loop');
    const child = rt.run('import asyncio, sys\nasync def main():\n    p = await asyncio.create_subprocess_exec(sys.executable, "-c", "import asyncio\\nasyncio.run(asyncio.sleep(1))\\nprint(7)")\n    print(await p.wait())\nasyncio.run(main())\n');
    expect(child.stdout).toBe('7\n0\n');
    // Only the parent's Task-1 (and asyncio.run's clean-up tasks) are in the trace.
    const tasks = events(child.trace).filter((e) => e[0] === Op.TASK_NEW).map((e) => str(child.trace, e[2]));
    expect(tasks[0]).toBe('Task-1');
    expect(tasks.every((n) => !n.includes('sleep'))).toBe(true);
  });

  it('labels callbacks the way a person would say them', () => {
    const src = 'import asyncio\ndef hello_world(loop):\n    print("Hello World")\n    loop.stop()\nloop = asyncio.new_event_loop()\nloop.call_soon(hello_world, loop)\nloop.call_later(1, print, "late")\nloop.run_forever()\n';
    const r = rt.run(src);
    const labels = events(r.trace).filter((e) => e[0] === Op.SOON || e[0] === Op.AT).map((e) => str(r.trace, e[2]));
    expect(labels).toEqual(['hello_world(loop)', "print('late')"]);
  });

  it('records time.sleep in a coroutine as a blocking call on virtual time', () => {
    const src = 'import asyncio, time\nasync def main():\n    loop = asyncio.get_running_loop()\n    t0 = loop.time()\n    time.sleep(1.5)\n    print(loop.time() - t0)\nasyncio.run(main())\n';
    const r = rt.run(src);
    expect(r.stdout).toBe('1.5\n');
    const blocks = events(r.trace).filter((e) => e[0] === Op.BLOCK);
    expect(blocks.length).toBe(1);
    expect(r.trace.times[blocks[0][3]]).toBe(1.5);
    expect(str(r.trace, blocks[0][2])).toBe('time.sleep(1.5)');
  });

  it('tags output with the step that printed it', () => {
    const r = rt.run('import asyncio\nloop = asyncio.new_event_loop()\nprint("top")\nloop.call_soon(print, "a")\nloop.call_soon(loop.stop)\nloop.run_forever()\n');
    const ev = events(r.trace);
    const firstRun = ev.findIndex((e) => e[0] === Op.RUN);
    const outs = ev.map((e, i) => [e, i] as const).filter(([e]) => e[0] === Op.OUT);
    expect(outs.map(([e]) => str(r.trace, e[2]))).toEqual(['top\n', 'a\n']);
    expect(outs[0][1]).toBeLessThan(firstRun);
    expect(outs[1][1]).toBeGreaterThan(firstRun);
  });

  it('gives every run fresh globals and task numbering', () => {
    const a = rt.run('import asyncio\nx = 1\nasync def m():\n    print(asyncio.current_task().get_name())\nasyncio.run(m())\n');
    const b = rt.run('import asyncio\nprint("x" in globals())\nasync def m():\n    print(asyncio.current_task().get_name())\nasyncio.run(m())\n');
    expect(a.stdout).toBe('Task-1\n');
    expect(b.stdout).toBe('False\nTask-1\n');
  });

  it('a loop one run left open is closed silently, not a traceback in a later run (pressing Run twice)', () => {
    const open = 'import asyncio\nloop = asyncio.new_event_loop()\nloop.call_soon(print, "one")\nloop.call_soon(loop.stop)\nloop.run_forever()\n';
    for (let i = 0; i < 3; i++) {
      const r = rt.run(open);
      expect(r.stdout).toBe('one\n');
      expect(r.stderr, `run ${i + 1}`).toBe('');
    }
  });
});
