import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { stepDetail } from './step-detail.ts';
import { shownTasks } from './shown-tasks.ts';
import { TracePlayer } from './seek.ts';
import { TraceRecorder } from './recorder.ts';
import { ErrorKind, LimitKind, TaskState } from './schema.ts';
import { tinyProgram } from './fixtures.test-util.ts';
import { SYNTHETIC_META } from './synthetic.ts';

describe('stepDetail', () => {
  const t = tinyProgram();
  const lines = (k: number) => stepDetail(t, k).lines;

  it('lines of a task step: where it resumed, LINE events, where it suspended', () => {
    expect(lines(1)).toEqual([11, 12]); // first step: no resume line; suspends at 12
    expect(lines(4)).toEqual([12, 13]); // resumes at the sleep on line 12, runs line 13
  });

  it('step 0 and callback steps highlight nothing', () => {
    expect(lines(0)).toEqual([]);
    expect(lines(2)).toEqual([]);
    expect(lines(3)).toEqual([]);
  });

  it('timers that fell due in the step', () => {
    // The clock jump and Future-1's timer (handle 3) falling due belong to step 2.
    expect([0, 1, 2, 3, 4].map((k) => [...stepDetail(t, k).due])).toEqual([[], [], [3], [], []]);
  });

  it('clamps k', () => {
    expect(stepDetail(t, 99).lines).toEqual(lines(4));
    expect(stepDetail(t, -1).lines).toEqual([]);
  });
});

describe('shownTasks', () => {
  const p = new TracePlayer(tinyProgram());

  it('the task that ran in the step reads running; the snapshot keeps its recorded state', () => {
    const s1 = p.snapshot(1);
    expect(s1.tasks[0].state).toBe('waiting');
    expect(shownTasks(s1).map((t) => t.state)).toEqual(['running']);
    expect(shownTasks(s1)[0]).toMatchObject({ waitOn: 1, chain: [12] });
    const s4 = p.snapshot(4);
    expect(s4.tasks[0].state).toBe('done');
    expect(shownTasks(s4)[0].state).toBe('running');
  });

  it('steps that ran no task show the tasks as recorded, same array', () => {
    const s2 = p.snapshot(2);
    expect(shownTasks(s2)).toBe(s2.tasks);
    expect(shownTasks(s2)[0].state).toBe('waiting');
    expect(shownTasks(p.snapshot(0))[0].state).toBe('ready');
  });

  it('is stable per snapshot', () => {
    const s = p.snapshot(1);
    expect(shownTasks(s)).toBe(shownTasks(s));
  });
});

describe('whole-trace facts for the page', () => {
  it('task slots, errors and the limit', () => {
    const rec = new TraceRecorder();
    const eng = new Engine(rec);
    const s = (x: string) => rec.intern(x);
    rec.taskNew(4, s('Task-1'), s('main()'), 3);
    rec.taskNew(9, s('Task-2'), s('other()'), 4);
    eng.callSoon(0, s('Task-1: step main()'), 4);
    eng.beginIteration(false);
    eng.popReady();
    rec.futDone(4, TaskState.FAILED, s('ValueError: nope'));
    rec.taskState(4, TaskState.FAILED, -1, -1);
    rec.error(ErrorKind.UNCAUGHT, 7, 5, 'Traceback ...\nValueError: nope');
    rec.limit(LimitKind.IDLE, 'the event loop is idle');
    eng.finish();
    const p = new TracePlayer(rec.finish(SYNTHETIC_META));
    expect([4, 9, 5].map((t) => p.index.taskSlot(t))).toEqual([0, 1, -1]);
    expect(p.index.errors).toEqual([{ kind: 'uncaught', line: 7, col: 5, message: 'Traceback ...\nValueError: nope', step: 1 }]);
    expect(p.index.limit).toEqual({ kind: 'idle', message: 'the event loop is idle', step: 1 });
    // The same records the snapshot of the last step carries.
    expect(p.snapshot(1).error).toEqual(p.index.errors[0]);
    expect(p.snapshot(1).limit).toEqual(p.index.limit);
  });
});
