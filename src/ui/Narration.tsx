import { shows, useStore } from '../state/store.ts';
import { selectNarration } from '../state/selectors.ts';

export function Narration() {
  const text = useStore(selectNarration);
  const notice = useStore((s) => s.notice);
  const phase = useStore((s) => s.phase);
  const showNarration = useStore((s) => shows(s, 'narration'));
  if (!notice && !showNarration) return null;
  return (
    <div className="narration-row">
      {notice && (
        <div className={`notice ${notice.level}`} role={notice.level === 'error' ? 'alert' : 'status'} data-testid="notice" data-kind={notice.kind}>
          {notice.text}
          {notice.action === 'retry' && (
            <button className="btn small primary" data-testid="retry" onClick={() => useStore.getState().retryRuntime()}>
              Retry
            </button>
          )}
          {notice.action === 'all-panels' && (
            <button className="btn small" data-testid="all-panels" onClick={() => useStore.getState().setPanels(null)}>
              Show all panels
            </button>
          )}
          <button className="btn small" onClick={() => useStore.getState().setNotice(null)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      {showNarration && (
        <p className="narration" data-testid="narration" aria-live="polite">
          {text ?? (phase === 'loading' ? 'Python is loading; press Run whenever you like — it starts as soon as Python is ready.' : 'Press Run to record the program.')}
        </p>
      )}
    </div>
  );
}
