// The trace schema: the facts a run records, in the order they happened.
//
// A trace is a flat stream of integer-coded events plus side tables
// (interned strings, float times, await chains). This keeps recording cheap on the hot
// path (no object per event) and the trace small (a few int32 slots per
// event), which matters for 10^6-step programs and for share links.
// Every field is documented in docs/trace-format.md; bump TRACE_VERSION on any
// change that an old reader would misread.

import { NO_ID, OPERANDS, OWNER_CALLBACK_BASE, Op } from './wire.ts';

/** 2: await chains are a table of line lists (Trace.chains), TASK_STATE's chain an index into it. */
export const TRACE_VERSION = 2;

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
  /** Await chains: chain id i is chains[i], user lines outermost first (TASK_STATE's chain operand). */
  chains: number[][];
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

// ---- the chain operand (TASK_STATE): one decoder, used by every reader ---------------

const NO_LINES: readonly number[] = Object.freeze([]);

/** The await chain a TASK_STATE chain operand names: user lines, outermost first (empty for NO_ID). */
export function chainLines(trace: Pick<Trace, 'chains'>, chain: number): readonly number[] {
  return chain === NO_ID ? NO_LINES : (trace.chains[chain] ?? NO_LINES);
}

/** The innermost (last) user line of the chain a TASK_STATE chain operand names, 0 if none. */
export function innermostLine(trace: Pick<Trace, 'chains'>, chain: number): number {
  const lines = chainLines(trace, chain);
  return lines.length ? lines[lines.length - 1] : 0;
}

// ---- JSON ----------------------------------------------------------------------------

/** JSON form of a trace (what --trace writes and what is shared): ops/steps as plain arrays. */
export interface TraceJSON extends Omit<Trace, 'ops' | 'steps'> {
  ops: number[];
  steps: number[];
}

/** A version-1 trace in JSON: no chains table; TASK_STATE's chain was a string id of "12>5". */
type TraceJSONv1 = Omit<TraceJSON, 'chains' | 'version'> & { version: 1 };

export function traceToJSON(t: Trace): TraceJSON {
  return { ...t, ops: Array.from(t.ops), steps: Array.from(t.steps) };
}

/**
 * The one reader of traces in JSON (--trace files, recordings). Reads this
 * version and version 1 (upgraded: its chain strings become the chains table);
 * refuses anything else, saying which versions it reads.
 */
export function traceFromJSON(j: TraceJSON | TraceJSONv1): Trace {
  const v = (j as { version?: unknown }).version;
  if (v === 1) return upgradeV1(j as TraceJSONv1);
  if (v !== TRACE_VERSION) {
    const what = typeof v === 'number' && v > TRACE_VERSION ? 'was recorded by a newer Loopscope' : 'is not a trace this build knows';
    throw new Error(`trace version ${String(v)} ${what}: this build reads versions 1 to ${TRACE_VERSION}`);
  }
  const t = j as TraceJSON;
  if (!Array.isArray(t.chains) || !t.chains.every((c) => Array.isArray(c) && c.every(Number.isInteger))) {
    throw new Error(`trace version ${TRACE_VERSION}: the chains table is missing or damaged (a list of lists of line numbers)`);
  }
  return { ...t, chains: t.chains.map((c) => Object.freeze(Array.from(c)) as number[]), ops: Int32Array.from(t.ops), steps: Int32Array.from(t.steps) };
}

/** Version 1 -> 2: every TASK_STATE chain string ("12>5") becomes an entry of the chains table. */
function upgradeV1(j: TraceJSONv1): Trace {
  const ops = Int32Array.from(j.ops);
  const chains: number[][] = [];
  const ids = new Map<number, number>(); // v1 string id -> chain id
  for (let i = 0; i < ops.length; ) {
    const n = OPERANDS[ops[i]];
    if (n === undefined) throw new Error(`trace (version 1): unknown opcode ${ops[i]} at offset ${i}`);
    if (ops[i] === Op.TASK_STATE && i + 4 < ops.length) {
      const sid = ops[i + 4];
      const text = sid >= 0 ? (j.strings[sid] ?? '') : '';
      let id = text ? ids.get(sid) : NO_ID;
      if (id === undefined) {
        id = chains.length;
        chains.push(Object.freeze(text.split('>').map(Number)) as number[]);
        ids.set(sid, id);
      }
      ops[i + 4] = id;
    }
    i += 1 + n;
  }
  return { ...j, version: TRACE_VERSION, chains, ops, steps: Int32Array.from(j.steps) };
}
