// The four d3 panels, fed from the snapshot of the current step.
import { useMemo } from 'react';
import { useStore } from '../state/store.ts';
import { shownTasks, stepDetail, type Snapshot } from '../trace/index.ts';
import { renderReadyQueue } from './panels/readyQueue.ts';
import { renderTimers } from './panels/timers.ts';
import { renderTasks, TASK_ROW_H } from './panels/tasks.ts';
import { renderFutures, FUT_ROW_H } from './panels/futures.ts';
import { Panel, SvgBox, VirtualSvgList } from './SvgPanel.tsx';
import { timeHorizon, waitLabel } from './derived.ts';
import { taskColour, STATE_COLOURS, STATE_GLYPH } from './colours.ts';
import { transitionMs } from './motion.ts';

export function Panels({ snap }: { snap: Snapshot | null }) {
  const player = useStore((s) => s.player);
  const speed = useStore((s) => s.speed);
  const playing = useStore((s) => s.playing);
  const duration = transitionMs(speed, playing);
  const colour = useMemo(
    () => (id: number) => {
      const slot = player ? player.index.taskSlot(id) : -1;
      return slot < 0 ? null : taskColour(slot);
    },
    [player],
  );
  const fromTimers = useMemo(() => (player && snap ? stepDetail(player.trace, snap.step, player.index).due : new Set<number>()), [player, snap]);
  const tasks = snap ? shownTasks(snap) : [];
  const readyTotal = snap ? snap.ready.length : 0;
  // A timer that completes a future is drawn in the colour of the task waiting on it.
  const awaiter = useMemo(() => {
    const m = new Map<number, number>();
    for (const t of snap?.tasks ?? []) if (t.waitOn !== null && !m.has(t.waitOn)) m.set(t.waitOn, t.id);
    return m;
  }, [snap]);

  const counts = useMemo(() => {
    const c: Record<string, number> = {};
    for (const t of tasks) c[t.state] = (c[t.state] ?? 0) + 1;
    return c;
  }, [tasks]);

  if (!snap || !player) {
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
  const ix = player.index;
  const name = ix.objectName;
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
              {
                timers: snap.timers.map((t) => (t.task === null && t.callbackOf !== null && awaiter.has(t.callbackOf) ? { ...t, task: awaiter.get(t.callbackOf)! } : t)),
                blocks: snap.blocks,
                now: snap.time,
                horizon: Math.max(timeHorizon(ix), snap.time),
              },
              { width, duration, colour },
            )
          }
        />
      </Panel>
      <Panel
        title="Tasks"
        testid="tasks"
        count={tasks.length}
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
        {tasks.length === 0 ? (
          <p className="hint">No tasks at this step.</p>
        ) : (
          <VirtualSvgList
            label={`Tasks: ${tasks.length}`}
            count={tasks.length}
            rowH={TASK_ROW_H}
            maxHeight={TASK_ROW_H * 9}
            deps={[snap, duration]}
            draw={(svg, width, first, last) =>
              renderTasks(
                svg,
                { tasks, first, last, k: snap.step, n: player.steps, stepsOf: (t) => player.taskSteps(t), waitLabel: (t) => waitLabel(t, name) },
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
              renderFutures(svg, { futures: snap.futures, first, last, taskName: name }, { width, duration, colour })
            }
          />
        )}
      </Panel>
    </div>
  );
}
