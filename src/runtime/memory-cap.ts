// A cap on how far Python's WebAssembly memory may grow.
//
// Pyodide's memory grows through `WebAssembly.Memory.prototype.grow` (called
// from Emscripten's growMemory, which treats a throw as "out of memory": the
// allocation fails and Python raises MemoryError). Without a cap a program
// grows it to 4 GiB, the wasm32 maximum: measured here, 15 x 256 MiB
// bytearrays before the first MemoryError, a size that takes the tab (or the
// whole browser) down on a small machine. The memory never shrinks again, so
// a worker that reached the cap should be replaced once its result is in.
//
// Install before Pyodide loads; set `limit` before each run, read `hit` after.

export interface MemoryCap {
  /** Bytes a memory may grow to (Infinity: no cap). */
  limit: number;
  /** Set when a grow was refused since the last `reset()`. */
  readonly hit: boolean;
  /** Largest memory seen growing, in bytes. */
  readonly peak: number;
  reset(): void;
}

const PAGE = 65536;

export function installMemoryCap(memoryClass: typeof WebAssembly.Memory = WebAssembly.Memory): MemoryCap {
  const proto = memoryClass.prototype;
  const grow = proto.grow;
  const state = { limit: Infinity, hit: false, peak: 0 };
  const cap: MemoryCap = {
    get limit() {
      return state.limit;
    },
    set limit(n: number) {
      state.limit = n;
    },
    get hit() {
      return state.hit;
    },
    get peak() {
      return state.peak;
    },
    reset() {
      state.hit = false;
    },
  };
  Object.defineProperty(proto, 'grow', {
    configurable: false,
    writable: false,
    enumerable: false,
    value: function capped(this: WebAssembly.Memory, delta: number): number {
      const after = this.buffer.byteLength + Number(delta) * PAGE;
      if (after > state.limit) {
        state.hit = true;
        throw new RangeError(`Loopscope: memory capped at ${state.limit} bytes`);
      }
      const r = grow.call(this, delta);
      state.peak = Math.max(state.peak, this.buffer.byteLength);
      return r;
    },
  });
  return cap;
}
