// The four d3 panels, fed from the panels' data at the current step (selectPanels).
// Each draws its layout (pure shapes) into an <svg> owned by React.
import { shows, useStore } from '../state/store.ts';
import { selectPanels } from '../state/selectors.ts';
import { drawReadyQueue, layoutReadyQueue } from './panels/readyQueue.ts';
import { drawTimers, layoutTimers } from './panels/timers.ts';
import { drawTasks, layoutTasks, TASK_ROW_H } from './panels/tasks.ts';
import { drawFutures, layoutFutures, FUT_ROW_H } from './panels/futures.ts';
import { Panel, SvgBox, VirtualSvgList } from './SvgPanel.tsx';
import { STATE_COLOURS, STATE_GLYPH } from './colours.ts';
import { useMotion } from './motion.ts';

export function Panels() {
  const data = useStore(selectPanels);
  const motion = useMotion();
  // The panels an embed or a recording asked for (all in the playground).
  const panels = useStore((s) => s.panels);
  const show = (name: Parameters<typeof shows>[1]) => shows({ panels }, name);

  if (!data) {
    return (
      <div className="panels empty-panels">
        {show('ready') && (
          <Panel title="Ready queue" testid="ready-queue">
            <p className="hint">Press Run to record the program; then step through what the loop did.</p>
          </Panel>
        )}
        {show('timers') && (
          <Panel title="Timers" testid="timers">
            {null}
          </Panel>
        )}
        {show('tasks') && (
          <Panel title="Tasks" testid="tasks">
            {null}
          </Panel>
        )}
        {show('futures') && (
          <Panel title="Futures" testid="futures">
            {null}
          </Panel>
        )}
      </div>
    );
  }
  const { counts } = data;
  const ready = data.ready.ready;
  return (
    <div className="panels">
      {show('ready') && (
        <Panel title="Ready queue" testid="ready-queue" count={counts.ready} className="p-ready">
          <SvgBox
            label={`Ready queue: ${counts.ready} handle${counts.ready === 1 ? '' : 's'}${ready.length ? ': ' + ready.slice(0, 10).map((h) => h.label).join(', ') : ''}`}
            deps={[data, motion]}
            draw={(svg, width) => drawReadyQueue(svg, layoutReadyQueue(data.ready, width), motion)}
          />
        </Panel>
      )}
      {show('timers') && (
        <Panel title="Timers" testid="timers" count={counts.timers} className="p-timers">
          <SvgBox
            label={`Timers: ${counts.timers} pending; now t = ${data.timers.now.toFixed(3)} s`}
            deps={[data, motion]}
            draw={(svg, width) => drawTimers(svg, layoutTimers(data.timers, width), motion)}
          />
        </Panel>
      )}
      {show('tasks') && (
        <Panel
          title="Tasks"
          testid="tasks"
          count={counts.tasks}
          className="p-tasks"
          extra={
            <span className="state-summary">
              {counts.byState.map(([st, n]) => (
                <span key={st} className="state-pill" style={{ borderColor: STATE_COLOURS[st] }}>
                  {STATE_GLYPH[st]} {n} {st}
                </span>
              ))}
            </span>
          }
        >
          {counts.tasks === 0 ? (
            <p className="hint">No tasks at this step.</p>
          ) : (
            <VirtualSvgList
              label={`Tasks: ${counts.tasks}`}
              count={counts.tasks}
              rowH={TASK_ROW_H}
              maxHeight={TASK_ROW_H * 9}
              deps={[data, motion]}
              draw={(svg, width, first, last) => drawTasks(svg, layoutTasks(data.tasks, width, first, last), motion)}
            />
          )}
        </Panel>
      )}
      {show('futures') && (
        <Panel title="Futures" testid="futures" count={counts.futures} className="p-futures">
          {counts.futures === 0 ? (
            <p className="hint">No futures at this step.</p>
          ) : (
            <VirtualSvgList
              label={`Futures: ${counts.futures}`}
              count={counts.futures}
              rowH={FUT_ROW_H}
              maxHeight={FUT_ROW_H * 7}
              deps={[data, motion]}
              draw={(svg, width, first, last) => drawFutures(svg, layoutFutures(data.futures, width, first, last), motion)}
            />
          )}
        </Panel>
      )}
    </div>
  );
}
