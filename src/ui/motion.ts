// Motion that means something: durations scale with playback speed and drop to
// zero under prefers-reduced-motion.
import { useMemo } from 'react';
import { useStore } from '../state/store.ts';
import type { Motion } from './panels/common.ts';
import { transitionMs } from './motion-time.ts';

/** The panels' motion for the current speed and play state (the same object while they stay). */
export function useMotion(): Motion {
  const speed = useStore((s) => s.speed);
  const playing = useStore((s) => s.playing);
  const duration = transitionMs(speed, playing);
  return useMemo(() => ({ duration }), [duration]);
}
