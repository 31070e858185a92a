import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { labelNames, narrate } from './narrate.ts';
import { TraceRecorder } from './recorder.ts';
import { LimitKind, TaskState } from './schema.ts';
import { randomTrace, tinyProgram } from './fixtures.test-util.ts';
import { SYNTHETIC_META, manyTasksTrace } from './synthetic.ts';

describe('narrate', () => {
  const t = tinyProgram();

  it('tells each step of the tiny program', () => {
    expect([0, 1, 2, 3, 4].map((k) => narrate(t, k))).toEqual([
      "Step 0: the program's top level printed “top”, created task Task-1, scheduled hello(1) and hello(2), and cancelled 1 handle.",
      'Task-1 ran main() until it awaited Future-1 (sleep): a timer was set for t=1.000 and Task-1 now waits on it; it also printed “start”.',
      'hello(1) ran and printed “hello 1”; then cancelled handle hello(2) was dropped unrun and the clock jumped to t=1.000, where timer _set_result_unless_cancelled(Future-1, None) fell due.',
      'Timer _set_result_unless_cancelled(Future-1, None) ran and resolved Future-1 (sleep) with None and woke Task-1.',
      'Task-1 ran main() to completion; it also printed “end”.',
    ]);
  });

  it('does not name the future of a timer twice when its label already does', () => {
    expect(labelNames('end of sleep: resolve Future-1', 'Future-1 (sleep)')).toBe(true);
    expect(labelNames('end of sleep: resolve Future-12', 'Future-1 (sleep)')).toBe(false);
    expect(labelNames('end of sleep: resolve ...', 'Future-1 (sleep)')).toBe(false);
  });

  it('a task that yields (sleep(0))', () => {
    const m = manyTasksTrace(2, 3);
    expect(narrate(m, 1)).toBe('Task-1 ran worker() until it yielded to the loop; its next step is queued.');
    expect(narrate(m, 0)).toBe("Step 0: the program's top level created tasks Task-1 and Task-2.");
    expect(narrate(m, 6)).toBe('Task-2 ran worker() to completion.');
  });

  it('a plain callback, a failed task, a limit', () => {
    const rec = new TraceRecorder();
    const eng = new Engine(rec);
    const s = (x: string) => rec.intern(x);
    rec.taskNew(0, s('Task-1'), s('main()'), 3);
    eng.callSoon(0, s('hello_world(loop)'), -1);
    eng.callSoon(1, s('Task-1: step main()'), 0);
    eng.beginIteration(false);
    eng.popReady();
    rec.out(1, 'Hello World\n');
    eng.popReady();
    rec.futDone(0, TaskState.FAILED, s('ValueError: nope'));
    rec.taskState(0, TaskState.FAILED, -1, -1);
    rec.limit(LimitKind.IDLE, 'the event loop is idle');
    eng.finish();
    rec.exit(1);
    const tr = rec.finish(SYNTHETIC_META);
    expect(narrate(tr, 1)).toBe('hello_world(loop) ran and printed “Hello World”.');
    expect(narrate(tr, 2)).toBe(
      'Task-1 ran main() and it failed with ValueError: nope; then the run hit its idle limit (the event loop is idle) and the program exited with status 1.',
    );
  });

  it('quotes a single printed line; counts several', () => {
    const rec = new TraceRecorder();
    const eng = new Engine(rec);
    const s = (x: string) => rec.intern(x);
    eng.callSoon(0, s('report()'), -1);
    eng.beginIteration(false);
    eng.popReady();
    rec.out(1, 'one\ntwo\n');
    rec.out(1, 'three\n');
    eng.finish();
    expect(narrate(rec.finish(SYNTHETIC_META), 1)).toBe('report() ran and printed 3 lines, first “one”.');
  });

  it('says something factual for every step of a random program', () => {
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
