import { useEffect, useRef } from 'react';
import { useStore } from '../state/store.ts';

const MAX_LINES = 400;

export function ConsolePanel() {
  const player = useStore((s) => s.player);
  const k = useStore((s) => s.k);
  const outcome = useStore((s) => s.outcome);
  const runError = useStore((s) => s.runError);
  const box = useRef<HTMLDivElement>(null);
  const all = player?.lines ?? [];
  const upto = player ? player.linesVisibleAt(k) : 0;
  const from = Math.max(0, upto - MAX_LINES);
  const lines = all.slice(from, upto);
  const limit = player?.index.limit;
  const atEnd = player ? k === player.steps : false;
  // A run that never reached the loop (syntax error) may have stderr outside the trace.
  const extraErr = player && all.length === 0 && outcome?.stderr ? outcome.stderr : '';

  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [upto, player]);

  return (
    <section className="console panel" aria-label="Console">
      <h2 className="panel-title">
        Console
        <span className="panel-count">{player ? `${upto} / ${all.length} lines` : ''}</span>
      </h2>
      <div className="console-body" ref={box} data-testid="console" role="log" aria-live="off">
        {from > 0 && <div className="console-note">… {from} earlier lines not shown</div>}
        {lines.map((l, i) => (
          <button
            key={from + i}
            className={`console-line fd${l.fd}`}
            data-fd={l.fd}
            data-step={l.step}
            onClick={() => useStore.getState().setK(l.step)}
            title={`printed at step ${l.step} — click to go there`}
          >
            {l.text || ' '}
          </button>
        ))}
        {extraErr && <pre className="console-line fd2">{extraErr}</pre>}
        {atEnd && limit && (
          <div className="console-note limit" data-testid="limit-note">
            ⚠ {limit.kind === 'output' ? 'Output capped: ' : 'Run ended early: '}
            {limit.message}
          </div>
        )}
        {runError && <div className="console-note limit">⚠ {runError}</div>}
      </div>
    </section>
  );
}
