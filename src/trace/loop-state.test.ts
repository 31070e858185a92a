import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine.ts';
import { TraceRecorder } from './recorder.ts';
import { callbackOwner, LimitKind, ErrorKind, TaskState, type Trace } from './schema.ts';
import { LoopDraft, applyEvent, snapshotAt } from './loop-state.ts';
import { consoleLines } from './console.ts';
import type { ConsoleChunk } from './views.ts';
import { tinyProgram } from './fixtures.test-util.ts';
import { EventCursor } from './decode.ts';
import { SYNTHETIC_META } from './synthetic.ts';

describe('snapshot of the tiny program', () => {
  const trace = tinyProgram();

  it('has 4 steps', () => {
    expect(trace.steps.length).toBe(4);
  });

  it('step 0: the top level queued the task and two callbacks, one cancelled', () => {
    const s = snapshotAt(trace, 0);
    expect(s.step).toBe(0);
    expect(s.running).toBeNull();
    expect(s.time).toBe(0);
    expect(s.iteration).toBe(1); // ITER 1 comes before the first RUN
    expect(s.ready.map((h) => [h.id, h.label, h.kind, h.cancelled, h.task])).toEqual([
      [0, 'Task-1: step main()', 'soon', false, 0],
      [1, 'hello(1)', 'soon', false, null],
      [2, 'hello(2)', 'soon', true, null],
    ]);
    expect(s.timers).toEqual([]);
    expect(s.tasks).toEqual([
      {
        id: 0,
        name: 'Task-1',
        coro: 'main()',
        createdLine: 20,
        state: 'ready', // its first step is queued
        waitOn: null,
        chain: [],
        lastLine: 0,
        text: '',
        callbacks: [],
        awaitedBy: [],
      },
    ]);
    expect(s.console).toEqual([{ fd: 1, text: 'top\n', step: 0 }]);
    expect(s.exitCode).toBeNull();
  });

  it('step 1: Task-1 ran to the sleep; a timer and a future appear', () => {
    const s = snapshotAt(trace, 1);
    expect(s.running).toMatchObject({ id: 0, task: 0, label: 'Task-1: step main()', lastLine: 12 });
    expect(s.ready.map((h) => [h.id, h.cancelled])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(s.timers).toEqual([
      {
        id: 3,
        label: '_set_result_unless_cancelled(Future-1, None)',
        owner: callbackOwner(1),
        task: null,
        callbackOf: 1,
        when: 1,
        seq: 0,
        cancelled: false,
      },
    ]);
    expect(s.tasks[0]).toMatchObject({ state: 'waiting', waitOn: 1, chain: [12], lastLine: 12 });
    expect(s.futures).toEqual([
      { id: 1, label: 'Future-1 (sleep)', createdLine: 12, state: 'pending', text: '', callbacks: [], awaitedBy: [0] },
    ]);
    expect(s.console.map((c) => [c.text, c.step])).toEqual([
      ['top\n', 0],
      ['start\n', 1],
    ]);
  });

  it('step 2: after hello(1) the cancelled handle is skipped, the clock jumps and the timer falls due', () => {
    const s = snapshotAt(trace, 2);
    expect(s.running).toMatchObject({ id: 1, label: 'hello(1)', task: null });
    expect(s.time).toBe(1);
    expect(s.iteration).toBe(2);
    expect(s.ready.map((h) => [h.id, h.kind, h.callbackOf])).toEqual([[3, 'timer', 1]]);
    expect(s.timers).toEqual([]);
    expect(s.tasks[0].state).toBe('waiting');
  });

  it('step 3: the future resolves and its waiter is woken (ready, still linked to the future)', () => {
    const s = snapshotAt(trace, 3);
    expect(s.futures[0]).toMatchObject({ state: 'done', text: 'None', awaitedBy: [0] });
    expect(s.tasks[0]).toMatchObject({ state: 'ready', waitOn: 1 });
    expect(s.ready.map((h) => [h.id, h.task])).toEqual([[4, 0]]);
  });

  it('step 4: Task-1 finishes; the run exits 0', () => {
    const s = snapshotAt(trace, 4);
    expect(s.tasks[0]).toMatchObject({ state: 'done', waitOn: null, chain: [], text: 'None', lastLine: 13 });
    expect(s.futures[0].awaitedBy).toEqual([]);
    expect(s.ready).toEqual([]);
    expect(s.exitCode).toBe(0);
    expect(s.console.map((c) => c.text).join('')).toBe('top\nstart\nhello 1\nend\n');
  });

  it('snapshots are frozen', () => {
    const s = snapshotAt(trace, 1);
    expect(Object.isFrozen(s)).toBe(true);
    expect(Object.isFrozen(s.ready)).toBe(true);
    expect(Object.isFrozen(s.tasks)).toBe(true);
  });

  it('clamps k to 0..N', () => {
    expect(snapshotAt(trace, -3).step).toBe(0);
    expect(snapshotAt(trace, 99).step).toBe(4);
  });
});

/** Record a trace with a hand-driven recorder + engine. */
function record(body: (rec: TraceRecorder, eng: Engine, s: (x: string) => number) => void): Trace {
  const rec = new TraceRecorder();
  const eng = new Engine(rec);
  body(rec, eng, (x) => rec.intern(x));
  return rec.finish(SYNTHETIC_META);
}

describe('reducer rules', () => {
  it('a task step that reports no state goes back to the state it had', () => {
    const t = record((rec, eng, s) => {
      rec.taskNew(0, s('Task-1'), s('main()'), 1);
      rec.taskState(0, TaskState.READY, -1, -1);
      eng.callSoon(0, s('Task-1: step main()'), 0);
      eng.beginIteration(false);
      eng.popReady();
      eng.finish();
    });
    const d = new LoopDraft(t);
    // Walk it event by event: RUN makes the task 'running', DONE restores 'ready'.
    const states: string[] = [];
    const c = new EventCursor(t.ops);
    while (c.next()) {
      applyEvent(d, c.op, c.a, c.b, c.c, c.d);
      states.push(d.view().tasks[0]?.state ?? '-');
    }
    expect(states).toContain('running');
    expect(states[states.length - 1]).toBe('ready');
  });

  it('TASK_STATE before DONE wins over the restore', () => {
    const t = record((rec, eng, s) => {
      rec.taskNew(0, s('Task-1'), s('main()'), 1);
      eng.callSoon(0, s('step'), 0);
      eng.beginIteration(false);
      eng.popReady();
      rec.taskState(0, TaskState.FAILED, -1, -1);
      eng.finish();
    });
    expect(snapshotAt(t, 1).tasks[0].state).toBe('failed');
  });

  it('renaming a task (a second TASK_NEW) keeps its state and creation line', () => {
    const t = record((rec, _eng, s) => {
      rec.taskNew(0, s('Task-1'), s('main()'), 7);
      rec.taskState(0, TaskState.WAITING, -1, -1);
      rec.taskNew(0, s('fetcher'), s('main()'), 0);
    });
    expect(snapshotAt(t, 0).tasks).toHaveLength(1);
    expect(snapshotAt(t, 0).tasks[0]).toMatchObject({ name: 'fetcher', createdLine: 7, state: 'waiting' });
  });

  it('done callbacks, and tasks awaiting tasks', () => {
    const t = record((rec, _eng, s) => {
      rec.taskNew(0, s('Task-1'), s('main()'), 1);
      rec.taskNew(1, s('Task-2'), s('child()'), 2);
      rec.futNew(2, s('Future-1'), 3);
      rec.futCb(2, s('on_done'));
      rec.futCb(2, s('other'));
      rec.futCb(1, s('_done_callback'));
      rec.taskState(0, TaskState.WAITING, 1, rec.chain([5, 9]));
      rec.taskState(1, TaskState.WAITING, 2, -1);
    });
    const s = snapshotAt(t, 0);
    expect(s.futures[0]).toMatchObject({ callbacks: ['on_done', 'other'], awaitedBy: [1] });
    expect(s.tasks[1]).toMatchObject({ callbacks: ['_done_callback'], awaitedBy: [0] });
    expect(s.tasks[0].chain).toEqual([5, 9]);
  });

  it('failed and cancelled futures', () => {
    const t = record((rec, _eng, s) => {
      rec.futNew(0, s('Future-1'), 0);
      rec.futNew(1, s('Future-2'), 0);
      rec.futDone(0, TaskState.FAILED, s('ValueError: bad'));
      rec.futDone(1, TaskState.CANCELLED, s(''));
    });
    expect(snapshotAt(t, 0).futures.map((f) => [f.state, f.text])).toEqual([
      ['failed', 'ValueError: bad'],
      ['cancelled', ''],
    ]);
  });

  it('timers sort by (when, scheduling order); a cancelled one stays flagged until its iteration', () => {
    const t = record((_rec, eng, s) => {
      eng.callAt(0, 2, s('b'), -1);
      eng.callAt(1, 1, s('a'), -1);
      eng.callAt(2, 2, s('c'), -1);
      eng.callAt(3, 1, s('x'), -1);
      eng.cancel(3);
      eng.callSoon(4, s('first'), -1);
      eng.beginIteration(false);
      eng.popReady(); // step 1: 'first'
      eng.beginIteration(false); // jumps to t=1: 'a' falls due, 'x' dropped silently
      eng.popReady(); // step 2: 'a'
      eng.finish();
    });
    const s0 = snapshotAt(t, 0);
    expect(s0.timers.map((x) => [x.label, x.when, x.cancelled])).toEqual([
      ['a', 1, false],
      ['x', 1, true],
      ['b', 2, false],
      ['c', 2, false],
    ]);
    const s1 = snapshotAt(t, 1);
    expect(s1.time).toBe(1);
    expect(s1.timers.map((x) => x.label)).toEqual(['b', 'c']);
    expect(s1.ready.map((h) => [h.label, h.kind])).toEqual([['a', 'timer']]);
  });

  it('blocks, limits, errors and lines', () => {
    const t = record((rec, eng, s) => {
      eng.callSoon(0, s('cb()'), -1);
      eng.beginIteration(false);
      eng.popReady();
      rec.line(-1, 4);
      eng.block(0.5, 0, s('time.sleep(0.5)'));
      rec.error(ErrorKind.UNCAUGHT, 4, 0, 'Traceback...\nZeroDivisionError: division by zero');
      rec.limit(LimitKind.STEPS, 'the step limit was reached');
      eng.finish();
      rec.exit(1);
    });
    const s = snapshotAt(t, 1);
    expect(s.time).toBe(0.5);
    expect(s.running?.lastLine).toBe(4);
    expect(s.blocks).toEqual([{ kind: 'sleep', label: 'time.sleep(0.5)', start: 0, duration: 0.5, step: 1 }]);
    expect(s.error).toMatchObject({ kind: 'uncaught', line: 4, step: 1 });
    expect(s.limit).toEqual({ kind: 'steps', message: 'the step limit was reached', step: 1 });
    expect(s.exitCode).toBe(1);
  });
});

describe('consoleLines', () => {
  const c = (fd: 1 | 2, text: string, step: number): ConsoleChunk => ({ fd, text, step });

  it('splits chunks into lines, each with the step that began it', () => {
    expect(consoleLines([c(1, 'a\nb', 1), c(1, 'c\n', 3), c(1, 'd\n\ne', 4)])).toEqual([
      { fd: 1, text: 'a', step: 1 },
      { fd: 1, text: 'bc', step: 1 },
      { fd: 1, text: 'd', step: 4 },
      { fd: 1, text: '', step: 4 },
      { fd: 1, text: 'e', step: 4 },
    ]);
  });

  it('keeps stdout and stderr lines apart', () => {
    expect(consoleLines([c(1, 'out ', 1), c(2, 'err\n', 2), c(1, 'more\n', 3)])).toEqual([
      { fd: 1, text: 'out more', step: 1 },
      { fd: 2, text: 'err', step: 2 },
    ]);
  });

  it('an empty chunk makes no line', () => {
    expect(consoleLines([c(1, '', 1)])).toEqual([]);
  });
});
