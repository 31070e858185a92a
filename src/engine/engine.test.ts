import { describe, expect, it } from 'vitest';
import { Begin, CANCELLED, Engine, NONE, type SchedulingSink } from './engine.ts';
import { TimerHeap } from './timer-heap.ts';

/** Runs one iteration, returning the ids popped (cancelled ones excluded). */
function iterate(e: Engine, stopping = false, during?: (h: number) => void): number[] | number {
  const n = e.beginIteration(stopping);
  if (n < 0) return n;
  const ran: number[] = [];
  for (;;) {
    const h = e.popReady();
    if (h === NONE) break;
    if (h === CANCELLED) continue;
    ran.push(h);
    during?.(h);
  }
  return ran;
}

function logSink(): SchedulingSink & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    clock: (t) => log.push(`clock ${t}`),
    iteration: (n) => log.push(`iter ${n}`),
    soon: (h) => log.push(`soon ${h}`),
    at: (h, _l, _o, w) => log.push(`at ${h}@${w}`),
    due: (h) => log.push(`due ${h}`),
    cancel: (h) => log.push(`cancel ${h}`),
    run: (h) => log.push(`run ${h}`),
    done: (h) => log.push(`done ${h}`),
    skip: (h) => log.push(`skip ${h}`),
    block: (_k, _l, d) => log.push(`block ${d}`),
  };
}

describe('ready queue', () => {
  it('runs call_soon handles in FIFO order', () => {
    const e = new Engine();
    for (const h of [3, 1, 2]) e.callSoon(h);
    expect(iterate(e)).toEqual([3, 1, 2]);
  });

  it('runs only the handles ready when the iteration began', () => {
    const e = new Engine();
    e.callSoon(1);
    e.callSoon(2);
    let next = 10;
    expect(iterate(e, false, () => e.callSoon(next++))).toEqual([1, 2]);
    expect(e.readyIds()).toEqual([10, 11]);
    expect(iterate(e)).toEqual([10, 11]);
  });

  it('grows past its initial capacity and keeps order', () => {
    const e = new Engine();
    const ids = Array.from({ length: 5000 }, (_, i) => i);
    ids.forEach((h) => e.callSoon(h));
    expect(iterate(e)).toEqual(ids);
  });

  it('skips a cancelled handle, even one cancelled during the same iteration', () => {
    const sink = logSink();
    const e = new Engine(sink);
    e.callSoon(1);
    e.callSoon(2);
    e.callSoon(3);
    expect(iterate(e, false, (h) => h === 1 && e.cancel(3))).toEqual([1, 2]);
    expect(sink.log).toContain('skip 3');
  });
});

describe('timers and the virtual clock', () => {
  it('jumps the clock to the next timer when nothing is ready', () => {
    const e = new Engine();
    e.callAt(1, 2.5);
    expect(iterate(e)).toEqual([1]);
    expect(e.now).toBe(2.5);
  });

  it('fires timers by deadline, equal deadlines in scheduling order', () => {
    const e = new Engine();
    e.callAt(1, 0.4);
    e.callAt(2, 0.1);
    for (let i = 0; i < 5; i++) e.callAt(10 + i, 0.2);
    e.callAt(3, 0.3);
    const order: number[] = [];
    for (;;) {
      const r = iterate(e);
      if (typeof r === 'number') break;
      order.push(...r);
    }
    expect(order).toEqual([2, 10, 11, 12, 13, 14, 3, 1]);
  });

  it('runs ready handles before due timers move in, and due timers go to the back', () => {
    const e = new Engine();
    e.callAt(1, 0); // due at once
    e.callSoon(2);
    expect(iterate(e)).toEqual([2, 1]);
  });

  it('does not wait for timers while stopping', () => {
    const e = new Engine();
    e.callAt(1, 5);
    expect(iterate(e, true)).toEqual([]);
    expect(e.now).toBe(0);
  });

  it('drops cancelled timers without running them or advancing the clock for them', () => {
    const e = new Engine();
    e.callAt(1, 1);
    e.callAt(2, 2);
    e.cancel(1);
    expect(iterate(e)).toEqual([2]);
    expect(e.now).toBe(2);
  });

  it('counts a timer within the clock resolution as due', () => {
    const e = new Engine(null, { clockResolution: 1e-9 });
    e.callSoon(0);
    e.callAt(1, 0.5e-9);
    expect(iterate(e)).toEqual([0, 1]);
  });

  it('advances the clock for a blocking call and records it', () => {
    const sink = logSink();
    const e = new Engine(sink);
    e.block(1.5);
    expect(e.now).toBe(1.5);
    expect(sink.log).toEqual(['block 1.5', 'clock 1.5']);
  });
});

describe('limits and idleness', () => {
  it('reports an idle loop', () => {
    expect(new Engine().beginIteration(false)).toBe(Begin.IDLE);
  });

  it('stops at the step cap', () => {
    const e = new Engine(null, { maxSteps: 2 });
    [1, 2, 3].forEach((h) => e.callSoon(h));
    expect(iterate(e)).toEqual([1, 2, 3]); // the cap applies between iterations
    e.callSoon(4);
    expect(iterate(e)).toBe(Begin.STEP_LIMIT);
  });

  it('stops before a timer beyond the time cap', () => {
    const e = new Engine(null, { maxTime: 10 });
    e.callAt(1, 11);
    expect(iterate(e)).toBe(Begin.TIME_LIMIT);
  });
});

describe('recorded facts', () => {
  it('records run/done pairs, finishing a step when the next one is popped', () => {
    const sink = logSink();
    const e = new Engine(sink);
    e.callSoon(1);
    e.callSoon(2);
    iterate(e);
    expect(sink.log).toEqual(['soon 1', 'soon 2', 'iter 1', 'run 1', 'done 1', 'run 2', 'done 2']);
  });
});

describe('TimerHeap', () => {
  it('pops in (when, insertion) order for many random timers', () => {
    const heap = new TimerHeap();
    const items: Array<{ id: number; when: number }> = [];
    let seed = 7;
    for (let i = 0; i < 2000; i++) {
      seed = (seed * 16807) % 2147483647;
      const when = seed % 50;
      items.push({ id: i, when });
      heap.push(i, when);
    }
    const expected = [...items].sort((a, b) => a.when - b.when || a.id - b.id).map((x) => x.id);
    const got: number[] = [];
    while (heap.size) got.push(heap.pop());
    expect(got).toEqual(expected);
  });
});
