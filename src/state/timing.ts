// Where a step's time goes, for `npm run bench:ui`: the reader's work for a
// step (the selectors' seek and derived data) and the panels' d3 drawing,
// measured as User Timing entries ('loopscope:read', 'loopscope:draw') that
// Chromium's tracing shows beside its own events. Off unless the page asks
// (window.__loopscope.timing(true)): a measure is a few microseconds and its
// entry is kept until cleared.

export type TimedPart = 'loopscope:read' | 'loopscope:draw';

let on = false;
/** Measures in progress: only the outermost is recorded (selectors ask each other). */
let depth = 0;

/** Start or stop measuring (stopping clears what was measured). */
export function measureSteps(enabled: boolean): void {
  on = enabled;
  if (!enabled && typeof performance !== 'undefined') for (const name of ['loopscope:read', 'loopscope:draw']) performance.clearMeasures(name);
}

/** f(), measured as `part` while measuring is on (not when inside another measured call). */
export function timed<T>(part: TimedPart, f: () => T): T {
  if (!on || depth > 0) return f();
  const start = performance.now();
  depth++;
  try {
    return f();
  } finally {
    depth--;
    performance.measure(part, { start });
  }
}
