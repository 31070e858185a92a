// Reading the flat op stream. A trace is `op, operands..., op, operands...`
// (see schema.ts); an event has no object of its own, so readers walk the
// Int32Array with an offset. These helpers keep that walk in one place and
// allocate nothing per event: a 10^6-step trace holds ~4·10^6 events, and the
// seek path replays tens of thousands of them per call.

import { OPERANDS, Op, type Trace } from './schema.ts';

/** Largest opcode + 1 the size table covers (opcodes are small positive ints). */
const MAX_OP = 64;

/**
 * Slots each opcode occupies (1 + operand count), or 0 for an unknown opcode.
 * A typed array, not OPERANDS itself: an indexed load in the hot loop instead
 * of a property lookup on a record keyed by number.
 */
export const EVENT_SIZE: Int8Array = (() => {
  const t = new Int8Array(MAX_OP);
  for (const [op, n] of Object.entries(OPERANDS)) t[Number(op)] = 1 + n;
  return t;
})();

/** Slots the event at `ops[at]` occupies. Throws on an unknown opcode (a corrupt or newer trace). */
export function eventSize(ops: Int32Array, at: number): number {
  const op = ops[at];
  const n = op > 0 && op < MAX_OP ? EVENT_SIZE[op] : 0;
  if (n === 0) throw new Error(`trace: unknown opcode ${op} at offset ${at}`);
  return n;
}

/**
 * A forward cursor over a range of events. `next()` loads the next event into
 * `op`, `at` (its offset) and `a`..`e` (operands; unused ones are 0), so a
 * caller reads fields instead of receiving a fresh tuple per event.
 *
 *   const c = new EventCursor(trace.ops);
 *   while (c.next()) if (c.op === Op.OUT) ...
 */
export class EventCursor {
  op = 0;
  at = -1;
  a = 0;
  b = 0;
  c = 0;
  d = 0;
  e = 0;
  private pos: number;
  private end: number;

  constructor(
    readonly ops: Int32Array,
    from = 0,
    to = ops.length,
  ) {
    this.pos = from;
    this.end = to;
  }

  /** Restart over [from, to) without allocating a new cursor. */
  reset(from = 0, to = this.ops.length): this {
    this.pos = from;
    this.end = to;
    this.at = -1;
    this.op = 0;
    return this;
  }

  /** Offset of the next event to be read. */
  get position(): number {
    return this.pos;
  }

  next(): boolean {
    const p = this.pos;
    if (p >= this.end) return false;
    const ops = this.ops;
    const size = eventSize(ops, p);
    if (p + size > ops.length) throw new Error(`trace: event at offset ${p} is truncated`);
    this.at = p;
    this.op = ops[p];
    // Operands beyond the event's own are zeroed so a stale value never leaks.
    this.a = size > 1 ? ops[p + 1] : 0;
    this.b = size > 2 ? ops[p + 2] : 0;
    this.c = size > 3 ? ops[p + 3] : 0;
    this.d = size > 4 ? ops[p + 4] : 0;
    this.e = size > 5 ? ops[p + 5] : 0;
    this.pos = p + size;
    return true;
  }
}

/** Called once per event with its opcode, its offset and the stream (operands at at+1...). */
export type EventVisitor = (op: number, at: number, ops: Int32Array) => void;

/** Visit every event whose offset lies in [from, to). */
export function forEachEvent(ops: Int32Array, visit: EventVisitor, from = 0, to = ops.length): void {
  for (let i = from; i < to; i += eventSize(ops, i)) visit(ops[i], i, ops);
}

// ---- steps ------------------------------------------------------------------
// Step k (1..N) is the k-th RUN; its events run from its RUN up to (not
// including) the next RUN, so they include what the loop did between the two
// handles (DONE, the clock jump, timers falling due). Step 0 holds everything
// before the first RUN: the program's top level. See docs/trace-format.md.

/** Offset of the first event of step k (0 ≤ k ≤ N). */
export function stepStart(trace: Trace, k: number): number {
  return k === 0 ? 0 : trace.steps[k - 1];
}

/** Offset one past the last event of step k (0 ≤ k ≤ N). */
export function stepEnd(trace: Trace, k: number): number {
  return k < trace.steps.length ? trace.steps[k] : trace.ops.length;
}

/** The step an event at offset `at` belongs to: the number of RUNs at or before it. */
export function stepOfOffset(trace: Trace, at: number): number {
  const s = trace.steps;
  let lo = 0;
  let hi = s.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (s[mid] <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Check a trace's framing: known opcodes, no truncated event, and `steps`
 * pointing at RUN events in increasing order. Returns the problems found
 * (empty when sound). Worth calling on traces from outside (shared links,
 * files) before handing them to a player.
 */
export function validateTrace(trace: Trace): string[] {
  const problems: string[] = [];
  const { ops, steps } = trace;
  let i = 0;
  let runs = 0;
  while (i < ops.length) {
    const op = ops[i];
    const size = op > 0 && op < MAX_OP ? EVENT_SIZE[op] : 0;
    if (size === 0) {
      problems.push(`unknown opcode ${op} at offset ${i}`);
      return problems;
    }
    if (i + size > ops.length) {
      problems.push(`event at offset ${i} is truncated`);
      return problems;
    }
    if (op === Op.RUN) {
      if (steps[runs] !== i) problems.push(`steps[${runs}] is ${steps[runs]}, but the RUN is at offset ${i}`);
      runs++;
    }
    i += size;
  }
  if (runs !== steps.length) problems.push(`${runs} RUN events but steps has ${steps.length} entries`);
  return problems;
}
