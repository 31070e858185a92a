// The trace schema: the facts a run records, in the order they happened.
//
// A trace is a flat stream of integer-coded events plus two side tables
// (interned strings and float times). This keeps recording cheap on the hot
// path (no object per event) and the trace small (a few int32 slots per
// event), which matters for 10^6-step programs and for share links.
// Every field is documented in docs/trace-format.md; bump TRACE_VERSION on any
// change that an old reader would misread.

export const TRACE_VERSION = 1;

/** Event opcodes. The operand list of each op is fixed (see OPERANDS). */
export const Op = {
  /** clock(timeIdx): the virtual clock now reads times[timeIdx]. */
  CLOCK: 1,
  /** iter(n): loop iteration n (1-based, counted across the whole run) begins. */
  ITER: 2,
  /**
   * soon(h, label, owner): handle h appended to the ready queue. label: string id.
   * owner (see ownerOf): >= 0 — the handle steps or wakes task `owner`;
   * <= -2 — the handle is a done callback of future/task `-owner - 2`; -1 — neither.
   */
  SOON: 3,
  /** at(h, label, owner, whenIdx): timer handle h set for times[whenIdx]. */
  AT: 4,
  /** due(h): timer h fell due and moved to the end of the ready queue. */
  DUE: 5,
  /** cancel(h): handle h (queued or timer) was cancelled. */
  CANCEL: 6,
  /** run(h): a step begins: h leaves the ready queue and runs. Each RUN is one step. */
  RUN: 7,
  /** done(h): handle h finished running. */
  DONE: 8,
  /** skip(h): a cancelled handle reached the head of the ready queue and was dropped. */
  SKIP: 9,
  /** taskNew(t, name, coro, line): task t created; name and coro are string ids; line is the user line that created it (0 if unknown). */
  TASK_NEW: 10,
  /** taskState(t, state, waitOn, chain): task state changed. state: TaskState; waitOn: object id or -1; chain: string id of the await chain ("12>5", user lines outermost first) or -1. */
  TASK_STATE: 11,
  /** futNew(f, label, line): future f created (label string id, user line or 0). */
  FUT_NEW: 12,
  /** futCb(f, label): a done callback was added to future f. */
  FUT_CB: 13,
  /** futDone(f, state, text): future f finished. state: DONE | CANCELLED | FAILED; text: string id of result/exception repr. */
  FUT_DONE: 14,
  /** out(fd, text): program output (fd 1 stdout, 2 stderr); text is a string id. */
  OUT: 15,
  /** block(kind, label, durIdx): the loop was blocked for times[durIdx] seconds of virtual time (kind: BlockKind). */
  BLOCK: 16,
  /** loop(loopId, what): event-loop lifecycle (what: LoopEvent). */
  LOOP: 17,
  /** limit(kind, message): the run hit a cap and was ended (kind: LimitKind). */
  LIMIT: 18,
  /** error(kind, line, col, message): a syntax error or uncaught exception (kind: ErrorKind); line/col in the user's file, 0 if unknown. */
  ERROR: 19,
  /** exit(code): the program ended with this exit status. */
  EXIT: 20,
  /** net(kind, a, b, c, d): a simulated network / process event (see NetKind and docs). */
  NET: 21,
  /** line(t, line): the task or callback running now executed up to this user line (recorded at step boundaries). */
  LINE: 22,
} as const;
export type OpCode = (typeof Op)[keyof typeof Op];

/** Number of operands following each opcode. */
export const OPERANDS: Record<number, number> = {
  [Op.CLOCK]: 1,
  [Op.ITER]: 1,
  [Op.SOON]: 3,
  [Op.AT]: 4,
  [Op.DUE]: 1,
  [Op.CANCEL]: 1,
  [Op.RUN]: 1,
  [Op.DONE]: 1,
  [Op.SKIP]: 1,
  [Op.TASK_NEW]: 4,
  [Op.TASK_STATE]: 4,
  [Op.FUT_NEW]: 3,
  [Op.FUT_CB]: 2,
  [Op.FUT_DONE]: 3,
  [Op.OUT]: 2,
  [Op.BLOCK]: 3,
  [Op.LOOP]: 2,
  [Op.LIMIT]: 2,
  [Op.ERROR]: 4,
  [Op.EXIT]: 1,
  [Op.NET]: 5,
  [Op.LINE]: 2,
};

/** Decode a SOON/AT owner operand. */
export function ownerOf(owner: number): { task: number | null; callbackOf: number | null } {
  if (owner >= 0) return { task: owner, callbackOf: null };
  if (owner <= -2) return { task: null, callbackOf: -owner - 2 };
  return { task: null, callbackOf: null };
}
/** Encode "done callback of future f" as an owner operand. */
export const callbackOwner = (f: number): number => -f - 2;

export const TaskState = {
  PENDING: 0,
  READY: 1,
  RUNNING: 2,
  WAITING: 3,
  DONE: 4,
  CANCELLED: 5,
  FAILED: 6,
} as const;
export type TaskStateCode = (typeof TaskState)[keyof typeof TaskState];
export const TASK_STATE_NAMES = ['pending', 'ready', 'running', 'waiting', 'done', 'cancelled', 'failed'] as const;
export type TaskStateName = (typeof TASK_STATE_NAMES)[number];

export const BlockKind = { SLEEP: 0, EXECUTOR: 1 } as const;
export const LoopEvent = { CREATED: 0, RUNNING: 1, STOPPED: 2, CLOSED: 3 } as const;
export const LimitKind = { STEPS: 0, TIME: 1, IDLE: 2, CPU: 3, OUTPUT: 4, STOPPED: 5, MEMORY: 6 } as const;
export const LIMIT_NAMES = ['steps', 'time', 'idle', 'cpu', 'output', 'stopped', 'memory'] as const;
export const ErrorKind = { SYNTAX: 0, UNCAUGHT: 1, INTERNAL: 2 } as const;

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
