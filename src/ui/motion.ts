// Motion that means something: durations scale with playback speed and drop to
// zero under prefers-reduced-motion.
export function prefersReducedMotion(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function transitionMs(speed: number, playing: boolean): number {
  if (prefersReducedMotion()) return 0;
  const base = 320 / Math.max(0.25, speed);
  // While playing, a transition must finish before the next step arrives.
  return playing ? Math.min(base, 400 / Math.max(0.25, speed)) : base;
}
