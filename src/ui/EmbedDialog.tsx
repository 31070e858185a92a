// "Copy embed code": snippets for the current run (an <iframe> of the
// playground, a <loopscope-player> of its recording) with the options an
// author picks, a live preview (the embed itself, fed the run's recording
// through the message API, so it runs no Python), and Copy buttons.
// A native modal <dialog>: the page behind is inert (focus stays inside),
// Escape closes it, focus returns to the button that opened it.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { useStore } from '../state/store.ts';
import { commandMessage, parseEventMessage, PANEL_NAMES, type PanelName } from '../embed/api.ts';
import { appUrl, iframeSnippet, playerSnippet } from '../embed/snippets.ts';
import { THEME_OPTIONS, type ThemeOption } from '../embed/options.ts';
import { findExample } from '../examples/index.ts';

const PANEL_LABELS: Record<PanelName, string> = {
  ready: 'Ready queue',
  timers: 'Timers',
  tasks: 'Tasks',
  futures: 'Futures',
  network: 'Network',
  console: 'Console',
  narration: 'Narration',
};

type Recordings = typeof import('../state/recordings.ts');

export function EmbedDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const preview = useRef<HTMLIFrameElement>(null);
  const titleId = useId();
  const pagePanels = useStore((s) => s.panels);
  const code = useStore((s) => s.code);
  const k = useStore((s) => s.k);
  const player = useStore((s) => s.player);
  const pageTheme = useStore((s) => s.theme);
  const exampleTitle = useStore((s) => findExample(s.exampleId)?.title ?? s.recordingTitle ?? 'asyncio program');
  const [panels, setPanels] = useState<PanelName[]>(() => [...(pagePanels ?? PANEL_NAMES)]);
  const [readonly, setReadonly] = useState(false);
  const [autoplay, setAutoplay] = useState(false);
  const [theme, setTheme] = useState<ThemeOption>('auto');
  const [atStep, setAtStep] = useState(true);
  const [status, setStatus] = useState('');
  const [rec, setRec] = useState<Recordings | null>(null);

  useEffect(() => {
    // Focus goes back to whatever opened the dialog when it closes.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const d = ref.current;
    if (d && !d.open) d.showModal();
    void import('../state/recordings.ts').then(setRec);
    return () => opener?.focus();
  }, []);

  const step = atStep && player ? k : null;
  const allPanels = panels.length === PANEL_NAMES.length;
  const app = appUrl(location);
  const file = rec?.recordingFileName({ title: exampleTitle }) ?? 'recording.json';
  const iframe = iframeSnippet(app, { code, step, panels: allPanels ? null : panels, readonly, autoplay, theme: theme === 'auto' ? null : theme }, exampleTitle);
  const playerHtml = playerSnippet(app, { file, step, panels: allPanels ? null : panels, autoplay, theme });
  // The preview: an empty embed with these options, then the run's recording by `load`.
  const previewHash = `#embed=1&panels=${panels.join(',')}${readonly ? '&readonly=1' : ''}&theme=${theme === 'auto' ? pageTheme : theme}`;
  // The page behind is inert while the dialog is open: the run and its step cannot change meanwhile.
  const recordingText = useMemo(() => (rec && player ? rec.currentRecordingText() : null), [rec, player]);
  const n = player?.steps ?? 0;

  useEffect(() => {
    const onMessage = (e: MessageEvent) => {
      const frame = preview.current;
      if (!frame || e.source !== frame.contentWindow) return;
      const got = parseEventMessage(e.data);
      if (got?.event.type !== 'ready' || !recordingText) return;
      frame.contentWindow!.postMessage(commandMessage({ type: 'load', recording: recordingText }), location.origin);
      frame.contentWindow!.postMessage(commandMessage({ type: 'goto', step: step ?? n }), location.origin);
    };
    addEventListener('message', onMessage);
    return () => removeEventListener('message', onMessage);
  }, [recordingText, step, n]);

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setStatus(`${what} copied`);
    } catch {
      setStatus(`Could not reach the clipboard: select the ${what} and copy it (Ctrl+C)`);
    }
  };

  // Tab and Shift+Tab cycle inside the dialog (a modal <dialog> alone lets focus leave for the browser's own UI).
  const trapTab = (e: React.KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const all = Array.from(ref.current.querySelectorAll<HTMLElement>('button, input, select, textarea, a[href], [tabindex]:not([tabindex="-1"])')).filter(
      (el) => !el.hasAttribute('disabled') && el.tabIndex >= 0 && el.getClientRects().length > 0,
    );
    if (!all.length) return;
    const first = all[0];
    const last = all[all.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  const togglePanel = (p: PanelName) => setPanels((cur) => (cur.includes(p) ? cur.filter((x) => x !== p) : PANEL_NAMES.filter((x) => x === p || cur.includes(x))));

  return (
    <dialog
      ref={ref}
      className="embed-dialog"
      aria-labelledby={titleId}
      data-testid="embed-dialog"
      onClose={onClose}
      onKeyDown={trapTab}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div className="embed-dialog-head">
        <h2 id={titleId}>Embed this run</h2>
        <button className="btn icon" onClick={onClose} aria-label="Close" data-testid="embed-close">
          ✕
        </button>
      </div>
      <div className="embed-dialog-body">
        <div className="embed-options">
          <fieldset>
            <legend>Panels</legend>
            {PANEL_NAMES.map((p) => (
              <label key={p}>
                <input type="checkbox" checked={panels.includes(p)} onChange={() => togglePanel(p)} /> {PANEL_LABELS[p]}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>Options</legend>
            <label>
              <input type="checkbox" checked={atStep} onChange={(e) => setAtStep(e.target.checked)} disabled={!player} /> Open at step {k}
            </label>
            <label>
              <input type="checkbox" checked={autoplay} onChange={(e) => setAutoplay(e.target.checked)} /> Play on open
            </label>
            <label>
              <input type="checkbox" checked={readonly} onChange={(e) => setReadonly(e.target.checked)} /> Read-only editor (iframe)
            </label>
            <label>
              Theme{' '}
              <select value={theme} onChange={(e) => setTheme(e.target.value as ThemeOption)}>
                {THEME_OPTIONS.map((t) => (
                  <option key={t} value={t}>
                    {t === 'auto' ? "auto (the reader's)" : t}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        </div>
        <div className="embed-snippets">
          <Snippet
            label={
              <>
                <strong>iframe</strong>: the full playground, runs Python when the reader presses Run
              </>
            }
            value={iframe}
            rows={5}
            name="iframe"
            onCopy={() => copy(iframe, 'iframe code')}
          />
          <Snippet
            label={
              <>
                <strong>&lt;loopscope-player&gt;</strong>: light, no Python until Run; save the recording as <code>{file}</code> next to your page
              </>
            }
            value={playerHtml}
            rows={3}
            name="player"
            onCopy={() => copy(playerHtml, 'player code')}
          >
            <button className="btn" data-testid="download-recording-dialog" disabled={!player || !rec} onClick={() => rec?.downloadRecording()}>
              Download {file}
            </button>
          </Snippet>
          <p className="embed-status" role="status" aria-live="polite" data-testid="embed-status">
            {status}
          </p>
        </div>
        <div className="embed-preview">
          <span className="embed-preview-label">Preview</span>
          {recordingText ? (
            // inert: a picture of the embed, not a second set of controls (and Tab stays in the dialog).
            <div className="embed-preview-box">
              <iframe key={previewHash} ref={preview} src={`${app}${previewHash}`} title="Preview of the embed" data-testid="embed-preview" inert tabIndex={-1} />
            </div>
          ) : (
            <p className="hint">Run the program to preview its embed.</p>
          )}
        </div>
      </div>
    </dialog>
  );
}

/** One snippet: its text (read-only, selectable) and a Copy button (testids `NAME-snippet`, `copy-NAME`). */
function Snippet(props: { label: ReactNode; value: string; rows: number; name: string; onCopy: () => void; children?: ReactNode }) {
  return (
    <>
      <label className="snippet">
        <span>{props.label}</span>
        <textarea readOnly rows={props.rows} value={props.value} data-testid={`${props.name}-snippet`} spellCheck={false} />
      </label>
      <div className="snippet-actions">
        <button className="btn" data-testid={`copy-${props.name}`} onClick={props.onCopy}>
          Copy {props.name} code
        </button>
        {props.children}
      </div>
    </>
  );
}
