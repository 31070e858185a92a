// The wire tables: every code that crosses a boundary between the Python
// runtime, the bridge, the engine, the trace and its readers, written once.
//
// - The trace's opcodes, with their operands (docs/trace-format.md).
// - The bridge's records (src/runtime/bridge.ts): Python sends the trace ops
//   marked `bridge` under the same code and operand count, plus the few
//   bridge-only records below (numbered from 100, so never a trace opcode).
// - The enums operands carry: task states, loop events, block kinds, limit
//   kinds, error kinds, network kinds (docs/net-trace-format.md) and the
//   states of a simulated transport.
//
// Python's side is generated from this file at build time
// (src/runtime/python-package.ts writes `loopscope/wire.py` into the package
// the worker, the CLI, the tests and the memory snapshot load), so no Python
// file spells these numbers (tests/wire.test.ts checks both). To add an event:
// add a row here, record it (Python: the generated B_<NAME>; JS: recorder.ts),
// and reduce it where it is read (docs/data-flow.md).

/** One opcode: its code and its operands' names, in order (each an int32 slot). */
interface OpRow {
  readonly code: number;
  readonly operands: readonly string[];
  /** Python sends this op over the bridge (same code, same operand count). */
  readonly bridge: boolean;
}

/**
 * Trace opcodes. Operand names say how an operand is read: `label`, `name`,
 * `coro`, `text`, `message` are string ids (trace.strings); `time`, `when`,
 * `duration` index trace.times; `chain` indexes trace.chains; `owner` is the
 * owner encoding (see ownerTask in schema.ts).
 */
export const OPS = {
  /** The virtual clock now reads times[time]. */
  CLOCK: { code: 1, operands: ['time'], bridge: false },
  /** Loop iteration n (1-based, counted across the whole run) begins. */
  ITER: { code: 2, operands: ['n'], bridge: false },
  /** Handle h appended to the ready queue. */
  SOON: { code: 3, operands: ['h', 'label', 'owner'], bridge: true },
  /** Timer handle h set for times[when] (on the bridge: `when` is the time itself, in seconds). */
  AT: { code: 4, operands: ['h', 'label', 'owner', 'when'], bridge: true },
  /** Timer h fell due and moved to the end of the ready queue. */
  DUE: { code: 5, operands: ['h'], bridge: false },
  /** Handle h (queued or timer) was cancelled. */
  CANCEL: { code: 6, operands: ['h'], bridge: true },
  /** A step begins: h leaves the ready queue and runs. Each RUN is one step. */
  RUN: { code: 7, operands: ['h'], bridge: true },
  /** Handle h finished running. */
  DONE: { code: 8, operands: ['h'], bridge: false },
  /** A cancelled handle reached the head of the ready queue and was dropped. */
  SKIP: { code: 9, operands: ['h'], bridge: true },
  /** Task t created (name, coro: string ids; line: the user line that created it, 0 if unknown). */
  TASK_NEW: { code: 10, operands: ['t', 'name', 'coro', 'line'], bridge: true },
  /** Task t's state (TaskState); waitOn: object id or -1; chain: its await chain (trace.chains index) or -1. */
  TASK_STATE: { code: 11, operands: ['t', 'state', 'waitOn', 'chain'], bridge: true },
  /** Future f created (label string id, user line or 0). */
  FUT_NEW: { code: 12, operands: ['f', 'label', 'line'], bridge: true },
  /** A done callback was added to future f. */
  FUT_CB: { code: 13, operands: ['f', 'label'], bridge: true },
  /** Future f finished (state: DONE | CANCELLED | FAILED; text: result or exception repr). */
  FUT_DONE: { code: 14, operands: ['f', 'state', 'text'], bridge: true },
  /** Program output on fd 1 or 2 (text: string id). */
  OUT: { code: 15, operands: ['fd', 'text'], bridge: true },
  /** The loop was blocked for times[duration] seconds (kind: BlockKind; on the bridge: the seconds themselves). */
  BLOCK: { code: 16, operands: ['kind', 'label', 'duration'], bridge: true },
  /** Event-loop lifecycle (what: LoopEvent). */
  LOOP: { code: 17, operands: ['loop', 'what'], bridge: true },
  /** The run hit a cap and was ended (kind: LimitKind). */
  LIMIT: { code: 18, operands: ['kind', 'message'], bridge: true },
  /** A syntax error, an uncaught exception or an internal error (kind: ErrorKind); line/col in the user's file, 0 if unknown. */
  ERROR: { code: 19, operands: ['kind', 'line', 'col', 'message'], bridge: true },
  /** The program ended with this exit status. */
  EXIT: { code: 20, operands: ['code'], bridge: false },
  /** A simulated network / process event (kind: NetKind; operands per kind in NET_KINDS). */
  NET: { code: 21, operands: ['kind', 'a', 'b', 'c', 'd'], bridge: true },
  /** The task t (or -1: a plain callback) running now executed up to this user line. */
  LINE: { code: 22, operands: ['t', 'line'], bridge: true },
} as const satisfies Record<string, OpRow>;

/** How an operand is read: an int as it is, or an id into one of the trace's side tables. */
export type OperandKind = 'int' | 'string' | 'time' | 'chain';
const STRING_OPERANDS: ReadonlySet<string> = new Set(['label', 'name', 'coro', 'text', 'message']);
const TIME_OPERANDS: ReadonlySet<string> = new Set(['time', 'when', 'duration']);
/** The kind of an operand, from its name in OPS (the naming rule above). */
export function operandKind(name: string): OperandKind {
  if (STRING_OPERANDS.has(name)) return 'string';
  if (TIME_OPERANDS.has(name)) return 'time';
  return name === 'chain' ? 'chain' : 'int';
}

/** Records only the bridge carries (never in a trace). */
export const BRIDGE_ONLY = {
  /** The iteration's last handle has finished (the engine's finish()). */
  END: { code: 100, operands: [] },
  /** FUT_NEW with the label "Future-<no> (<purpose>)" put together by the bridge (purpose: string id or -1). */
  FUT_NUM: { code: 101, operands: ['f', 'no', 'purpose', 'line'] },
} as const satisfies Record<string, Omit<OpRow, 'bridge'>>;

type Codes<T extends Record<string, { readonly code: number }>> = { readonly [K in keyof T]: T[K]['code'] };
function codes<T extends Record<string, { readonly code: number }>>(rows: T): Codes<T> {
  return Object.freeze(Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.code]))) as Codes<T>;
}

/** Trace opcodes by name. */
export const Op = codes(OPS);
export type OpCode = (typeof Op)[keyof typeof Op];

/** Number of operands following each trace opcode. */
export const OPERANDS: Readonly<Record<number, number>> = Object.freeze(
  Object.fromEntries(Object.values(OPS).map((r) => [r.code, r.operands.length])),
);

/** Name of each trace opcode ('CLOCK', ...), for dumps and messages. */
export const OP_NAMES: Readonly<Record<number, string>> = Object.freeze(
  Object.fromEntries(Object.entries(OPS).map(([k, r]) => [r.code, k])),
);

type BridgeOpName = { [K in keyof typeof OPS]: (typeof OPS)[K]['bridge'] extends true ? K : never }[keyof typeof OPS];
type BridgeRows = Pick<typeof OPS, BridgeOpName> & typeof BRIDGE_ONLY;
/** Rows of every record Python sends over the bridge: the trace ops marked `bridge`, then the bridge-only ones. */
export const BRIDGE_RECORDS: BridgeRows = Object.freeze({
  ...(Object.fromEntries(Object.entries(OPS).filter(([, r]) => r.bridge)) as Pick<typeof OPS, BridgeOpName>),
  ...BRIDGE_ONLY,
});
/** Bridge record codes by name (B.SOON === Op.SOON; B.END, B.FUT_NUM are bridge-only). */
export const B = codes(BRIDGE_RECORDS);

// ---- the enums operands carry -------------------------------------------------------

/** Lower-case names of an enum's members, indexed by code (codes are 0..n-1). */
type Names<T extends Record<string, number>> = readonly Lowercase<keyof T & string>[];
function names<T extends Record<string, number>>(e: T): Names<T> {
  const out: string[] = [];
  for (const [k, v] of Object.entries(e)) out[v] = k.toLowerCase();
  return Object.freeze(out) as Names<T>;
}

/** TASK_STATE's state; FUT_DONE's state uses DONE, CANCELLED and FAILED. */
export const TaskState = {
  /** Created, has not run. */
  PENDING: 0,
  /** A step is queued. */
  READY: 1,
  RUNNING: 2,
  /** Waiting on waitOn. */
  WAITING: 3,
  DONE: 4,
  CANCELLED: 5,
  FAILED: 6,
} as const;
export type TaskStateCode = (typeof TaskState)[keyof typeof TaskState];
export const TASK_STATE_NAMES = names(TaskState);
export type TaskStateName = (typeof TASK_STATE_NAMES)[number];

/** BLOCK's kind. */
export const BlockKind = {
  /** time.sleep on the loop. */
  SLEEP: 0,
  /** run_in_executor / to_thread run in place (no threads in the browser). */
  EXECUTOR: 1,
} as const;
export const BLOCK_KIND_NAMES = names(BlockKind);
export type BlockKindName = (typeof BLOCK_KIND_NAMES)[number];

/** LOOP's what. */
export const LoopEvent = {
  CREATED: 0,
  /** run_forever entered. */
  RUNNING: 1,
  /** run_forever returned. */
  STOPPED: 2,
  CLOSED: 3,
} as const;

/** LIMIT's kind. */
export const LimitKind = {
  STEPS: 0,
  /** The virtual-time cap. */
  TIME: 1,
  /** Nothing ready, no timer: CPython would wait forever. */
  IDLE: 2,
  /** A step never returned to the loop. */
  CPU: 3,
  /** Output capped. */
  OUTPUT: 4,
  /** Stopped by the user. */
  STOPPED: 5,
  /** The recording reached its size cap (Begin.SIZE_LIMIT). */
  MEMORY: 6,
} as const;
export const LIMIT_NAMES = names(LimitKind);
export type LimitKindName = (typeof LIMIT_NAMES)[number];

/** ERROR's kind. */
export const ErrorKind = { SYNTAX: 0, UNCAUGHT: 1, INTERNAL: 2 } as const;
export const ERROR_KIND_NAMES = names(ErrorKind);
export type ErrorKindName = (typeof ERROR_KIND_NAMES)[number];

/** "No object" in an id operand: TASK_STATE's waitOn and chain, an owner of neither kind. */
export const NO_ID = -1;

/**
 * The owner operand of SOON / AT: >= 0 the handle steps or wakes that task;
 * NO_ID neither; <= OWNER_CALLBACK_BASE it concerns future/task
 * `OWNER_CALLBACK_BASE - owner` (a done callback, or a timer acting on it).
 * Decoded by ownerTask / ownerCallbackOf in schema.ts.
 */
export const OWNER_CALLBACK_BASE = -2;

// ---- network and processes (NET events) ----------------------------------------------

/** One NET kind: its code, and whether operand b is a string id (the bridge maps it). */
interface NetRow {
  readonly code: number;
  readonly stringB?: true;
}

/**
 * NET kinds. Each NET event is (kind, a, b, c, d), all ints; docs/net-trace-format.md
 * documents every field. A socket is named by its simulated fd ("sock"),
 * unique for the run and never reused; a process by its pid; a pipe by (pid, child fd 0|1|2).
 */
export const NET_KINDS = {
  /** (sock, SockProto, family 4 | 6, 0): a socket was created. */
  SOCKET: { code: 1 },
  /** (sock, host, port, 0): the socket was bound to host:port (host: string id). */
  BIND: { code: 2, stringB: true },
  /** (sock, backlog, 0, 0): a server socket is listening. */
  LISTEN: { code: 3 },
  /** (client sock, server-side sock, listener sock, 0): a TCP connection was established. */
  CONNECT: { code: 4 },
  /** (sock, host, port, errno): a connection attempt was refused (or unreachable; host: string id). */
  REFUSED: { code: 5, stringB: true },
  /** (server-side sock, listener sock, 0, 0): the server accepted the connection. */
  ACCEPT: { code: 6 },
  /** (sock, ConnState, 0, 0): the state of the socket's transport. */
  STATE: { code: 7 },
  /** (sock, bytes, protocol paused 0 | 1, 0): the transport's write buffer size changed. */
  WBUF: { code: 8 },
  /** (sock, peer sock, nbytes, 0): bytes handed to the network (in flight until read). */
  SEND: { code: 9 },
  /** (sock, peer sock, nbytes, 0): bytes landed in the peer's receive buffer (latency > 0 only). */
  ARRIVE: { code: 10 },
  /** (sock, peer sock, nbytes, 0): the receiver read bytes out of its buffer. */
  RECV: { code: 11 },
  /** (sock, peer sock, 0, 0): the socket shut down its writing side (FIN; write_eof). */
  SHUT_WR: { code: 12 },
  /** (sock, 0, 0, 0): the receiver read end-of-file. */
  EOF_SEEN: { code: 13 },
  /** (sock, errno, 0, 0): the connection was reset. */
  RESET: { code: 14 },
  /** (sock, 0, 0, 0): the socket was closed (a listening socket: the server stopped listening). */
  CLOSE: { code: 15 },
  /** (sock, dest sock or -1 when nobody listens, nbytes, datagram id): a datagram was sent. */
  DGRAM_SEND: { code: 16 },
  /** (sock, source sock, nbytes, datagram id): a datagram was received by the program. */
  DGRAM_RECV: { code: 17 },
  /** (pid, command line, 0, 0): a process was spawned (command line: string id). */
  PROC_SPAWN: { code: 18, stringB: true },
  /** (pid, returncode, 0, 0): the process exited (negative: killed by that signal). */
  PROC_EXIT: { code: 19 },
  /** (pid, fd 0 | 1 | 2, 0, 0): a pipe to the child's stdin / stdout / stderr was opened. */
  PIPE_OPEN: { code: 20 },
  /** (pid, fd, nbytes, 0): bytes written into the pipe (by the parent for fd 0, by the child otherwise). */
  PIPE_WRITE: { code: 21 },
  /** (pid, fd, nbytes, 0): bytes read out of the pipe. */
  PIPE_READ: { code: 22 },
  /** (pid, fd, 0, 0): the pipe's writing end was closed (EOF for its reader). */
  PIPE_CLOSE: { code: 23 },
  /** (microseconds, 0, 0, 0): the simulated one-way latency changed (loopscope.set_latency). */
  LATENCY: { code: 24 },
  /** (sock, errno, 0, 0): an ICMP error was queued on a connected UDP socket. */
  DGRAM_ERROR: { code: 25 },
} as const satisfies Record<string, NetRow>;

/** NET kinds by name. */
export const NetKind = codes(NET_KINDS);
export type NetKindCode = (typeof NetKind)[keyof typeof NetKind];

/** Lower-case name of each NET kind ('socket', ...). */
export const NET_KIND_NAMES: Readonly<Record<number, string>> = Object.freeze(
  Object.fromEntries(Object.entries(NetKind).map(([k, v]) => [v, k.toLowerCase()])),
);

/** NET kinds whose operand b is a string id. */
export const NET_STRING_B: ReadonlySet<number> = new Set(
  Object.values(NET_KINDS as Record<string, NetRow>)
    .filter((r) => r.stringB)
    .map((r) => r.code),
);

/** NET SOCKET's protocol. */
export const SockProto = { TCP: 0, UDP: 1 } as const;

/** NET STATE's state: a simulated transport's state. */
export const ConnState = { OPEN: 0, CLOSING: 1, CLOSED: 2 } as const;
export const CONN_STATES = names(ConnState);
/** A transport's state by name ('open', 'closing', 'closed'). */
export type ConnState = (typeof CONN_STATES)[number];

/** The enums, by the prefix their members get in Python (TASK_READY, NET_SEND, ...). */
export const WIRE_ENUMS = {
  TASK: TaskState,
  BLOCK: BlockKind,
  LOOP: LoopEvent,
  LIMIT: LimitKind,
  ERROR: ErrorKind,
  NET: NetKind,
  PROTO: SockProto,
  CONN: ConnState,
} as const;
