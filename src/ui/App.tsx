import { useEffect, useMemo } from 'react';
import { useStore } from '../state/store.ts';
import { Header } from './Header.tsx';
import { EditorPane } from './EditorPane.tsx';
import { Controls } from './Controls.tsx';
import { Panels } from './Panels.tsx';
import { ConsolePanel } from './ConsolePanel.tsx';
import { Narration } from './Narration.tsx';
import { useKeyboard, usePlayback } from './hooks.ts';
import { NetworkPanel } from './panels/NetworkPanel.tsx';
import { hasNetActivity, networkAt } from '../trace/index.ts';
import { transitionMs } from './motion.ts';

export function App() {
  const player = useStore((s) => s.player);
  const k = useStore((s) => s.k);
  const theme = useStore((s) => s.theme);
  const snap = useMemo(() => (player ? player.snapshot(k) : null), [player, k]);
  // The Network panel shows only when the run used sockets or processes.
  const net = useMemo(() => (player && hasNetActivity(player.trace) ? networkAt(player.trace, k) : null), [player, k]);
  const netMs = transitionMs(useStore((s) => s.speed), useStore((s) => s.playing));
  usePlayback();
  useKeyboard();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    // Marks a rendered frame for tests and the UI benchmark.
    document.documentElement.dataset.frame = `${player ? player.steps : -1}:${k}`;
  }, [player, k]);
  return (
    <div className="app">
      <Header />
      <div className="workspace">
        <EditorPane snap={snap} />
        <main className="viz" tabIndex={-1} id="viz" aria-label="Event loop state">
          <Panels snap={snap} />
          {net && <NetworkPanel snapshot={net} duration={netMs} />}
        </main>
      </div>
      <Controls time={snap?.time ?? 0} />
      <Narration />
      <ConsolePanel />
    </div>
  );
}
