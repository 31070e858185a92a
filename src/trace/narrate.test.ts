// Narration says, for each step, what the loop did. These tests check the
// sentences users see, on traces recorded through the real runtime from real
// programs (tests/recorded.ts), so labels and event order are the runtime's,
// not a guess at them.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { record, recordExample, recordLines } from '../../tests/recorded.ts';
import { labelNames, narrate } from './narrate.ts';
import { TraceRecorder } from './recorder.ts';
import { randomTrace } from './fixtures.test-util.ts';
import { SYNTHETIC_META } from './synthetic.ts';
import type { Trace } from './schema.ts';

const say = (t: Trace, ...steps: number[]) => steps.map((k) => narrate(t, k));

describe('narrate (real programs)', () => {
  it('a task that yields with sleep(0), also when the runtime records no new state for it', async () => {
    const t = await recordLines(
      'import asyncio',
      'async def worker():',
      '    for i in range(2):',
      '        await asyncio.sleep(0)',
      'async def main():',
      '    await asyncio.gather(worker(), worker())',
      'asyncio.run(main())',
    );
    expect(say(t, 0, 1, 2, 4, 6, 9)).toEqual([
      "Step 0: the program's top level created task Task-1.",
      'Task-1 ran main() until it awaited _GatheringFuture-3; Task-1 now waits on it; it also created tasks Task-2 and Task-3.',
      'Task-2 ran worker() until it yielded to the loop; its next step is queued.',
      // The second sleep(0) at the same line records no TASK_STATE (the reader restores the state):
      // it is a yield all the same, not "scheduled Task-2: step worker()".
      'Task-2 ran worker() until it yielded to the loop; its next step is queued.',
      'Task-2 ran worker() to completion; it also scheduled gather.<locals>._done_callback(Task-2).',
      'gather.<locals>._done_callback(Task-3) ran as a done callback of Task-3 and resolved _GatheringFuture-3 with [None, None] and woke Task-1.',
    ]);
  });

  it('plain callbacks, quoting one printed line and counting several', async () => {
    const one = await recordLines(
      'import asyncio',
      'def hello_world(loop):',
      "    print('Hello World')",
      '    loop.stop()',
      'loop = asyncio.new_event_loop()',
      'loop.call_soon(hello_world, loop)',
      'loop.run_forever()',
    );
    expect(say(one, 0, 1)).toEqual([
      "Step 0: the program's top level scheduled hello_world(loop).",
      'hello_world(loop) ran and printed “Hello World”.',
    ]);
    const several = await recordLines(
      'import asyncio',
      'def report():',
      "    print('one\\ntwo')",
      "    print('three')",
      'loop = asyncio.new_event_loop()',
      'loop.call_soon(report)',
      'loop.call_soon(loop.stop)',
      'loop.run_forever()',
    );
    expect(say(several, 1, 2)).toEqual(['report() ran and printed 3 lines, first “one”.', 'loop.stop() ran.']);
  });

  it('a sleep: the timer, the clock jump, the wakeup, and a task waiting for another', async () => {
    const t = await recordLines(
      'import asyncio',
      'async def child():',
      '    await asyncio.sleep(1)',
      '    return 42',
      'async def main():',
      '    t = asyncio.create_task(child())',
      '    print(await t)',
      'asyncio.run(main())',
    );
    expect(say(t, 1, 2, 3, 4, 5)).toEqual([
      'Task-1 ran main() until it awaited Task-2; Task-1 now waits for it to finish; it also created task Task-2.',
      'Task-2 ran child() until it awaited Future-1 (sleep): a timer was set for t=1.000 and Task-2 now waits on it; then the clock jumped to t=1.000, where timer end of sleep: resolve Future-1 fell due.',
      'Timer end of sleep: resolve Future-1 ran and resolved Future-1 (sleep) with None and woke Task-2.',
      'Task-2 ran child() to completion (result 42); it also woke Task-1.',
      'Task-1 ran main() to completion; it also printed “42” and scheduled run_until_complete: Task-1 finished, stop the loop.',
    ]);
  });

  it('a done callback, a timer that resolves a future, a blocking call, a cancelled task', async () => {
    const cb = await recordLines(
      'import asyncio',
      'def on_done(fut):',
      "    print('done:', fut.result())",
      'async def main():',
      '    loop = asyncio.get_running_loop()',
      '    fut = loop.create_future()',
      '    fut.add_done_callback(on_done)',
      "    loop.call_later(0.5, fut.set_result, 'ok')",
      '    await fut',
      'asyncio.run(main())',
    );
    expect(say(cb, 1, 2, 3)).toEqual([
      "Task-1 ran main() until it awaited Future-1; Task-1 now waits on it; it also set a timer for t=0.500 (Future.set_result('ok')); then the clock jumped to t=0.500, where timer Future.set_result('ok') fell due.",
      "Timer Future.set_result('ok') ran and scheduled on_done(Future-1), resolved Future-1 with 'ok', and woke Task-1.",
      'on_done(Future-1) ran as a done callback of Future-1 and printed “done: ok”.',
    ]);
    const blocking = await recordLines('import asyncio, time', 'async def main():', '    time.sleep(1)', '    await asyncio.sleep(0)', 'asyncio.run(main())');
    expect(narrate(blocking, 1)).toBe(
      'Task-1 ran main() until it yielded to the loop; its next step is queued; it also blocked the whole loop for 1.000 s in time.sleep(1).',
    );
    const cancel = await recordLines(
      'import asyncio',
      'async def sleeper():',
      '    await asyncio.sleep(10)',
      'async def main():',
      '    t = asyncio.create_task(sleeper())',
      '    await asyncio.sleep(0)',
      '    t.cancel()',
      '    try:',
      '        await t',
      '    except asyncio.CancelledError:',
      "        print('cancelled')",
      'asyncio.run(main())',
    );
    expect(say(cancel, 3, 4)).toEqual([
      'Task-1 ran main() until it awaited Task-2; Task-1 now waits for it to finish; it also cancelled Future-1 (sleep) and woke Task-2.',
      'Task-2 ran sleeper() and it was cancelled; it also woke Task-1 and cancelled 1 handle.',
    ]);
  });

  it('what code outside any handle does is not the handle\'s doing', async () => {
    const t = await recordLines(
      'import asyncio',
      'loop = asyncio.new_event_loop()',
      'async def one():',
      "    print('one')",
      'loop.run_until_complete(one())',
      "print('between')",
      "loop.call_soon(print, 'two')",
      'loop.run_until_complete(asyncio.sleep(0))',
    );
    expect(say(t, 2, 3)).toEqual([
      "run_until_complete: Task-1 finished, stop the loop ran as a done callback of Task-1; then between handles the program printed “between”, created task Task-2, and scheduled print('two').",
      "print('two') ran and printed “two”.",
    ]);
  });

  it('a failed task and an idle loop: the clean-up after the limit, and the limit at the end', async () => {
    const r = await record(
      [
        'import asyncio',
        'async def boom():',
        "    raise ValueError('nope')",
        'async def main():',
        '    asyncio.ensure_future(boom())',
        '    await asyncio.Event().wait()',
        'asyncio.run(main())',
      ].join('\n') + '\n',
    );
    expect(r.exitCode).toBe(3);
    const t = r.trace;
    expect(narrate(t, 2)).toBe(
      'Task-2 ran boom() and it failed with ValueError: nope; it also printed 6 lines, first “Task exception was never retrieved”; then between handles the program cancelled Future-1 (wait) and woke Task-1.',
    );
    // A future met first as a callback's argument is named in its label (not its repr).
    expect(narrate(t, 5)).toBe('run_until_complete: _GatheringFuture-3 finished, stop the l… ran as a done callback of _GatheringFuture-3; then between handles the program created task Task-3.');
    expect(narrate(t, t.steps.length)).toMatch(
      /^run_until_complete: Task-4 finished, stop the loop ran as a done callback of Task-4; then between handles the program printed “Loopscope stopped the program: the even…”, the run hit its idle limit \(the event loop is idle: .*Waiting: Task-1 waits on Future-1 at line 6\), and the program exited with status 3\.$/,
    );
  });

  it('a syntax error, and a program that never uses the loop', async () => {
    const bad = await recordLines('import asyncio', 'async def main()', '    pass');
    expect(narrate(bad, 0)).toBe(
      "Step 0: the program's top level printed 4 lines, first “  File \"main.py\", line 2”; then a syntax error at line 2: SyntaxError: expected ':' and the program exited with status 1.",
    );
    expect(narrate(await recordLines('x = 1'), 0)).toBe('Step 0: the program ended without running anything on the event loop.');
  });

  it('says something factual for every step of every gallery example', async () => {
    const names = readdirSync(join(import.meta.dirname, '..', 'examples'))
      .filter((f) => f.endsWith('.py'))
      .map((f) => f.replace(/\.py$/, ''));
    expect(names.length).toBeGreaterThan(10);
    for (const name of names) {
      const t = await recordExample(name);
      for (let k = 0; k <= t.steps.length; k++) {
        const s = narrate(t, k);
        expect(s, `${name} step ${k}`).toMatch(/^[A-Z_a-z].*\.$/s);
        expect(s, `${name} step ${k}`).not.toMatch(/undefined|NaN|null|#-?\d|\[object/);
      }
    }
  });
});

describe('narrate (any well-formed trace)', () => {
  it('does not name the future of a timer twice when its label already does', () => {
    expect(labelNames('end of sleep: resolve Future-1', 'Future-1 (sleep)')).toBe(true);
    expect(labelNames('end of sleep: resolve Future-12', 'Future-1 (sleep)')).toBe(false);
    expect(labelNames('end of sleep: resolve ...', 'Future-1 (sleep)')).toBe(false);
  });

  it('says something for every step of a random trace (traces from files need not come from this runtime)', () => {
    const r = randomTrace(5, 300);
    for (let k = 0; k <= r.steps.length; k++) {
      const s = narrate(r, k);
      expect(s).toMatch(/^[A-Z_a-z].*\.$/);
      expect(s).not.toMatch(/undefined|NaN|#-?\d/);
    }
  });

  it('an empty trace', () => {
    const rec = new TraceRecorder();
    rec.exit(0);
    expect(narrate(rec.finish(SYNTHETIC_META), 0)).toBe('Step 0: the program ended without running anything on the event loop.');
  });
});
