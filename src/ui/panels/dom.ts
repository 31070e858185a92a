// The few things every panel's drawing does to the DOM, explicitly.
//
// Writes that change nothing are skipped (put, putText). The panels redraw on
// every step, and most of what they set is what is already there; but Blink
// invalidates an SVG element's style and layout on any setAttribute (equal
// value or not), and setting textContent replaces the text node. Skipping
// equal writes keeps a step's style and layout work to the rows that changed.
//
// Motion keeps no memory of its own: what an element showed before a render
// is the datum d3 bound to it then, read before the join (before()).

import type { BaseType, Selection } from 'd3-selection';
import 'd3-transition';
import type { Transition } from 'd3-transition';
import type { Motion } from './common.ts';

type Value = string | number | boolean | null | undefined;
type Attr<D> = Value | ((d: D, i: number) => Value);

/** Set attributes (null removes one), writing only those that differ from what the element has. */
export function put<E extends BaseType, D, P extends BaseType, PD>(
  sel: Selection<E, D, P, PD>,
  attrs: Record<string, Attr<D>>,
): Selection<E, D, P, PD> {
  const names = Object.keys(attrs);
  sel.each(function (d, i) {
    const el = this as unknown as Element;
    for (const name of names) {
      const a = attrs[name];
      const v = typeof a === 'function' ? a(d, i) : a;
      if (v == null || v === false) {
        if (el.hasAttribute(name)) el.removeAttribute(name);
      } else {
        const s = String(v);
        if (el.getAttribute(name) !== s) el.setAttribute(name, s);
      }
    }
  });
  return sel;
}

/** Set the text, only where it differs. */
export function putText<E extends BaseType, D, P extends BaseType, PD>(
  sel: Selection<E, D, P, PD>,
  text: string | ((d: D, i: number) => string),
): Selection<E, D, P, PD> {
  sel.each(function (d, i) {
    const el = this as unknown as Element;
    const t = typeof text === 'function' ? text(d, i) : text;
    if (el.textContent !== t) el.textContent = t;
  });
  return sel;
}

/**
 * What each element of `sel` shows now, as `key(datum)`, read before a join
 * replaces the data: after the join, an element whose key is unchanged need
 * not move, and an element entering can start where its namesake was.
 */
export function before<E extends Element, D, P extends BaseType, PD, T>(
  sel: Selection<E, D, P, PD>,
  key: (d: D) => T,
): Map<Element, T> {
  const m = new Map<Element, T>();
  sel.each(function (d) {
    m.set(this, key(d));
  });
  return m;
}

/** The elements of `sel` whose `target(datum)` differs from what they showed before (see before), and the new ones. */
export function moved<E extends Element, D, P extends BaseType, PD, T>(
  sel: Selection<E, D, P, PD>,
  was: Map<Element, T>,
  target: (d: D) => T,
): Selection<E, D, P, PD> {
  return sel.filter(function (d) {
    return was.get(this) !== target(d);
  });
}

/** Marks the class of elements that are leaving (fading out): joins select `:not(.leaving)`. */
export const LEAVING = 'leaving';

/**
 * An exit selection on its way out: it gives up its data-testid at once (an
 * automation counting items right after a step sees exactly the new state)
 * and is marked, so the next join neither counts nor restarts it.
 */
export function leave<E extends Element, D, P extends BaseType, PD>(exit: Selection<E, D, P, PD>): Selection<E, D, P, PD> {
  return exit.attr('data-testid', null).classed(LEAVING, true);
}

/** One render's transition timing, shared by the elements that move (selection.transition(timing)). */
// Typed as a transition of any element: d3's typings cannot say "timing only".
export type Timing = Transition<BaseType, any, any, any>;

export function timing(svg: Selection<SVGSVGElement, unknown, null, undefined>, motion: Motion, ease?: (t: number) => number): Timing {
  const t = svg.transition().duration(motion.duration);
  return (ease ? t.ease(ease) : t) as unknown as Timing;
}
