// What TracePlayer (seek.ts) runs: reducers over the one event stream of a
// trace, each with its own state, all keyframed together. Asking for a
// reducer's view at step k resumes that reducer's state from the nearest
// keyframe and replays the events between there and k; stepping forward
// continues from the step before. The loop state (loop-state.ts) and the network (network.ts) are
// reducers; the run's logs (console, blocking calls, errors: logs.ts) need no
// state, since what they hold at step k is a prefix found by binary search.
//
// Adding a kind of fact the reader shows: add its opcode to the schema's
// table, and handle it in one reducer (or, for a log, in logs.ts).

import type { Trace } from './schema.ts';
import type { TraceIndex } from './trace-index.ts';

/**
 * One reducer. D is its working state (a draft: mutable, or an immutable
 * value whose `advance` returns a new one), K a keyframe of it (never changed
 * once made), V what readers get at a step.
 */
export interface Reducer<D, K, V> {
  readonly name: string;
  /** Whether the trace holds any event this reducer reads (an idle reducer is never replayed or keyframed). */
  active(ix: TraceIndex): boolean;
  /** The state before the first event of the trace. */
  start(ix: TraceIndex): D;
  /** Move the state over the events at offsets [from, to) of trace.ops, skipping the opcodes it does not read; returns the state. */
  advance(d: D, trace: Trace, from: number, to: number): D;
  /** A keyframe of the state (the state goes on changing; the keyframe must not). */
  key(d: D): K;
  /** A fresh state from a keyframe, leaving the keyframe as it was. */
  resume(k: K): D;
  /** Bytes a keyframe holds beyond what it shares with others (for keyframe spacing and the bench). */
  bytes(k: K): number;
  /** The view of the state. `prev`, this reducer's view at another step of the same trace (or null), may lend it unchanged records. */
  view(d: D, prev: V | null): V;
  /** Optional: work done ahead, in idle time (TracePlayer.prepare), so that later views are quick. `d` is a state of the trace. */
  warm?(d: D): void;
}

/** Any reducer (a list of reducers of different kinds is typed by erasure). */
export type AnyReducer = Reducer<any, any, any>;
