import { lazy, Suspense } from 'react';
import { useStore } from '../state/store.ts';
import { selectCodeMarks } from '../state/selectors.ts';
import { findExample } from '../examples/index.ts';
import { useEditorWanted } from './editor/when.ts';

const CodeEditor = lazy(() => import('./editor/CodeEditor.tsx'));

/**
 * Shown until Monaco's chunk arrives (editor/when.ts says when it is asked for): the same
 * text, so the page is readable at once. Reaching for it (`want`) loads the editor now.
 */
function Fallback({ want }: { want?: () => void }) {
  const code = useStore((s) => s.code);
  return (
    <pre
      className="editor-fallback"
      aria-label="Python code (the editor is loading)"
      tabIndex={want ? 0 : undefined}
      onPointerDown={want}
      onFocus={want}
      onKeyDown={want}
    >
      {code.split('\n').map((l, i) => (
        <div key={i}>
          <span className="ln">{i + 1}</span>
          {l || ' '}
        </div>
      ))}
    </pre>
  );
}

export function EditorPane() {
  const theme = useStore((s) => s.theme);
  const exampleId = useStore((s) => s.exampleId);
  const embed = useStore((s) => s.embed);
  // An example's title and description, or an opened recording's title (while its code is unchanged); none in an embed.
  const ex = embed ? undefined : findExample(exampleId);
  const recording = useStore((s) => (s.embed || !s.codeFromLink ? null : s.recordingTitle));
  const [wanted, want] = useEditorWanted();
  // The lines the step ran through; a dot where each other task is suspended; the run's errors.
  const marks = useStore(selectCodeMarks);

  return (
    <div className="editor-pane">
      {ex ? (
        <div className="example-info" data-testid="example-info">
          <strong>{ex.title}</strong>
          <span>{ex.description}</span>
        </div>
      ) : (
        recording && (
          <div className="example-info" data-testid="recording-info">
            <strong>{recording}</strong>
            <span>A recording: its run is shown as recorded; Run records it again.</span>
          </div>
        )
      )}
      <div className="editor-box" data-testid="editor">
        {wanted ? (
          <Suspense fallback={<Fallback />}>
            <CodeEditor marks={marks} theme={theme} />
          </Suspense>
        ) : (
          <Fallback want={want} />
        )}
      </div>
    </div>
  );
}
