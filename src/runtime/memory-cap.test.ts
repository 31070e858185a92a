import { describe, expect, it } from 'vitest';
import { installMemoryCap } from './memory-cap.ts';

const PAGE = 65536;

/** A stand-in for WebAssembly.Memory (installing the cap changes the class's prototype for good). */
class FakeMemory {
  buffer = { byteLength: PAGE };
  grow(delta: number): number {
    const before = this.buffer.byteLength / PAGE;
    this.buffer = { byteLength: this.buffer.byteLength + delta * PAGE };
    return before;
  }
}

describe('memory cap', () => {
  const cap = installMemoryCap(FakeMemory as unknown as typeof WebAssembly.Memory);

  it('lets memory grow up to the limit and refuses beyond it, as an out-of-memory grow', () => {
    const m = new FakeMemory();
    cap.reset();
    cap.limit = 4 * PAGE;
    expect(m.grow(3)).toBe(1);
    expect(m.buffer.byteLength).toBe(4 * PAGE);
    expect(cap.hit).toBe(false);
    expect(cap.peak).toBe(4 * PAGE);
    expect(() => m.grow(1)).toThrow(RangeError);
    expect(m.buffer.byteLength).toBe(4 * PAGE);
    expect(cap.hit).toBe(true);
    cap.reset();
    expect(cap.hit).toBe(false);
    cap.limit = Infinity;
    m.grow(10);
    expect(m.buffer.byteLength).toBe(14 * PAGE);
  });

  it('cannot be taken off by replacing grow', () => {
    expect(() => Object.defineProperty(FakeMemory.prototype, 'grow', { value: () => 0 })).toThrow(TypeError);
    expect(Reflect.set(FakeMemory.prototype, 'grow', () => 0)).toBe(false);
  });
});
