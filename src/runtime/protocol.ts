// Messages between the page (RuntimeClient) and the Python worker, and the
// valibot schemas each side checks them against.
//
// The page hands the worker one end of a MessageChannel in its first message
// (CONNECT, the only message ever sent on the worker's global); from then on
// both sides talk over that port only. A program running in the worker can
// reach the worker's global (`import js`), never the port, so nothing it posts
// is read by the page. Every message that crosses is parsed with the schema
// of its direction; one that fails is dropped and logged (see parseMessage).
//
// Runs carry a sequence number; the client drops results whose seq is not the
// latest (rust-playground style), so a stale run never overwrites a newer one.

import * as v from 'valibot';
import { validateTrace } from '../trace/decode.ts';
import type { Trace } from '../trace/schema.ts';

const int = v.pipe(v.number(), v.safeInteger());
const count = v.pipe(int, v.minValue(0));
const finite = v.pipe(v.number(), v.finite());

/** A list of strings, checked in one loop (traces hold up to millions of them). */
const stringList = v.custom<string[]>(
  (x) => Array.isArray(x) && x.every((s) => typeof s === 'string'),
  'expected an array of strings',
);
const numberList = v.custom<number[]>(
  (x) => Array.isArray(x) && x.every((n) => typeof n === 'number'),
  'expected an array of numbers',
);
const int32Array = v.custom<Int32Array>((x) => x instanceof Int32Array, 'expected an Int32Array');
/** Await chains: lists of line numbers (schema.ts, Trace.chains). */
const lineLists = v.custom<number[][]>(
  (x) => Array.isArray(x) && x.every((c) => Array.isArray(c) && c.every((n) => Number.isSafeInteger(n))),
  'expected an array of arrays of line numbers',
);
const messagePort = v.custom<MessagePort>(
  (x) => typeof MessagePort !== 'undefined' && x instanceof MessagePort,
  'expected a MessagePort',
);

/** A trace as it crosses from the worker: the structure of schema.ts, and sound framing (validateTrace). */
export const TraceSchema = v.pipe(
  v.object({
    version: int,
    strings: stringList,
    times: numberList,
    chains: lineLists,
    ops: int32Array,
    steps: int32Array,
    meta: v.object({
      filename: v.string(),
      source: v.string(),
      exitCode: int,
      pythonVersion: v.string(),
      wallMs: finite,
    }),
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return;
    const problems = validateTrace(dataset.value as Trace);
    if (problems.length) addIssue({ message: `trace: ${problems[0]}` });
  }),
);

// The schema must describe schema.ts's Trace: this fails to compile when the two part.
const traceShape: (t: v.InferOutput<typeof TraceSchema>) => Trace = (t) => t;
void traceShape;

export const RunLimitsSchema = v.object({
  maxSteps: v.optional(count),
  maxTime: v.optional(v.pipe(v.number(), v.minValue(0))),
  maxOutputBytes: v.optional(count),
  cpuBudget: v.optional(count),
  /** Bytes of WebAssembly memory Python may grow to; an allocation beyond raises MemoryError. */
  maxMemoryBytes: v.optional(count),
  /** Size cap of the recording (ops and strings, in bytes): the run ends at the first loop iteration past it. */
  maxTraceBytes: v.optional(count),
});
export type RunLimits = v.InferOutput<typeof RunLimitsSchema>;

/** The first and only message on the worker's global: the port to talk over, and how to load. */
export const ConnectSchema = v.object({
  type: v.literal('connect'),
  port: messagePort,
  /** Absolute URL of the app (the worker runs from a blob: URL, so it cannot resolve relative ones). */
  base: v.pipe(v.string(), v.url()),
  /** false: do not use the build's memory snapshot. */
  snapshot: v.boolean(),
});
export type Connect = v.InferOutput<typeof ConnectSchema>;

/** Page → worker, over the port. */
export const ToWorkerSchema = v.variant('type', [
  v.object({ type: v.literal('run'), seq: count, source: v.string(), filename: v.string(), limits: RunLimitsSchema }),
]);
export type ToWorker = v.InferOutput<typeof ToWorkerSchema>;

export const LOAD_PHASES = ['fetch', 'start', 'runtime', 'ready'] as const;
export type LoadPhase = (typeof LOAD_PHASES)[number];

const syntaxError = v.object({ line: int, col: int, message: v.string() });

/** What a finished run reports back to the page. */
const outcomeEntries = {
  seq: count,
  trace: TraceSchema,
  exitCode: int,
  stdout: v.string(),
  stderr: v.string(),
  syntaxError: v.optional(syntaxError),
  wallMs: finite,
  /** Browser features the program reached for that Loopscope withholds (lockdown.ts), in first-use order. */
  blocked: v.array(v.string()),
  /**
   * Set when the worker should be replaced once this result is in (e.g. the
   * program grew Python's memory to the cap: WebAssembly memory never shrinks).
   */
  retire: v.optional(v.string()),
};
const outcomeSchema = v.object(outcomeEntries);
export type RunOutcome = v.InferOutput<typeof outcomeSchema>;

/** Worker → page, over the port. */
export const FromWorkerSchema = v.variant('type', [
  v.object({ type: v.literal('progress'), phase: v.picklist(LOAD_PHASES), fraction: finite, label: v.string() }),
  v.object({
    type: v.literal('ready'),
    pythonVersion: v.string(),
    loadMs: finite,
    /** How Python came up: from the memory snapshot, plainly, or plainly after the snapshot failed. */
    snapshot: v.picklist(['restored', 'plain', 'fallback']),
  }),
  /** The worker took run `seq` up (the client's sign that the worker is not stuck). */
  v.object({ type: v.literal('started'), seq: count }),
  /** Run `seq` is over and the worker's own event loop is free again (nothing the program left behind holds it). */
  v.object({ type: v.literal('idle'), seq: count }),
  v.object({ type: v.literal('result'), ...outcomeEntries }),
  v.object({ type: v.literal('run-error'), seq: count, message: v.string() }),
  v.object({ type: v.literal('fatal'), message: v.string() }),
]);
export type FromWorker = v.InferOutput<typeof FromWorkerSchema>;

/**
 * Parse a message that crossed the boundary: the typed message, or null after
 * logging why it was dropped. Only the first issue is named (a forged trace
 * could produce millions), and the data is not echoed.
 */
export function parseMessage<S extends v.GenericSchema>(
  schema: S,
  data: unknown,
  where: string,
  log: (msg: string) => void = (m) => console.warn(m),
): v.InferOutput<S> | null {
  const r = v.safeParse(schema, data, { abortEarly: true });
  if (r.success) return r.output;
  const issue = r.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? '';
  const type = typeof data === 'object' && data && 'type' in data ? String((data as { type: unknown }).type).slice(0, 40) : typeof data;
  log(`[loopscope] dropped a message ${where} (type ${type}): ${path ? path + ': ' : ''}${issue.message}`);
  return null;
}
