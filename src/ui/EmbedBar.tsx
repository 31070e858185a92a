// An embed's one row above the editor (in place of the page header): Run,
// Stop, Python's state, and a way out to the full playground in a new tab.
import { useStore } from '../state/store.ts';
import { Icon } from './Icon.tsx';

export function EmbedBar() {
  const phase = useStore((s) => s.phase);
  const queued = useStore((s) => s.queued);
  const loadLabel = useStore((s) => s.loadLabel);
  const recordingTitle = useStore((s) => (s.codeFromLink ? s.recordingTitle : null));
  const running = phase === 'running' || queued;
  const openFull = () => {
    // The full playground with this code and step, not as an embed.
    const url = useStore.getState().copyLink();
    window.open(url, '_blank', 'noopener');
  };
  return (
    <div className="embed-bar" role="toolbar" aria-label="Loopscope">
      <button className="btn primary" data-testid="run" onClick={() => useStore.getState().run()} title="Run (Ctrl+Enter)" aria-keyshortcuts="Control+Enter Meta+Enter">
        <Icon name="run" /> Run
      </button>
      <button className="btn" data-testid="stop" onClick={() => useStore.getState().stop()} disabled={!running}>
        <Icon name="stop" /> Stop
      </button>
      {recordingTitle && <span className="embed-title">{recordingTitle}</span>}
      <span className="py-status" data-testid="python-status" data-phase={phase} data-queued={queued ? 'true' : 'false'}>
        {queued ? `Run queued — ${loadLabel}` : phase === 'running' ? 'Running…' : loadLabel}
      </span>
      <button className="btn" onClick={openFull} title="Open this program in the full Loopscope playground, in a new tab">
        <Icon name="link" /> Loopscope
      </button>
    </div>
  );
}
