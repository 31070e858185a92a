import * as d3 from 'd3';
import 'd3-transition'; // patches selection.prototype.transition (d3 re-exports it side-effect-free)

/*
 * Writes that change nothing are skipped. The panels redraw on every step, and
 * most of what they set is what is already there; but Blink invalidates an SVG
 * element's style and layout on any setAttribute (equal value or not), and
 * `.text()` replaces the text node. Skipping equal writes keeps a step's style
 * and layout work to the rows that changed. Only the setting forms of
 * selection.attr / selection.text change; transitions are untouched.
 */
{
  type AttrValue = string | number | boolean | null | undefined;
  type Each = (this: Element, d: unknown, i: number, nodes: ArrayLike<Element>) => AttrValue;
  const proto = d3.selection.prototype as unknown as {
    attr(this: d3.Selection<Element, unknown, null, undefined>, name: string, value?: AttrValue | Each): unknown;
    text(this: d3.Selection<Element, unknown, null, undefined>, value?: AttrValue | Each): unknown;
  };
  const attr = proto.attr;
  const text = proto.text;
  proto.attr = function (name, value) {
    if (arguments.length < 2) return attr.call(this, name);
    const ns = d3.namespace(name);
    return this.each(function (d, i, nodes) {
      const v = typeof value === 'function' ? value.call(this, d, i, nodes) : value;
      if (typeof ns === 'string') {
        if (v == null) this.removeAttribute(ns);
        else if (this.getAttribute(ns) !== String(v)) this.setAttribute(ns, String(v));
      } else if (v == null) this.removeAttributeNS(ns.space, ns.local);
      else if (this.getAttributeNS(ns.space, ns.local) !== String(v)) this.setAttributeNS(ns.space, ns.local, String(v));
    });
  };
  proto.text = function (value) {
    if (arguments.length < 1) return text.call(this);
    return this.each(function (d, i, nodes) {
      const v = typeof value === 'function' ? value.call(this, d, i, nodes) : value;
      const t = v == null ? '' : String(v);
      if (this.textContent !== t) this.textContent = t;
    });
  };
}

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

const LEAVING = '\0leaving';

/**
 * The elements of `sel` whose target (`key(d)`) differs from the one they were
 * last sent to, recording the new one: transitions go to those only, so an
 * item that stays put is not re-animated (and re-written every frame) on each step.
 */
export function retarget<E extends Element, D, P extends d3.BaseType, PD>(
  sel: d3.Selection<E, D, P, PD>,
  key: (d: D) => string,
): d3.Selection<E, D, P, PD> {
  return sel.filter(function (d) {
    const el = this as E & { __lsTarget?: string };
    const k = key(d);
    if (el.__lsTarget === k) return false;
    el.__lsTarget = k;
    return true;
  });
}

/**
 * The elements of an exit selection that are not already leaving (marked so):
 * one that is still fading out from an earlier step keeps its transition
 * rather than restarting it, which kept every element that left alive for as
 * long as steps came faster than the fade. An element that comes back is
 * re-targeted (by `retarget`, which never matches the mark) and so moves again.
 */
export function leaving<E extends Element, D, P extends d3.BaseType, PD>(exit: d3.Selection<E, D, P, PD>): d3.Selection<E, D, P, PD> {
  return exit.filter(function () {
    const el = this as E & { __lsTarget?: string };
    if (el.__lsTarget === LEAVING) return false;
    el.__lsTarget = LEAVING;
    return true;
  });
}
