// Motion that means something: durations scale with playback speed and drop to
// zero under prefers-reduced-motion.
import { useMemo } from 'react';
import { useStore } from '../state/store.ts';
import type { Motion } from './panels/common.ts';

export function prefersReducedMotion(): boolean {
  return typeof matchMedia !== 'undefined' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export function transitionMs(speed: number, playing: boolean): number {
  if (prefersReducedMotion()) return 0;
  const base = 320 / Math.max(0.25, speed);
  // While playing, a transition must finish before the next step arrives.
  return playing ? Math.min(base, 400 / Math.max(0.25, speed)) : base;
}

/** The panels' motion for the current speed and play state (the same object while they stay). */
export function useMotion(): Motion {
  const speed = useStore((s) => s.speed);
  const playing = useStore((s) => s.playing);
  const duration = transitionMs(speed, playing);
  return useMemo(() => ({ duration }), [duration]);
}
