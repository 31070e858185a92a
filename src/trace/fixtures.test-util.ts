// Test helpers: record traces by driving the real Engine and TraceRecorder by
// hand, the way the Python runtime does (src/runtime/python/loopscope/loop.py).

import { CANCELLED, Engine, NONE } from '../engine/engine.ts';
import { TraceRecorder } from './recorder.ts';
import { callbackOwner, LoopEvent, TaskState, type Trace } from './schema.ts';
import { SYNTHETIC_META } from './synthetic.ts';

/**
 * The small program most tests look at, with the handle ids it gets:
 *
 *   1 import asyncio
 *   ...
 *  10 async def main():            # Task-1 (object 0), created at line 20
 *  11     print('start')
 *  12     await asyncio.sleep(1)   # Future-1 (object 1), timer handle 3 at t=1
 *  13     print('end')
 *  20 loop.create_task(main())     # task step handle 0
 *  21 loop.call_soon(hello, 1)     # handle 1
 *  22 h = loop.call_soon(hello, 2) # handle 2, then h.cancel()
 *  23 print('top')
 *
 * Steps: 1 Task-1 runs to the sleep; 2 hello(1) prints; (hello(2) skipped,
 * clock jumps to 1, the timer falls due) 3 the timer resolves Future-1 and
 * queues Task-1's wakeup (handle 4); 4 Task-1 prints 'end' and finishes.
 */
export function tinyProgram(): Trace {
  const rec = new TraceRecorder();
  const eng = new Engine(rec);
  const s = (x: string) => rec.intern(x);
  const step = s('Task-1: step main()');
  // Step 0: the top level.
  rec.loop(1, LoopEvent.CREATED);
  rec.taskNew(0, s('Task-1'), s('main()'), 20);
  eng.callSoon(0, step, 0);
  eng.callSoon(1, s('hello(1)'), -1);
  eng.callSoon(2, s('hello(2)'), -1);
  eng.cancel(2);
  rec.out(1, 'top\n');
  rec.loop(1, LoopEvent.RUNNING);
  // Iteration 1.
  eng.beginIteration(false);
  expectPop(eng, 0);
  rec.line(0, 11);
  rec.out(1, 'start\n');
  rec.futNew(1, s('Future-1 (sleep)'), 12);
  eng.callAt(3, 1.0, s('_set_result_unless_cancelled(Future-1, None)'), callbackOwner(1));
  rec.line(0, 12);
  rec.taskState(0, TaskState.WAITING, 1, rec.chain([12]));
  expectPop(eng, 1);
  rec.out(1, 'hello 1\n');
  expectPop(eng, CANCELLED);
  expectPop(eng, NONE);
  // Iteration 2: nothing ready, so the clock jumps to the timer.
  eng.beginIteration(false);
  expectPop(eng, 3);
  rec.futDone(1, TaskState.DONE, s('None'));
  eng.callSoon(4, step, 0); // Task-1's wakeup
  expectPop(eng, NONE);
  // Iteration 3.
  eng.beginIteration(false);
  expectPop(eng, 4);
  rec.line(0, 13);
  rec.out(1, 'end\n');
  rec.futDone(0, TaskState.DONE, s('None'));
  rec.taskState(0, TaskState.DONE, -1, -1);
  expectPop(eng, NONE);
  eng.finish();
  rec.loop(1, LoopEvent.STOPPED);
  rec.exit(0);
  return rec.finish(SYNTHETIC_META);
}

function expectPop(eng: Engine, want: number): void {
  const got = eng.popReady();
  if (got !== want) throw new Error(`fixture: popReady gave ${got}, expected ${want}`);
}

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random but well-formed program: tasks that yield, sleep on futures with
 * timers, await one another; plain callbacks and timers that print, resolve
 * futures, schedule more work and cancel handles. Exercises every snapshot
 * field the reducer maintains.
 */
export function randomTrace(seed: number, maxSteps = 600): Trace {
  const r = rng(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r() * xs.length)];
  const rec = new TraceRecorder();
  const eng = new Engine(rec);
  const s = (x: string) => rec.intern(x);
  let nextId = 0; // object ids (tasks and futures share them)
  let nextH = 0;
  type Kind = { kind: 'task'; t: number } | { kind: 'cb'; label: string } | { kind: 'resolve'; f: number };
  const what = new Map<number, Kind>();
  const live = new Set<number>(); // queued or pending handles
  const tasks: { id: number; label: number; left: number; waiting: number }[] = [];
  const futures: { id: number; done: boolean; waiters: number[] }[] = [];
  /** Tasks (by index) waiting for task index i to finish. */
  const taskWaiters = new Map<number, number[]>();
  const finished = new Set<number>();
  const wake = (ti: number) => {
    const h = nextH++;
    what.set(h, { kind: 'task', t: ti });
    live.add(h);
    eng.callSoon(h, tasks[ti].label, tasks[ti].id);
  };

  const newTask = (line: number) => {
    const id = nextId++;
    const name = `Task-${tasks.length + 1}`;
    const t = { id, label: s(`${name}: step w()`), left: 2 + Math.floor(r() * 12), waiting: -1 };
    tasks.push(t);
    rec.taskNew(id, s(name), s('w()'), line);
    const h = nextH++;
    what.set(h, { kind: 'task', t: tasks.length - 1 });
    live.add(h);
    eng.callSoon(h, t.label, id);
  };
  const newFuture = () => {
    const id = nextId++;
    futures.push({ id, done: false, waiters: [] });
    rec.futNew(id, s(`Future-${futures.length}`), 0);
    return futures[futures.length - 1];
  };
  const callback = (label: string, timer: boolean) => {
    const h = nextH++;
    what.set(h, { kind: 'cb', label });
    live.add(h);
    if (timer) eng.callAt(h, eng.now + pick([0, 0.5, 1, 1, 2]), s(label), -1);
    else eng.callSoon(h, s(label), -1);
  };
  const resolve = (f: { id: number; done: boolean; waiters: number[] }) => {
    if (f.done) return;
    f.done = true;
    const st = pick([TaskState.DONE, TaskState.DONE, TaskState.CANCELLED, TaskState.FAILED]);
    rec.futDone(f.id, st, s(st === TaskState.DONE ? '42' : st === TaskState.FAILED ? 'ValueError: x' : ''));
    for (const ti of f.waiters) wake(ti);
    f.waiters = [];
  };

  // Top level.
  for (let i = 0; i < 3; i++) newTask(30 + i);
  callback('hello()', false);
  callback('tick()', false);
  callback('later()', true);
  rec.out(1, 'top\n');

  for (let iter = 0; iter < 10_000 && eng.steps < maxSteps; iter++) {
    if (eng.beginIteration(false) < 0) break;
    for (;;) {
      const h = eng.popReady();
      if (h === NONE) break;
      if (h === CANCELLED) continue;
      live.delete(h);
      const w = what.get(h)!;
      if (w.kind === 'task') {
        const t = tasks[w.t];
        rec.line(t.id, 40 + Math.floor(r() * 5));
        if (r() < 0.2) rec.out(r() < 0.8 ? 1 : 2, r() < 0.5 ? `t${t.id}\n` : `part${t.id} `);
        if (r() < 0.15 && tasks.length < 40) newTask(50);
        t.left--;
        if (t.left <= 0) {
          const st = pick([TaskState.DONE, TaskState.DONE, TaskState.FAILED]);
          rec.futDone(t.id, st, s(st === TaskState.DONE ? 'None' : 'RuntimeError: boom'));
          rec.taskState(t.id, st, -1, -1);
          finished.add(w.t);
          for (const ti of taskWaiters.get(w.t) ?? []) wake(ti);
          taskWaiters.delete(w.t);
          continue;
        }
        const choice = r();
        const others = tasks.map((_, i) => i).filter((i) => i !== w.t && !finished.has(i));
        if (choice < 0.15 && others.length) {
          // await another task.
          const o = pick(others);
          if (!taskWaiters.has(o)) taskWaiters.set(o, []);
          taskWaiters.get(o)!.push(w.t);
          rec.taskState(t.id, TaskState.WAITING, tasks[o].id, rec.chain([41, 9]));
        } else if (choice < 0.5) {
          // sleep(0): yield and reschedule.
          const h2 = nextH++;
          what.set(h2, { kind: 'task', t: w.t });
          live.add(h2);
          eng.callSoon(h2, t.label, t.id);
          rec.taskState(t.id, TaskState.READY, -1, rec.chain([41]));
        } else {
          // await a fresh future resolved by a timer (sleep(d)) or by a callback later.
          const f = newFuture();
          f.waiters.push(w.t);
          if (r() < 0.3) rec.futCb(f.id, s('on_done'));
          const hr = nextH++;
          what.set(hr, { kind: 'resolve', f: futures.length - 1 });
          live.add(hr);
          if (r() < 0.7) eng.callAt(hr, eng.now + pick([0, 0.25, 1, 3]), s(`_set_result(Future-${futures.length})`), callbackOwner(f.id));
          else eng.callSoon(hr, s(`resolve(Future-${futures.length})`), -1);
          rec.taskState(t.id, TaskState.WAITING, f.id, rec.chain([41, 7]));
        }
      } else if (w.kind === 'resolve') {
        resolve(futures[w.f]);
      } else {
        rec.out(1, `${w.label}\n`);
        // tick() keeps the loop alive to the end; the others spawn and die out.
        if (w.label === 'tick()') callback('tick()', r() < 0.5);
        if (r() < 0.5) callback(pick(['a()', 'b(1)', 'c()']), r() < 0.5);
        if (r() < 0.05 && tasks.length < 40) newTask(60);
        const victims = [...live].filter((v) => {
          const x = what.get(v)!;
          return x.kind !== 'cb' || x.label !== 'tick()';
        });
        if (r() < 0.3 && victims.length) {
          const victim = pick(victims);
          eng.cancel(victim);
          live.delete(victim);
          const v = what.get(victim)!;
          // A cancelled task step or resolver would strand its task; keep it simple: reschedule a task step.
          if (v.kind === 'task') {
            const h2 = nextH++;
            what.set(h2, v);
            live.add(h2);
            eng.callSoon(h2, tasks[v.t].label, tasks[v.t].id);
          } else if (v.kind === 'resolve') {
            resolve(futures[v.f]);
          }
        }
        if (r() < 0.1) eng.block(0.5, 0, s('time.sleep(0.5)'));
      }
    }
  }
  eng.finish();
  rec.exit(0);
  return rec.finish(SYNTHETIC_META);
}
