import { useEffect, useRef } from 'react';
import { useStore } from '../state/store.ts';
import { selectConsole } from '../state/selectors.ts';

const MAX_LINES = 400;

export function ConsolePanel() {
  const con = useStore(selectConsole);
  const outcome = useStore((s) => s.outcome);
  const runError = useStore((s) => s.runError);
  const box = useRef<HTMLDivElement>(null);
  const all = con?.lines ?? [];
  const upto = con?.upto ?? 0;
  const from = Math.max(0, upto - MAX_LINES);
  const lines = all.slice(from, upto);
  const limit = con?.limit;
  const atEnd = con?.atEnd ?? false;
  // A run that never reached the loop (syntax error) may have stderr outside the trace.
  const extraErr = con && all.length === 0 && outcome?.stderr ? outcome.stderr : '';

  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [upto, all]);

  return (
    <section className="console panel" aria-label="Console">
      <h2 className="panel-title">
        Console
        <span className="panel-count">{con ? `${upto} / ${all.length} lines` : ''}</span>
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
