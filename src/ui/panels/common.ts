import * as d3 from 'd3';
import 'd3-transition'; // patches selection.prototype.transition (d3 re-exports it side-effect-free)

export interface RenderOpts {
  width: number;
  duration: number;
  colour: (taskId: number) => string | null;
}

/** Approximate text width for layout without measuring (monospace-ish UI font at 13px). */
export const textWidth = (s: string, px = 7.2): number => s.length * px;

export function truncate(s: string, max: number): string {
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** Positions remembered across renders of one svg (for "moves from there to here" motion). */
export function memory<T>(el: Element, key: string): Map<number, T> {
  const anyEl = el as unknown as Record<string, Map<number, T>>;
  anyEl[key] ??= new Map<number, T>();
  return anyEl[key];
}

export type Sel<E extends d3.BaseType, D> = d3.Selection<E, D, d3.BaseType, unknown>;
