import { useEffect } from 'react';
import { shows, useStore } from '../state/store.ts';
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
import { EmbedBar } from './EmbedBar.tsx';
import { RecordingDrop } from './RecordingDrop.tsx';
import type { PanelName } from '../trace/recording.ts';

const LOOP_PANELS: PanelName[] = ['ready', 'timers', 'tasks', 'futures', 'network'];
/** An embed's editor: as tall as its code, within these bounds (px). */
const EMBED_EDITOR = { line: 20, pad: 16, min: 140, max: 520 };

export function App() {
  const player = useStore((s) => s.player);
  const k = useStore((s) => s.k);
  const theme = useStore((s) => s.theme);
  const time = useStore((s) => selectSnapshot(s)?.time ?? 0);
  // The Network panel shows only when the run used sockets or processes.
  const net = useStore(selectNetwork);
  const motion = useMotion();
  const embed = useStore((s) => s.embed);
  const panels = useStore((s) => s.panels);
  const lines = useStore((s) => (s.embed ? s.code.split('\n').length : 0));
  const showViz = LOOP_PANELS.some((p) => shows({ panels }, p));
  const showConsole = shows({ panels }, 'console');
  usePlayback();
  useKeyboard();
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    // Marks a rendered frame for tests and the UI benchmark.
    document.documentElement.dataset.frame = `${player ? player.steps : -1}:${k}`;
  }, [player, k]);
  const cls = ['app', embed && 'embed', !showViz && 'no-viz', !showConsole && 'no-console'].filter(Boolean).join(' ');
  const editorH = Math.min(EMBED_EDITOR.max, Math.max(EMBED_EDITOR.min, lines * EMBED_EDITOR.line + EMBED_EDITOR.pad));
  return (
    <div className={cls} style={embed ? ({ '--editor-h': `${editorH}px` } as React.CSSProperties) : undefined}>
      {embed ? <EmbedBar /> : <Header />}
      {!embed && <RecordingDrop />}
      <div className="workspace">
        <EditorPane />
        {showViz && (
          <main className="viz" tabIndex={-1} id="viz" aria-label="Event loop state">
            <Panels />
            {net && shows({ panels }, 'network') && <NetworkPanel snapshot={net} motion={motion} />}
          </main>
        )}
      </div>
      <Controls time={time} />
      <Narration />
      {showConsole && <ConsolePanel />}
    </div>
  );
}
