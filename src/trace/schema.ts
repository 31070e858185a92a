// The trace schema: the facts a run records, in the order they happened.
//
// A trace is a flat stream of integer-coded events plus two side tables
// (interned strings and float times). This keeps recording cheap on the hot
// path (no object per event) and the trace small (a few int32 slots per
// event), which matters for 10^6-step programs and for share links.
// Every field is documented in docs/trace-format.md; bump TRACE_VERSION on any
// change that an old reader would misread.

import { OWNER_CALLBACK_BASE } from './wire.ts';

export const TRACE_VERSION = 1;

// The codes (opcodes, their operands, the enums operands carry) live in
// wire.ts, the one table shared with the bridge and the Python runtime.
export {
  BLOCK_KIND_NAMES,
  BlockKind,
  ERROR_KIND_NAMES,
  ErrorKind,
  LIMIT_NAMES,
  LimitKind,
  LoopEvent,
  NO_ID,
  OP_NAMES,
  OPERANDS,
  OWNER_CALLBACK_BASE,
  Op,
  TASK_STATE_NAMES,
  TaskState,
  type BlockKindName,
  type ErrorKindName,
  type LimitKindName,
  type OpCode,
  type TaskStateCode,
  type TaskStateName,
} from './wire.ts';

// ---- the owner operand (SOON, AT): one decoder, used by every reader ----------------

/** The task an owner operand says the handle steps or wakes, or null. */
export const ownerTask = (owner: number): number | null => (owner >= 0 ? owner : null);
/** The future/task an owner operand says the handle is a done callback of (or, for a timer, acts on), or null. */
export const ownerCallbackOf = (owner: number): number | null =>
  owner <= OWNER_CALLBACK_BASE ? OWNER_CALLBACK_BASE - owner : null;
/** Decode a SOON/AT owner operand. */
export function ownerOf(owner: number): { task: number | null; callbackOf: number | null } {
  return { task: ownerTask(owner), callbackOf: ownerCallbackOf(owner) };
}
/** Encode "done callback of future f" as an owner operand. */
export const callbackOwner = (f: number): number => OWNER_CALLBACK_BASE - f;

/** A recorded run. `ops` is the flat event stream; strings/times are side tables. */
export interface Trace {
  version: number;
  /** Interned strings; string id i is strings[i]. Id 0 is always "". */
  strings: string[];
  /** Float table for times and durations (seconds of virtual time). */
  times: number[];
  /** Flat event stream: op, operands..., op, operands... */
  ops: Int32Array;
  /** ops index of each step's RUN event; steps.length = N steps. */
  steps: Int32Array;
  /** Facts about the run as a whole. */
  meta: TraceMeta;
}

export interface TraceMeta {
  /** Name of the user's file as shown in tracebacks. */
  filename: string;
  /** The source that was run. */
  source: string;
  exitCode: number;
  pythonVersion: string;
  /** Wall-clock milliseconds the run took in the runtime. */
  wallMs: number;
}

/** JSON form of a trace (what --trace writes and what is shared): ops/steps as plain arrays. */
export interface TraceJSON extends Omit<Trace, 'ops' | 'steps'> {
  ops: number[];
  steps: number[];
}

export function traceToJSON(t: Trace): TraceJSON {
  return { ...t, ops: Array.from(t.ops), steps: Array.from(t.steps) };
}

export function traceFromJSON(j: TraceJSON): Trace {
  if (j.version !== TRACE_VERSION) {
    throw new Error(`trace version ${j.version} is not supported (this build reads version ${TRACE_VERSION})`);
  }
  return { ...j, ops: Int32Array.from(j.ops), steps: Int32Array.from(j.steps) };
}
