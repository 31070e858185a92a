// One regression test per finding of `npm run fuzz` (tests/fuzz/fuzz.ts), each
// named with the seed and mutant that found it. Findings whose whole output
// python3 decides are programs in tests/programs instead (named there).

import { beforeAll, describe, expect, it } from 'vitest';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { OWN_FRAMES } from './fuzz/own-frames.ts';

let rt: LoopscopeRuntime;
beforeAll(async () => {
  rt = await nodeRuntime();
});


describe('findings of npm run fuzz', () => {
  it('a coroutine first dropped at exit is blamed on no frame, as at python3\'s exit (seed 1, mutant 11)', () => {
    // The traceback of asyncio.wait's TypeError holds the coroutines until the
    // run ends; they were finalized in the runner's gc.collect() and the
    // warning named runner.py's line.
    const src = [
      'import asyncio',
      'async def job(n):',
      '    await asyncio.sleep(n)',
      'async def main():',
      '    await asyncio.wait([job(3), job(1)])',
      'asyncio.run(main())',
      '',
    ].join('\n');
    const r = rt.run(src, { filename: 'main.py' });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('TypeError: Passing coroutines is forbidden, use tasks explicitly.');
    expect(r.stderr).not.toMatch(OWN_FRAMES);
    // CPython 3.14 at exit (3.11 says "sys:1:"); once, as the same warning from the same place.
    expect(r.stderr.match(/^<sys>:0: RuntimeWarning: coroutine 'job' was never awaited$/gm)).toHaveLength(1);
  });

  it('prints no "Coroutine created at" lines at exit when the program tracks coroutine origins, as python3', () => {
    const src = 'import sys\nsys.set_coroutine_origin_tracking_depth(2)\nasync def job():\n    pass\nkept = [job()]\n';
    const r = rt.run(src, { filename: 'main.py' });
    expect(r.stderr).toContain("<sys>:0: RuntimeWarning: coroutine 'job' was never awaited\n");
    expect(r.stderr).not.toContain('Coroutine created at');
    expect(r.stderr).not.toMatch(OWN_FRAMES);
  });

  it('a task left on a loop that never ran is finalized in its own run, not in the next one (seed 20260, mutant 81)', () => {
    // ensure_future on the loop policy's loop, which the program never runs: the
    // runner's list of the run's loops kept the loop alive through the last
    // collection, so the next program printed "Task was destroyed but it is
    // pending!" and "coroutine 'sleep' was never awaited".
    const a = rt.run('import asyncio\nasyncio.ensure_future(asyncio.sleep(0.1))\n', { filename: 'a.py' });
    expect(a.exitCode).toBe(0);
    expect(a.stderr).not.toMatch(OWN_FRAMES);
    const b = rt.run('print("next")\n', { filename: 'b.py' });
    expect(b.stdout).toBe('next\n');
    expect(b.stderr).toBe('');
  });

  it('puts back the coroutine origin tracking depth a program set (found while testing the finding above)', () => {
    rt.run('import sys\nsys.set_coroutine_origin_tracking_depth(5)\n', { filename: 'a.py' });
    expect(rt.run('import sys\nprint(sys.get_coroutine_origin_tracking_depth())\n', { filename: 'b.py' }).stdout).toBe('0\n');
  });

  it('tracebacks that asyncio logs (exception handler) leave out Loopscope\'s frames (seed 20260, mutants 213, 675, 934, 957)', () => {
    // An error raised through one of our loop's or transports' methods (a super()
    // call on the way to asyncio's own) showed our file between asyncio's frames.
    const src = [
      'import asyncio',
      'class Proto(asyncio.Protocol):',
      '    def connection_made(self, transport):',
      '        self.transport = transport',
      '    def eof_received(self):',
      '        self.transport.write_eof()',
      '        self.transport.writelines([b"late"])',
      '    def connection_lost(self, exc):',
      '        raise ValueError("in connection_lost")',
      'def closer():',
      '    asyncio.get_event_loop().close()',
      'async def main():',
      '    loop = asyncio.get_running_loop()',
      '    server = await loop.create_server(Proto, "127.0.0.1", 0)',
      '    r, w = await asyncio.open_connection(*server.sockets[0].getsockname()[:2])',
      '    w.write_eof()',
      '    await asyncio.sleep(0.1)',
      '    loop.call_soon(closer)',
      '    await asyncio.sleep(0.1)',
      '    server.close()',
      'asyncio.run(main())',
      '',
    ].join('\n');
    const r = rt.run(src, { filename: 'main.py' });
    expect(r.stderr).toContain('RuntimeError: Cannot call writelines() after write_eof()');
    expect(r.stderr).toContain('ValueError: in connection_lost');
    expect(r.stderr).toContain('RuntimeError: Cannot close a running event loop');
    expect(r.stderr).toContain('File "main.py", line 11, in closer');
    expect(r.stderr).not.toMatch(OWN_FRAMES);
  });

  it('asyncio\'s default policy and selector loop are the virtual ones during a run (seed 20260, mutant 525)', () => {
    // set_event_loop_policy(None) made asyncio build its own Unix policy and a real
    // selector loop, which waited in select() forever.
    const src = [
      'import asyncio, warnings',
      'warnings.simplefilter("ignore", DeprecationWarning)',
      'asyncio.set_event_loop_policy(None)',
      'async def main():',
      '    await asyncio.sleep(0.1)',
      // Loopscope's loop is named as CPython's (_UnixSelectorEventLoop): tell it by its own attribute.
      '    print("slept", hasattr(asyncio.get_running_loop(), "_ls_loop_id") or "real")',
      'asyncio.run(main())',
      'loop = asyncio.SelectorEventLoop()',
      'loop.run_until_complete(main())',
      'loop.close()',
      'class Policy(asyncio.DefaultEventLoopPolicy):',
      '    pass',
      'asyncio.set_event_loop_policy(Policy())',
      'asyncio.run(main())',
      '',
    ].join('\n');
    const r = rt.run(src, { filename: 'main.py', maxSteps: 1000 });
    expect(r.stdout).toBe('slept True\nslept True\nslept True\n');
    expect(r.exitCode).toBe(0);
  });
});
