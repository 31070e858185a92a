import { useEffect } from 'react';
import { useStore } from '../state/store.ts';
import { STEPS_PER_SECOND } from './motion-time.ts';


export function usePlayback(): void {
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    let last = performance.now();
    let acc = 0;
    const tick = (now: number) => {
      acc += ((now - last) / 1000) * STEPS_PER_SECOND * speed;
      last = now;
      if (acc >= 1) {
        const s = useStore.getState();
        const n = s.player?.steps ?? 0;
        const steps = Math.floor(acc);
        acc -= steps;
        const next = Math.min(n, s.k + steps);
        useStore.setState({ k: next, playing: next < n });
        if (next >= n) return;
      }
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, speed]);
}

function isTyping(t: EventTarget | null): boolean {
  if (!(t instanceof HTMLElement)) return false;
  if (t.closest('.monaco-editor')) return true;
  const tag = t.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || t.isContentEditable;
}

export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const s = useStore.getState();
      if ((e.ctrlKey || e.metaKey) && e.key === 'Enter') {
        e.preventDefault();
        s.run();
        return;
      }
      if (isTyping(e.target) || e.altKey || e.ctrlKey || e.metaKey) return;
      const onButton = e.target instanceof HTMLElement && (e.target.tagName === 'BUTTON' || e.target.tagName === 'A');
      switch (e.key) {
        case 'ArrowRight':
          e.preventDefault();
          if (e.shiftKey) s.stepIteration(1);
          else s.stepBy(1);
          return;
        case 'ArrowLeft':
          e.preventDefault();
          if (e.shiftKey) s.stepIteration(-1);
          else s.stepBy(-1);
          return;
        case 'Home':
          e.preventDefault();
          s.toStart();
          return;
        case 'End':
          e.preventDefault();
          s.toEnd();
          return;
        case ' ':
          if (onButton) return; // Space activates the focused button
          e.preventDefault();
          s.togglePlay();
          return;
        case 'Escape':
          if (s.playing) s.pause();
          return;
      }
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, []);
}
