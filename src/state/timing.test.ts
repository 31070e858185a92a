import { afterEach, describe, expect, it } from 'vitest';
import { measureSteps, timed } from './timing.ts';

const measures = (name: string) => performance.getEntriesByName(name, 'measure');

describe('step timing (npm run bench:ui)', () => {
  afterEach(() => measureSteps(false));

  it('measures nothing unless asked, and returns what the call returns', () => {
    expect(timed('loopscope:read', () => 42)).toBe(42);
    expect(measures('loopscope:read')).toHaveLength(0);
  });

  it('measures only the outermost of nested calls, also when a call throws', () => {
    measureSteps(true);
    expect(timed('loopscope:read', () => timed('loopscope:read', () => 1) + timed('loopscope:draw', () => 2))).toBe(3);
    expect(measures('loopscope:read')).toHaveLength(1);
    expect(measures('loopscope:draw')).toHaveLength(0);
    expect(() => timed('loopscope:draw', () => { throw new Error('boom'); })).toThrow('boom');
    expect(measures('loopscope:draw')).toHaveLength(1);
    timed('loopscope:draw', () => 0);
    expect(measures('loopscope:draw')).toHaveLength(2);
  });

  it('stopping clears what was measured', () => {
    measureSteps(true);
    timed('loopscope:read', () => 0);
    measureSteps(false);
    expect(measures('loopscope:read')).toHaveLength(0);
  });
});
