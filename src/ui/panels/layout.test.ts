// The panels' layouts in Node, on traces of real programs recorded through the
// runtime (gallery examples and the classic ten time.sleep(1) tasks): pure
// shapes, no DOM. What is drawn follows from these shapes alone.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoopscopeRuntime } from '../../runtime/core.ts';
import { nodeRuntime } from '../../runtime/node.ts';
import { TracePlayer, panelData, type PanelData } from '../../trace/index.ts';
import { taskColour } from '../colours.ts';
import { textWidth } from './common.ts';
import { LABEL_X, SLOT_W, layoutReadyQueue } from './readyQueue.ts';
import { layoutBlocks, layoutTimers } from './timers.ts';
import { COL_GAP, NAME_W, NAME_X, ROW_CH, TASK_ROW_H, layoutTasks } from './tasks.ts';
import { FUT_ROW_H, layoutFutures } from './futures.ts';
import { NET_ROW_H, layoutNetwork } from './network.ts';

const EXAMPLES = join(import.meta.dirname, '../../examples');

const TEN_SLEEPS = `import asyncio
import time


async def worker(n):
    print(f"task {n} starts")
    time.sleep(1)
    print(f"task {n} done")


async def main():
    await asyncio.gather(*(worker(n) for n in range(10)))


asyncio.run(main())
`;

let rt: LoopscopeRuntime;
const players = new Map<string, TracePlayer>();
function player(name: string): TracePlayer {
  let p = players.get(name);
  if (!p) {
    // An example runs as the page runs it: without its metadata header (so line numbers match the editor).
    const source = name === 'ten-sleeps' ? TEN_SLEEPS : readFileSync(join(EXAMPLES, `${name}.py`), 'utf8').replace(/^(#\s*(title|description|note):.*\n)+/, '');
    p = new TracePlayer(rt.run(source, { filename: `${name}.py` }).trace);
    players.set(name, p);
  }
  return p;
}
const at = (name: string, k: number): PanelData => panelData(player(name), k);

beforeAll(async () => {
  rt = await nodeRuntime();
});

describe('ready queue', () => {
  it('07-tasks step 3: B ran; both sleep timers fell due and wait in the queue, in their tasks’ colours', () => {
    const d = at('07-tasks', 3);
    const s = layoutReadyQueue(d.ready, 1000);
    const ix = player('07-tasks').index;
    const slotOfName = (name: string) => ix.taskSlot(ix.taskIds.find((t) => ix.objectName(t) === name)!);
    expect(s.running).toMatchObject({ label: '▶ B: step factorial()', stripe: taskColour(slotOfName('B')) });
    expect(s.chips.map((c) => [c.label, c.from, c.cancelled])).toEqual([
      ['end of sleep: resolve Future-1', 'timer', false],
      ['end of sleep: resolve Future-2', 'timer', false],
    ]);
    // A timer's handle is a plain callback: the callback stripe, not a task's colour.
    expect(s.chips.every((c) => c.stripe === 'var(--callback)')).toBe(true);
    // Chips sit in one row right of the slot, without overlapping.
    expect(s.chips[0].x).toBe(s.left);
    expect(s.chips[1].x).toBeGreaterThanOrEqual(s.chips[0].x + s.chips[0].w);
    expect(s.more).toBeNull();
    expect(s.empty).toBe('');
    expect(s.caption).toBe('ran in this step');
  });

  it('17-echo-protocols: a long running handle is cut with an ellipsis inside its slot, and whole on hover', () => {
    const p = player('17-echo-protocols');
    let cut = 0;
    for (let k = 1; k <= p.steps; k++) {
      const r = layoutReadyQueue(at('17-echo-protocols', k).ready, 740).running!;
      expect(LABEL_X + textWidth(r.label), r.label).toBeLessThanOrEqual(SLOT_W - 10 - 4);
      if (r.label.endsWith('…')) {
        cut++;
        expect(r.title.startsWith(r.label.slice(2, -1))).toBe(true);
      }
    }
    expect(cut).toBeGreaterThan(0);
  });

  it('step 0 of 07-tasks: nothing ran yet; at the end the queue is empty', () => {
    expect(layoutReadyQueue(at('07-tasks', 0).ready, 1000)).toMatchObject({ running: null, caption: 'nothing has run yet' });
    const end = layoutReadyQueue(at('07-tasks', player('07-tasks').steps).ready, 1000);
    expect(end.chips).toEqual([]);
    expect(end.empty).toBe('empty: nothing is ready to run');
  });

  it('16-many-tasks: a long queue shows at most four rows, and the rest as a "+N more" summary that is no handle', () => {
    const p = player('16-many-tasks');
    // The first step: main gathered 1,000 tasks, all ready.
    const d = at('16-many-tasks', 1);
    expect(d.ready.ready.length).toBeGreaterThan(900);
    for (const width of [1440, 760]) {
      const s = layoutReadyQueue(d.ready, width);
      const rows = new Set(s.chips.map((c) => c.y));
      expect(rows.size).toBeLessThanOrEqual(4);
      expect(s.more).not.toBeNull();
      expect(s.more!.label).toBe(`+${d.ready.ready.length - s.chips.length} more`);
      // Every chip is a real handle of the queue, in queue order.
      expect(s.chips.map((c) => c.id)).toEqual(d.ready.ready.slice(0, s.chips.length).map((h) => h.id));
      // Within a row, chips and the summary do not overlap.
      const boxes = [...s.chips, { ...s.more!, id: -1 }];
      for (const y of rows) {
        const row = boxes.filter((b) => b.y === y).sort((a, b) => a.x - b.x);
        for (let i = 1; i < row.length; i++) expect(row[i].x).toBeGreaterThanOrEqual(row[i - 1].x + row[i - 1].w);
      }
    }
    expect(p.steps).toBeGreaterThan(1000);
  });
});

describe('timers', () => {
  it('07-tasks step 2: the one pending timer belongs to task A, who awaits the future it resolves', () => {
    const d = at('07-tasks', 2);
    const s = layoutTimers(d.timers, 1000);
    expect(s.timers).toHaveLength(1);
    const ix = player('07-tasks').index;
    const a = ix.taskIds.find((t) => ix.objectName(t) === 'A')!;
    expect(d.timers.timers[0].task).toBe(a);
    expect(s.timers[0]).toMatchObject({ testid: 'timer-item', fill: taskColour(ix.taskSlot(a)), cancelled: false });
    expect(s.timers[0].text).toContain('end of sleep');
    // The axis: ticks in seconds, increasing, inside the panel.
    expect(s.axis.ticks[0].label).toBe('0 s');
    expect(s.axis.ticks.every((t, i, all) => t.x >= s.axis.x0 && t.x <= s.axis.x1 && (i === 0 || t.x > all[i - 1].x))).toBe(true);
    expect(s.empty).toBeNull();
  });

  it('08-blocking-sleep: one stretch of 2 s, labelled in full', () => {
    const p = player('08-blocking-sleep');
    const s = layoutTimers(at('08-blocking-sleep', p.steps).timers, 1000);
    expect(s.blocks).toHaveLength(1);
    expect(s.blockLabels.map((l) => l.text)).toEqual(['loop blocked 2.00 s']);
    expect(s.blocks[0].title).toContain('the loop could run nothing for 2 s');
  });

  for (const width of [1440, 760, 400]) {
    it(`ten tasks calling time.sleep(1) in a row: labels never overlap (${width} px)`, () => {
      const p = player('ten-sleeps');
      for (const k of [3, 6, p.steps]) {
        const d = at('ten-sleeps', k);
        const s = layoutTimers(d.timers, width);
        expect(s.blocks).toHaveLength(d.timers.blocks.length);
        const boxes = s.blockLabels.map((l) => [l.x, l.x + textWidth(l.text, 7.4)] as const).sort((a, b) => a[0] - b[0]);
        for (let i = 1; i < boxes.length; i++) expect(boxes[i][0], `k=${k}`).toBeGreaterThanOrEqual(boxes[i - 1][1]);
        // Every label stays inside the panel; every stretch names its calls on hover.
        for (const [, right] of boxes) expect(right).toBeLessThanOrEqual(width);
        for (const b of s.blocks) expect(b.title).toMatch(/^time\.sleep\(1\): the loop could run nothing for 1 s$/);
      }
      // At the end the ten calls touch: one stretch of 10 s, labelled once (or not at all where there is no room).
      const end = layoutTimers(at('ten-sleeps', p.steps).timers, width);
      expect(end.blocks).toHaveLength(10);
      expect(end.blockLabels.length).toBeLessThanOrEqual(1);
      if (width >= 760) expect(end.blockLabels.map((l) => l.text)).toEqual(['loop blocked 10.00 s by 10 calls']);
    });
  }

  for (const width of [1440, 760, 400]) {
    it(`08-blocking-sleep at the end: "no pending timers" lies over no blocked stretch nor its label (${width} px)`, () => {
      const p = player('08-blocking-sleep');
      const s = layoutTimers(at('08-blocking-sleep', p.steps).timers, width);
      expect(s.blocks).toHaveLength(1);
      const e = s.empty!;
      expect(e.text).toBe('no pending timers');
      const right = e.x + textWidth(e.text, 6.6);
      expect(right).toBeLessThanOrEqual(width);
      // Text boxes (12px: baseline - 11 to baseline + 3) against the band's stretches and labels.
      const overlaps = (x0: number, x1: number, y0: number, y1: number) => e.x < x1 && right > x0 && e.y - 11 < y1 && e.y + 3 > y0;
      for (const b of s.blocks) expect(overlaps(b.x, b.x + b.w, s.band.y, s.band.y + s.band.h), 'over a stretch').toBe(false);
      for (const l of s.blockLabels) expect(overlaps(l.x, l.x + textWidth(l.text, 7.4), s.band.labelY - 11, s.band.labelY + 3), 'over a label').toBe(false);
      expect(e.y).toBeLessThanOrEqual(s.height);
      // Nor over the now-cursor.
      expect(e.x > s.now.x || right < s.now.x).toBe(true);
    });
  }

  it('17-echo-protocols step 1: with no timer yet and the clock at 0, "no pending timers" stands clear of the now-cursor', () => {
    const s = layoutTimers(at('17-echo-protocols', 1).timers, 740);
    expect(s.empty!.x).toBeGreaterThan(s.now.x + 2);
  });

  it('blocks apart are labelled each where there is room, and named on hover where there is not', () => {
    const blocks = [0, 1.5, 1.6, 5].map((start, i) => ({ kind: 'sleep' as const, label: `b${i}`, start, duration: 0.05, step: i }));
    const { blocks: shapes, blockLabels } = layoutBlocks(blocks, (t) => 10 + t * 100, 700);
    expect(shapes).toHaveLength(4);
    // 1.5 and 1.6 lie 5 px apart: no room for a label between them; the others have room.
    expect(blockLabels.map((l) => l.key)).toEqual(['0:0', '2:1.6', '3:5']);
    expect(blockLabels[0].text).toBe('loop blocked 0.05 s');
  });
});

describe('tasks and futures', () => {
  it('07-tasks step 3: rows of the visible window, the task that ran marked running, swimlanes split at k', () => {
    const d = at('07-tasks', 3);
    const s = layoutTasks(d.tasks, 1000, 0, 2);
    expect(s.rows.map((r) => [r.name, r.state])).toEqual([
      ['Task-1', 'waiting'],
      ['A', 'waiting'],
    ]);
    expect(s.rows[1].y).toBe(TASK_ROW_H);
    expect(s.height).toBe(3 * TASK_ROW_H + 4);
    expect(s.rows[1].waitText).toBe('on Future-1 (sleep) · line 8');
    const all = layoutTasks(d.tasks, 1000);
    expect(all.rows.find((r) => r.name === 'B')).toMatchObject({ state: 'running', waitText: 'running now' });
    // One tick per step a task ran: A ran steps 2 and 4 (…); those up to k=3 are past.
    const ticks = (path: string) => (path.match(/M/g) ?? []).length;
    const a = all.rows.find((r) => r.name === 'A')!;
    const aSteps = Array.from(player('07-tasks').taskSteps(a.id));
    expect(ticks(a.past)).toBe(aSteps.filter((k) => k <= 3).length);
    expect(ticks(a.future)).toBe(aSteps.filter((k) => k > 3).length);
    expect(all.cursorX).toBeGreaterThan(all.lane.x0);
  });

  it('07-tasks at the end: a long name (BaseEventLoop.shutdown_asyncgens()) ends with an ellipsis before the state pill, and is whole on hover', () => {
    const d = at('07-tasks', player('07-tasks').steps);
    const s = layoutTasks(d.tasks, 1000);
    const long = s.rows.filter((r) => r.nameText.endsWith('…'));
    expect(long.length).toBeGreaterThan(0);
    for (const r of s.rows) {
      expect(NAME_X + textWidth(r.nameText, ROW_CH), r.nameText).toBeLessThanOrEqual(NAME_W - COL_GAP);
      const t = d.tasks.tasks.find((x) => x.id === r.id)!;
      expect(r.title.startsWith(`${t.name} — ${t.coro} — `)).toBe(true);
    }
    expect(long.some((r) => r.title.includes('BaseEventLoop.shutdown_asyncgens()'))).toBe(true);
  });

  it('07-tasks at the end: futures done, with their results; awaiters as dots in the tasks’ colours', () => {
    const p = player('07-tasks');
    const end = layoutFutures(at('07-tasks', p.steps).futures, 1000);
    expect(end.rows.map((r) => r.state)).toEqual(['done', 'done', 'done']);
    expect(end.rows[0].detail).toBe('result None');
    expect(end.rows[1].y).toBe(FUT_ROW_H);
    const mid = at('07-tasks', 2);
    const f = layoutFutures(mid.futures, 1000);
    const ix = p.index;
    expect(f.rows[0].awaiters.map((w) => w.fill)).toEqual(mid.futures.futures[0].awaitedBy.map((t) => taskColour(ix.taskSlot(t))));
    expect(f.rows[0].awaiters[0].title).toBe('awaited by A');
  });
});

describe('network', () => {
  it('17-echo-protocols: the server and the connection, open, then closed at the end', () => {
    const p = player('17-echo-protocols');
    let open: PanelData['network'] = null;
    for (let k = 0; k <= p.steps && !open; k++) {
      const n = at('17-echo-protocols', k).network;
      if (n && n.connections.length && n.connections[0].state === 'open') open = n;
    }
    expect(open).not.toBeNull();
    const s = layoutNetwork(open!, 800);
    expect(s.rows.map((r) => [r.testid, r.state])).toEqual([
      ['net-server', 'listening'],
      ['connection-item', 'open'],
    ]);
    expect(s.rows[1].y).toBe(NET_ROW_H + 3);
    expect(s.rows[1].wire).toMatchObject({ dashed: false });
    expect(s.label).toMatch(/^Network: server 127\.0\.0\.1:\d+ listening/);
    const end = layoutNetwork(at('17-echo-protocols', p.steps).network!, 800);
    expect(end.rows.find((r) => r.kind === 'connection')).toMatchObject({ state: 'closed', wire: { dashed: true } });
  });

  it('a run without sockets has no network data', () => {
    expect(at('07-tasks', 3).network).toBeNull();
  });
});
