// The four d3 panels, fed from the snapshot of the current step.
import { useMemo } from 'react';
import { useStore } from '../state/store.ts';
import type { Snapshot } from '../state/player.ts';
import { renderReadyQueue } from './panels/readyQueue.ts';
import { renderTimers } from './panels/timers.ts';
import { renderTasks, TASK_ROW_H } from './panels/tasks.ts';
import { renderFutures, FUT_ROW_H } from './panels/futures.ts';
import { Panel, SvgBox, VirtualSvgList } from './SvgPanel.tsx';
import { derive, dueInStep, waitLabel } from './derived.ts';
import { taskColour, STATE_COLOURS, STATE_GLYPH } from './colours.ts';
import { transitionMs } from './motion.ts';

export function Panels({ snap }: { snap: Snapshot | null }) {
  const player = useStore((s) => s.player);
  const speed = useStore((s) => s.speed);
  const playing = useStore((s) => s.playing);
  const duration = transitionMs(speed, playing);
  const d = player ? derive(player) : null;
  const colour = useMemo(
    () => (id: number) => {
      const slot = player?.index.taskColour.get(id);
      return slot === undefined ? null : taskColour(slot);
    },
    [player],
  );
  const fromTimers = useMemo(() => (player && snap ? dueInStep(player.index, snap.k) : new Set<number>()), [player, snap]);
  const readyTotal = snap && player ? player.readyLength() : 0;
  // A timer that completes a future is drawn in the colour of the task waiting on it.
  const awaiter = useMemo(() => {
    const m = new Map<number, number>();
    for (const t of snap?.tasks ?? []) if (t.waitOn >= 0 && !m.has(t.waitOn)) m.set(t.waitOn, t.id);
    return m;
  }, [snap]);

  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const t of snap?.tasks ?? []) c[t.state] = (c[t.state] ?? 0) + 1;
    return c;
  }, [snap]);

  if (!snap || !player || !d) {
    return (
      <div className="panels empty-panels">
        <Panel title="Ready queue" testid="ready-queue">
          <p className="hint">Press Run to record the program; then step through what the loop did.</p>
        </Panel>
        <Panel title="Timers" testid="timers">
          {null}
        </Panel>
        <Panel title="Tasks" testid="tasks">
          {null}
        </Panel>
        <Panel title="Futures" testid="futures">
          {null}
        </Panel>
      </div>
    );
  }
  const pendingTimers = snap.timers.filter((t) => !t.cancelled).length;
  return (
    <div className="panels">
      <Panel title="Ready queue" testid="ready-queue" count={readyTotal} className="p-ready">
        <SvgBox
          label={`Ready queue: ${readyTotal} handle${readyTotal === 1 ? '' : 's'}${snap.ready.length ? ': ' + snap.ready.slice(0, 10).map((h) => h.label).join(', ') : ''}`}
          deps={[snap, duration]}
          draw={(svg, width) =>
            renderReadyQueue(svg, { ready: snap.ready, total: readyTotal, running: snap.running, fromTimers }, { width, duration, colour })
          }
        />
      </Panel>
      <Panel title="Timers" testid="timers" count={pendingTimers} className="p-timers">
        <SvgBox
          label={`Timers: ${pendingTimers} pending; now t = ${snap.time.toFixed(3)} s`}
          deps={[snap, duration]}
          draw={(svg, width) =>
            renderTimers(
              svg,
              { timers: snap.timers.map((t) => (t.task < 0 && t.callbackOf >= 0 && awaiter.has(t.callbackOf) ? { ...t, task: awaiter.get(t.callbackOf)! } : t)), blocks: snap.blocks, now: snap.time, horizon: Math.max(d.horizon, snap.time) },
              { width, duration, colour },
            )
          }
        />
      </Panel>
      <Panel
        title="Tasks"
        testid="tasks"
        count={snap.tasks.length}
        className="p-tasks"
        extra={
          <span className="state-summary">
            {Object.entries(counts).map(([st, n]) => (
              <span key={st} className="state-pill" style={{ borderColor: STATE_COLOURS[st] }}>
                {STATE_GLYPH[st]} {n} {st}
              </span>
            ))}
          </span>
        }
      >
        {snap.tasks.length === 0 ? (
          <p className="hint">No tasks at this step.</p>
        ) : (
          <VirtualSvgList
            label={`Tasks: ${snap.tasks.length}`}
            count={snap.tasks.length}
            rowH={TASK_ROW_H}
            maxHeight={TASK_ROW_H * 9}
            deps={[snap, duration]}
            draw={(svg, width, first, last) =>
              renderTasks(
                svg,
                { tasks: snap.tasks, first, last, k: snap.k, n: snap.n, stepsOf: d.stepsOf, waitLabel: (t) => waitLabel(t, d.name) },
                { width, duration, colour },
              )
            }
          />
        )}
      </Panel>
      <Panel title="Futures" testid="futures" count={snap.futures.length} className="p-futures">
        {snap.futures.length === 0 ? (
          <p className="hint">No futures at this step.</p>
        ) : (
          <VirtualSvgList
            label={`Futures: ${snap.futures.length}`}
            count={snap.futures.length}
            rowH={FUT_ROW_H}
            maxHeight={FUT_ROW_H * 7}
            deps={[snap, duration]}
            draw={(svg, width, first, last) =>
              renderFutures(svg, { futures: snap.futures, first, last, taskName: d.name }, { width, duration, colour })
            }
          />
        )}
      </Panel>
    </div>
  );
}
