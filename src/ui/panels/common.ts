// What every panel's layout shares: plain measures and the colour of a task.
// Pure: no DOM, no d3; importable by the app, the player and Node tests.

import { taskColour } from '../colours.ts';

/** Approximate text width for layout without measuring (monospace-ish UI font at 13px). */
export const textWidth = (s: string, px = 7.2): number => s.length * px;

export function truncate(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** How a drawing moves: transition length in ms (0: no motion, e.g. reduced motion). */
export interface Motion {
  readonly duration: number;
}

/** Task id -> its creation-order slot (-1: not a task). The colour of a task follows its slot. */
export type SlotOf = (taskId: number) => number;

/** The fill for something that belongs to task `task` (null: none), or `otherwise`. */
export function fillOf(task: number | null, slotOf: SlotOf, otherwise: string): string {
  if (task === null) return otherwise;
  const slot = slotOf(task);
  return slot < 0 ? otherwise : taskColour(slot);
}
