import { lazy, Suspense, useState } from 'react';
import { useStore } from '../state/store.ts';
import { Icon } from './Icon.tsx';
import { EXAMPLES, findExample } from '../examples/index.ts';
// Loaded when first opened: the page's first chunk does not carry it.
const EmbedDialog = lazy(() => import('./EmbedDialog.tsx').then((m) => ({ default: m.EmbedDialog })));
import { openRecordingFile } from './RecordingDrop.tsx';

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

export function Header() {
  const phase = useStore((s) => s.phase);
  const queued = useStore((s) => s.queued);
  const loadLabel = useStore((s) => s.loadLabel);
  const loadFraction = useStore((s) => s.loadFraction);
  const exampleId = useStore((s) => s.exampleId);
  const theme = useStore((s) => s.theme);
  const [copied, setCopied] = useState<string | null>(null);
  const [embedOpen, setEmbedOpen] = useState(false);
  const hasRun = useStore((s) => s.player !== null);
  const running = phase === 'running' || queued;

  const copy = async () => {
    const url = useStore.getState().copyLink();
    history.replaceState(null, '', url);
    try {
      await navigator.clipboard.writeText(url);
      setCopied('Link copied');
    } catch {
      setCopied('Link is in the address bar');
    }
    setTimeout(() => setCopied(null), 2500);
  };

  const statusText = queued ? `Run queued — ${loadLabel}` : phase === 'running' ? 'Running…' : loadLabel;
  return (
    <header className="topbar">
      <h1 className="logo">
        <span aria-hidden="true">⟳</span> Loopscope
      </h1>
      <label className="examples">
        <span className="sr-only">Example</span>
        <select
          value={exampleId ?? ''}
          onChange={(e) => {
            const ex = findExample(e.target.value);
            if (!ex) return;
            useStore.getState().loadExample(ex.id);
            useStore.getState().run();
          }}
          aria-label="Examples"
        >
          {!exampleId && <option value="">Your code</option>}
          {EXAMPLES.map((ex) => (
            <option key={ex.id} value={ex.id}>
              {ex.title}
            </option>
          ))}
        </select>
      </label>
      <button
        className="btn primary"
        data-testid="run"
        onClick={() => useStore.getState().run()}
        title={`Run (${isMac ? '⌘' : 'Ctrl'}+Enter)`}
        aria-keyshortcuts="Control+Enter Meta+Enter"
      >
        <Icon name="run" /> Run <kbd>{isMac ? '⌘⏎' : 'Ctrl+⏎'}</kbd>
      </button>
      <button className="btn" data-testid="stop" onClick={() => useStore.getState().stop()} disabled={!running} title="Stop the running program">
        <Icon name="stop" /> Stop
      </button>
      <button className="btn" data-testid="copy-link" onClick={copy} title="Copy a link to this code and step">
        <Icon name="link" /> Copy link
      </button>
      <label className="btn" title="Open a recording file (.json); or drop one on the page">
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          data-testid="open-recording"
          onChange={(e) => {
            void openRecordingFile(e.target.files);
            e.target.value = '';
          }}
        />
        Open recording
      </label>
      <button
        className="btn"
        data-testid="download-recording"
        disabled={!hasRun}
        onClick={() => void import('../state/recordings.ts').then((r) => r.downloadRecording())}
        title="Save this run (code, trace, step) as a recording file"
      >
        Download recording
      </button>
      <button className="btn" data-testid="embed" disabled={!hasRun} onClick={() => setEmbedOpen(true)} title="Copy code to embed this run in a web page">
        Embed
      </button>
      {embedOpen && (
        <Suspense fallback={null}>
          <EmbedDialog onClose={() => setEmbedOpen(false)} />
        </Suspense>
      )}
      <span className="copied" role="status" aria-live="polite">
        {copied}
      </span>
      <div className="py-status" data-testid="python-status" data-phase={phase} data-queued={queued ? 'true' : 'false'}>
        {phase !== 'ready' || queued ? (
          <>
            <span title={statusText}>{statusText}</span>
            {phase === 'loading' && (
              <progress max={1} value={loadFraction} aria-label="Loading Python" />
            )}
          </>
        ) : (
          <span title={loadLabel}>{loadLabel}</span>
        )}
      </div>
      <button
        className="btn icon"
        onClick={() => useStore.getState().setTheme(theme === 'dark' ? 'light' : 'dark')}
        aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
        title="Toggle theme"
      >
        <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
      </button>
    </header>
  );
}
