import { useStore } from '../state/store.ts';
import { narrate } from '../trace/index.ts';
import { useMemo } from 'react';

export function Narration() {
  const player = useStore((s) => s.player);
  const k = useStore((s) => s.k);
  const notice = useStore((s) => s.notice);
  const phase = useStore((s) => s.phase);
  const text = useMemo(() => (player ? narrate(player.trace, k, player.index) : null), [player, k]);
  return (
    <div className="narration-row">
      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'} data-testid="notice">
          {notice.text}
          {notice.action === 'retry' && (
            <button className="btn small primary" data-testid="retry" onClick={() => useStore.getState().retryRuntime()}>
              Retry
            </button>
          )}
          <button className="btn small" onClick={() => useStore.getState().setNotice(null)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      )}
      <p className="narration" data-testid="narration" aria-live="polite">
        {text ?? (phase === 'loading' ? 'Python is loading; press Run whenever you like — it starts as soon as Python is ready.' : 'Press Run to record the program.')}
      </p>
    </div>
  );
}
