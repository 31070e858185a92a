import { describe, expect, it } from 'vitest';
import { TracePlayer } from './seek.ts';
import { snapshotAt, LoopDraft, applyRange } from './loop-state.ts';
import { stepEnd } from './decode.ts';
import { randomTrace, rng, tinyProgram } from './fixtures.test-util.ts';
import { manyTasksTrace } from './synthetic.ts';
import { traceFromJSON, traceToJSON } from './schema.ts';

describe('TracePlayer seeking agrees with replay from zero', () => {
  for (const seed of [1, 2, 3]) {
    it(`every step, in random order, forwards and backwards (random program, seed ${seed})`, () => {
      const trace = randomTrace(seed, 500);
      expect(trace.steps.length).toBeGreaterThan(100);
      // Reference: one draft moved forward step by step, materialized at each k.
      const ref: ReturnType<typeof snapshotAt>[] = [];
      const d = new LoopDraft(trace);
      applyRange(d, trace.ops, 0, stepEnd(trace, 0));
      ref.push(d.view());
      for (let k = 1; k <= trace.steps.length; k++) {
        applyRange(d, trace.ops, stepEnd(trace, k - 1), stepEnd(trace, k));
        ref.push(d.view());
      }
      // The step-by-step reference itself agrees with independent replays.
      for (const k of [0, 1, 50, trace.steps.length]) expect(ref[k]).toEqual(snapshotAt(trace, k));

      // Tiny keyframe interval: many keyframes, forks and chunk copies.
      const p = new TracePlayer(trace, { minInterval: 64, keyRatio: 4 });
      const r = rng(seed);
      const order = ref.map((_, k) => k).sort(() => r() - 0.5);
      for (const k of order) expect(p.snapshot(k)).toEqual(ref[k]);
      for (let k = 0; k < ref.length; k++) expect(p.snapshot(k)).toEqual(ref[k]);
      for (let k = ref.length - 1; k >= 0; k--) expect(p.snapshot(k)).toEqual(ref[k]);
      expect(p.keyframeCount).toBeGreaterThan(3);
    });
  }

  it('snapshots handed out are not changed by later seeks (structural sharing is copy-on-write)', () => {
    const trace = randomTrace(7, 400);
    const p = new TracePlayer(trace, { minInterval: 32, keyRatio: 4 });
    const k = 120;
    const s = p.snapshot(k);
    const copy = JSON.parse(JSON.stringify(s));
    for (const j of [k + 1, k + 50, 10, trace.steps.length, k - 1]) p.snapshot(j);
    expect(JSON.parse(JSON.stringify(s))).toEqual(copy);
  });

  it('a seek to the same step returns the same object', () => {
    const p = new TracePlayer(tinyProgram());
    expect(p.snapshot(2)).toBe(p.snapshot(2));
  });

  it('works on a trace round-tripped through JSON', () => {
    const t = tinyProgram();
    const back = traceFromJSON(JSON.parse(JSON.stringify(traceToJSON(t))));
    const p = new TracePlayer(back);
    for (let k = 0; k <= 4; k++) expect(p.snapshot(k)).toEqual(snapshotAt(t, k));
  });

  it('a 200k-step trace (2,000 tasks x 100 sleep(0)) seeks correctly', () => {
    const trace = manyTasksTrace(2000, 100);
    expect(trace.steps.length).toBe(200_000);
    const p = new TracePlayer(trace);
    const r = rng(99);
    for (let i = 0; i < 4; i++) {
      const k = Math.floor(r() * trace.steps.length);
      const s = p.snapshot(k);
      expect(s).toEqual(snapshotAt(trace, k));
      // Round robin: step k ran task (k-1) mod 2000, which is ready again at the queue's tail.
      const t = (k - 1) % 2000;
      expect(s.running?.task).toBe(t);
      expect(s.ready[s.ready.length - 1].task).toBe(t);
      expect(s.tasks).toHaveLength(2000);
    }
    const last = p.snapshot(trace.steps.length);
    expect(last.tasks.every((t) => t.state === 'done')).toBe(true);
    expect(last.ready).toHaveLength(0);
    expect(p.keyframeCount).toBeGreaterThan(2);
    // The shape of the index on a big trace.
    expect(p.taskSteps(5)).toHaveLength(100);
    expect(p.taskSteps(5)[1] - p.taskSteps(5)[0]).toBe(2000);
  });
});

describe('whole-trace indexes', () => {
  const trace = tinyProgram();
  const p = new TracePlayer(trace);

  it('counts steps, iterations and the end time', () => {
    expect(p.steps).toBe(4);
    expect(p.endTime).toBe(1);
    expect(p.index.iterations).toBe(3);
    expect([0, 1, 2, 3, 4].map((k) => p.iterationOf(k))).toEqual([0, 1, 1, 2, 3]);
  });

  it('steps by whole loop iterations', () => {
    expect(p.stepsOfIteration(1)).toEqual([1, 2]);
    expect(p.stepsOfIteration(2)).toEqual([3, 3]);
    expect(p.stepsOfIteration(3)).toEqual([4, 4]);
    expect(p.stepsOfIteration(4)).toBeNull();
    // Iteration 1 = steps 1-2, 2 = step 3, 3 = step 4: stepping lands on the last step of each.
    expect([0, 1, 2, 3, 4].map((k) => p.nextIterationEnd(k))).toEqual([2, 2, 3, 4, 4]);
    expect([0, 1, 2, 3, 4].map((k) => p.prevIterationEnd(k))).toEqual([0, 0, 0, 2, 3]);
    // Forward then back returns to the boundary it left.
    expect(p.prevIterationEnd(p.nextIterationEnd(2))).toBe(2);
  });

  it('per-task swimlanes', () => {
    expect(Array.from(p.taskSteps(0))).toEqual([1, 4]);
    expect(Array.from(p.taskRuns(0))).toEqual([1, 1, 4, 4]);
    expect(Array.from(p.taskRuns(0, 3))).toEqual([1, 4]);
    expect(p.taskIds).toEqual([0]);
    expect(Array.from(p.index.stepTask)).toEqual([-1, 0, -1, -1, 0]);
    expect(Array.from(p.index.stepHandle)).toEqual([-1, 0, 1, 3, 4]);
  });

  it('console line -> step', () => {
    expect(p.lines.map((l) => [l.text, l.step])).toEqual([
      ['top', 0],
      ['start', 1],
      ['hello 1', 2],
      ['end', 4],
    ]);
    expect(p.stepOfOutputLine(2)).toBe(2);
    expect(p.stepOfOutputLine(9)).toBe(-1);
    expect([0, 1, 2, 3, 4].map((k) => p.linesVisibleAt(k))).toEqual([1, 2, 3, 3, 4]);
  });

  it('runs merge consecutive steps of one task', () => {
    const big = new TracePlayer(manyTasksTrace(1, 5));
    expect(Array.from(big.taskRuns(0))).toEqual([1, 5]);
  });
});
