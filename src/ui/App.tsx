import { useEffect } from 'react';
import { useStore } from '../state/store.ts';
import { selectNetwork, selectSnapshot } from '../state/selectors.ts';
import { Header } from './Header.tsx';
import { EditorPane } from './EditorPane.tsx';
import { Controls } from './Controls.tsx';
import { Panels } from './Panels.tsx';
import { ConsolePanel } from './ConsolePanel.tsx';
import { Narration } from './Narration.tsx';
import { useKeyboard, usePlayback } from './hooks.ts';
import { NetworkPanel } from './panels/NetworkPanel.tsx';
import { useMotion } from './motion.ts';

export function App() {
  const player = useStore((s) => s.player);
  const k = useStore((s) => s.k);
  const theme = useStore((s) => s.theme);
  const time = useStore((s) => selectSnapshot(s)?.time ?? 0);
  // The Network panel shows only when the run used sockets or processes.
  const net = useStore(selectNetwork);
  const motion = useMotion();
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
        <EditorPane />
        <main className="viz" tabIndex={-1} id="viz" aria-label="Event loop state">
          <Panels />
          {net && <NetworkPanel snapshot={net} motion={motion} />}
        </main>
      </div>
      <Controls time={time} />
      <Narration />
      <ConsolePanel />
    </div>
  );
}
