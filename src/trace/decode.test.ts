import { describe, expect, it } from 'vitest';
import { EventCursor, forEachEvent, stepEnd, stepOfOffset, stepStart, validateTrace } from './decode.ts';
import { Op } from './schema.ts';
import { tinyProgram } from './fixtures.test-util.ts';

describe('decode', () => {
  const t = tinyProgram();

  it('the cursor visits every event once, with its operands', () => {
    const c = new EventCursor(t.ops);
    const runs: number[] = [];
    let events = 0;
    let last = -1;
    while (c.next()) {
      events++;
      expect(c.at).toBeGreaterThan(last);
      last = c.at;
      if (c.op === Op.RUN) runs.push(c.a);
      if (c.op === Op.AT) expect([c.a, t.strings[c.b], t.times[c.d]]).toEqual([3, '_set_result_unless_cancelled(Future-1, None)', 1]);
    }
    expect(runs).toEqual([0, 1, 3, 4]);
    let n = 0;
    forEachEvent(t.ops, () => n++);
    expect(n).toBe(events);
  });

  it('zeroes operands an event does not have', () => {
    const c = new EventCursor(t.ops);
    while (c.next() && c.op !== Op.AT);
    while (c.next() && c.op !== Op.RUN);
    expect([c.b, c.c, c.d, c.e]).toEqual([0, 0, 0, 0]);
  });

  it('step ranges tile the stream', () => {
    const N = t.steps.length;
    expect(stepStart(t, 0)).toBe(0);
    for (let k = 0; k < N; k++) expect(stepEnd(t, k)).toBe(stepStart(t, k + 1));
    expect(stepEnd(t, N)).toBe(t.ops.length);
    for (let k = 1; k <= N; k++) {
      expect(t.ops[stepStart(t, k)]).toBe(Op.RUN);
      expect(stepOfOffset(t, stepStart(t, k))).toBe(k);
      expect(stepOfOffset(t, stepStart(t, k) - 1)).toBe(k - 1);
    }
  });

  it('validates framing and reports corruption', () => {
    expect(validateTrace(t)).toEqual([]);
    const bad = { ...t, ops: t.ops.slice() };
    bad.ops[t.steps[1]] = 99;
    expect(validateTrace(bad)[0]).toMatch(/unknown opcode 99/);
    const cut = { ...t, ops: t.ops.slice(0, t.ops.length - 1) };
    expect(validateTrace(cut)[0]).toMatch(/truncated/);
    const steps = { ...t, steps: t.steps.slice(1) };
    expect(validateTrace(steps).length).toBeGreaterThan(0);
    expect(() => {
      const c = new EventCursor(bad.ops);
      while (c.next());
    }).toThrow(/unknown opcode/);
  });
});
