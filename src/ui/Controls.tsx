import { useStore } from '../state/store.ts';
import { Icon } from './Icon.tsx';
import { SPEEDS } from '../trace/recording.ts';

export function Controls({ time }: { time: number }) {
  const k = useStore((s) => s.k);
  const n = useStore((s) => s.player?.steps ?? 0);
  const has = useStore((s) => s.player !== null);
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  const st = useStore.getState;
  return (
    <div className="controls" role="toolbar" aria-label="Playback">
      <button className="btn icon" onClick={() => st().toStart()} disabled={!has || k === 0} aria-label="Jump to start" title="Jump to start (Home)">
        <Icon name="start" />
      </button>
      <button className="btn icon" onClick={() => st().stepIteration(-1)} disabled={!has || k === 0} aria-label="Back one loop iteration" title="Back one loop iteration (Shift+←)">
        <Icon name="prevIter" />
      </button>
      <button className="btn icon" data-testid="step-back" onClick={() => st().stepBy(-1)} disabled={!has || k === 0} aria-label="Step back" title="Step back (←)">
        <Icon name="back" />
      </button>
      <button
        className="btn icon play"
        data-testid="play"
        onClick={() => st().togglePlay()}
        disabled={!has || n === 0}
        aria-label={playing ? 'Pause' : 'Play'}
        title="Play / pause (Space)"
      >
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button className="btn icon" data-testid="step-forward" onClick={() => st().stepBy(1)} disabled={!has || k >= n} aria-label="Step forward" title="Step forward (→)">
        <Icon name="forward" />
      </button>
      <button className="btn icon" onClick={() => st().stepIteration(1)} disabled={!has || k >= n} aria-label="Forward one loop iteration" title="Forward one loop iteration (Shift+→)">
        <Icon name="nextIter" />
      </button>
      <button className="btn icon" onClick={() => st().toEnd()} disabled={!has || k >= n} aria-label="Jump to end" title="Jump to end (End)">
        <Icon name="end" />
      </button>
      <label className="speed">
        <span className="sr-only">Speed</span>
        <select value={speed} onChange={(e) => st().setSpeed(Number(e.target.value))} aria-label="Playback speed">
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}x
            </option>
          ))}
        </select>
      </label>
      <input
        className="scrubber"
        type="range"
        min={0}
        max={n}
        step={1}
        value={k}
        disabled={!has}
        onChange={(e) => {
          st().pause();
          st().setK(Number(e.target.value));
        }}
        aria-label="Step"
        aria-valuetext={`step ${k} of ${n}`}
        data-testid="scrubber"
      />
      <output className="counter" data-testid="step-counter" aria-label="Step">
        {k} / {n}
      </output>
      <output className="clock" data-testid="clock" aria-label="Virtual clock">
        t = {time.toFixed(3)} s
      </output>
    </div>
  );
}
