import { lazy, Suspense, useMemo } from 'react';
import { useStore } from '../state/store.ts';
import { shownTasks, stepDetail, type Snapshot } from '../trace/index.ts';
import type { EditorMarks } from './editor/CodeEditor.tsx';
import { findExample } from '../examples/index.ts';

const CodeEditor = lazy(() => import('./editor/CodeEditor.tsx'));

/** Shown until Monaco's chunk arrives: the same text, so the page is readable at once. */
function Fallback() {
  const code = useStore((s) => s.code);
  return (
    <pre className="editor-fallback" aria-label="Python code (the editor is loading)">
      {code.split('\n').map((l, i) => (
        <div key={i}>
          <span className="ln">{i + 1}</span>
          {l || ' '}
        </div>
      ))}
    </pre>
  );
}

export function EditorPane({ snap }: { snap: Snapshot | null }) {
  const theme = useStore((s) => s.theme);
  const player = useStore((s) => s.player);
  const outcome = useStore((s) => s.outcome);
  const exampleId = useStore((s) => s.exampleId);
  const ex = findExample(exampleId);
  const marks: EditorMarks = useMemo(() => {
    const m: EditorMarks = { current: [], waiting: [], errors: [] };
    if (!player) return m;
    const ix = player.index;
    if (snap) {
      // The lines the step ran through; a dot where each other task is suspended.
      m.current = [...stepDetail(player.trace, snap.step, ix).lines];
      for (const t of shownTasks(snap)) {
        if ((t.state === 'waiting' || t.state === 'ready') && t.chain.length) {
          m.waiting.push({
            line: t.chain[t.chain.length - 1],
            slot: ix.taskSlot(t.id),
            name: t.name,
            what: t.state === 'waiting' ? `on ${t.waitOn !== null ? ix.objectName(t.waitOn) : 'a future'}` : '(ready to resume)',
          });
        }
      }
    }
    for (const e of ix.errors) if (e.line > 0) m.errors.push({ line: e.line, col: e.col, message: e.message });
    if (outcome?.syntaxError && !m.errors.some((e) => e.line === outcome.syntaxError!.line))
      m.errors.push(outcome.syntaxError);
    return m;
  }, [player, snap, outcome]);

  return (
    <div className="editor-pane">
      {ex && (
        <div className="example-info" data-testid="example-info">
          <strong>{ex.title}</strong>
          <span>{ex.description}</span>
        </div>
      )}
      <div className="editor-box" data-testid="editor">
        <Suspense fallback={<Fallback />}>
          <CodeEditor marks={marks} theme={theme} />
        </Suspense>
      </div>
    </div>
  );
}
