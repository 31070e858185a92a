// Memoised selectors: what the page shows at the current step, computed once
// per (player, step) whoever asks. Components call useStore(selectX); the
// values are the same objects for as long as the player and the step are, so
// nothing re-renders or recomputes in between. The computations themselves
// are pure functions of (TracePlayer, k) in src/trace, shared with anything
// that shows a run without this store.

import {
  codeMarks,
  narrate,
  panelData,
  stepDetail,
  type CodeMarks,
  type NetworkSnapshot,
  type PanelData,
  type Snapshot,
  type StepDetail,
  type TracePlayer,
} from '../trace/index.ts';
import type { Store } from './store.ts';
import { timed } from './timing.ts';

/** A selector of f(player, k, state), recomputed only when the player or the step changes (null without a run). */
function byStep<T>(f: (p: TracePlayer, k: number, s: Store) => T): (s: Store) => T | null {
  let player: TracePlayer | null = null;
  let k = -1;
  let value: T | null = null;
  return (s) => {
    if (!s.player) return null;
    if (s.player !== player || s.k !== k) {
      value = timed('loopscope:read', () => f(s.player!, s.k, s));
      player = s.player;
      k = s.k;
    }
    return value;
  };
}

/** The loop at the current step. */
export const selectSnapshot: (s: Store) => Snapshot | null = byStep((p, k) => p.snapshot(k));

/** What happened inside the current step that a snapshot does not keep (its lines, the timers that fell due). */
export const selectStepDetail: (s: Store) => StepDetail | null = byStep((p, k) => stepDetail(p.trace, k, p.index));

/** The simulated network at the current step, or null when the run used none. */
export const selectNetwork: (s: Store) => NetworkSnapshot | null = byStep((p, k) => (p.hasNetwork ? p.network(k) : null));

/** The panels' data at the current step. */
export const selectPanels: (s: Store) => PanelData | null = byStep((p, k, s) => panelData(p, k, selectStepDetail(s)!));

/** One sentence about the current step. */
export const selectNarration: (s: Store) => string | null = byStep((p, k) => narrate(p.trace, k, p.index));

/** The console at the current step: every line of the run, how many are printed by now, and the limit note at the end. */
export const selectConsole = byStep((p, k) => ({
  lines: p.lines,
  upto: p.linesVisibleAt(k),
  atEnd: k === p.steps,
  limit: p.index.limit,
}));

const NO_MARKS: CodeMarks = { current: [], waiting: [], errors: [] };
let marksFor: { base: CodeMarks; outcome: Store['outcome']; marks: CodeMarks } | null = null;
const stepMarks = byStep((p, k, s) => codeMarks(p, k, selectStepDetail(s)!));

/** The editor's marks at the current step, with a syntax error the run reported outside the trace. */
export function selectCodeMarks(s: Store): CodeMarks {
  const m = stepMarks(s);
  if (!m) return NO_MARKS;
  const err = s.outcome?.syntaxError;
  if (!err || m.errors.some((e) => e.line === err.line)) return m;
  if (marksFor && marksFor.base === m && marksFor.outcome === s.outcome) return marksFor.marks;
  marksFor = { base: m, outcome: s.outcome, marks: { ...m, errors: [...m.errors, err] } };
  return marksFor.marks;
}
