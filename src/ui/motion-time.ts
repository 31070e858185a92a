// How fast things move, without React or the store: the playground (motion.ts,
// hooks.ts) and <loopscope-player> read the same numbers.

/** Steps per second while playing at 1x. */
export const STEPS_PER_SECOND = 2;

export function prefersReducedMotion(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** A transition's length at this speed: zero under prefers-reduced-motion; while playing, short enough to end before the next step. */
export function transitionMs(speed: number, playing: boolean): number {
  if (prefersReducedMotion()) return 0;
  const base = 320 / Math.max(0.25, speed);
  return playing ? Math.min(base, 400 / Math.max(0.25, speed)) : base;
}
