// The run's logs: facts that, once they happened, stay: output chunks (OUT),
// blocking calls (BLOCK), errors (ERROR), the limit (LIMIT) and the exit
// status (EXIT). They are decoded here and nowhere else, once per trace, by
// the index's single pass (trace-index.ts); each entry carries the step that
// wrote it. The logs at step k are a prefix of each log, found by binary
// search, so they need no keyframes: this is the console's "reducer".

import { consoleLines, type ConsoleLine } from './console.ts';
import { BLOCK_KIND_NAMES, ERROR_KIND_NAMES, LIMIT_NAMES, Op } from './schema.ts';
import {
  type BlockView,
  type ConsoleChunk,
  type ErrorView,
  type LimitView,
} from './views.ts';

/** The opcodes that go to the logs. */
export const LOG_OPS: readonly number[] = [Op.OUT, Op.BLOCK, Op.ERROR, Op.LIMIT, Op.EXIT];

export interface RunLogs {
  /** Every output chunk, in order. */
  readonly console: readonly ConsoleChunk[];
  /** The console split into lines (see consoleLines). */
  readonly lines: readonly ConsoleLine[];
  /** Every blocking call. */
  readonly blocks: readonly BlockView[];
  /** Every ERROR event (a syntax error, an uncaught exception), in order. */
  readonly errors: readonly ErrorView[];
  /** The cap that ended the run, if any. */
  readonly limit: LimitView | null;
  /** The exit status and the step that recorded it, if the trace has one. */
  readonly exit: { readonly code: number; readonly step: number } | null;
}

/** What the logs hold at step k: the part of a Snapshot they supply. */
export interface LogsAt {
  readonly console: readonly ConsoleChunk[];
  readonly blocks: readonly BlockView[];
  readonly limit: LimitView | null;
  readonly error: ErrorView | null;
  readonly exitCode: number | null;
}

/** LIMIT(kind, message) in step `step`. */
export function limitRecord(kind: number, message: string, step: number): LimitView {
  return { kind: LIMIT_NAMES[kind] ?? 'stopped', message, step };
}

/** ERROR(kind, line, col, message) in step `step`. */
export function errorRecord(kind: number, line: number, col: number, message: string, step: number): ErrorView {
  return { kind: ERROR_KIND_NAMES[kind] ?? 'internal', line, col, message, step };
}

/** BLOCK(kind, label, duration) that began at virtual time `start` in step `step`. */
export function blockRecord(kind: number, label: string, start: number, duration: number, step: number): BlockView {
  return { kind: BLOCK_KIND_NAMES[kind] ?? 'sleep', label, start, duration, step };
}

/** Collects the logs during one forward pass over a trace (see trace-index.ts). */
export class LogBuilder {
  private readonly console: ConsoleChunk[] = [];
  private readonly blocks: BlockView[] = [];
  private readonly errors: ErrorView[] = [];
  private limit: LimitView | null = null;
  private exit: { code: number; step: number } | null = null;

  constructor(
    private readonly strings: readonly string[],
    private readonly times: readonly number[],
  ) {}

  /**
   * Take the event `op` (operands a..d) if it is one of LOG_OPS; `step` is the
   * step it belongs to and `time` the clock when it happened.
   */
  take(op: number, a: number, b: number, c: number, d: number, step: number, time: number): void {
    switch (op) {
      case Op.OUT:
        this.console.push({ fd: a === 2 ? 2 : 1, text: this.strings[b], step });
        break;
      case Op.BLOCK:
        this.blocks.push(blockRecord(a, this.strings[b], time, this.times[c], step));
        break;
      case Op.ERROR:
        this.errors.push(errorRecord(a, b, c, this.strings[d], step));
        break;
      case Op.LIMIT:
        this.limit = limitRecord(a, this.strings[b], step);
        break;
      case Op.EXIT:
        this.exit = { code: a, step };
        break;
    }
  }

  finish(): RunLogs {
    return Object.freeze({
      console: Object.freeze(this.console),
      lines: Object.freeze(consoleLines(this.console)),
      blocks: Object.freeze(this.blocks),
      errors: Object.freeze(this.errors),
      limit: this.limit,
      exit: this.exit,
    });
  }
}

/** How many entries of a log (in step order) were written by step k. */
export function countUpTo(log: readonly { readonly step: number }[], k: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log[mid].step <= k) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const NO_CHUNKS: readonly ConsoleChunk[] = Object.freeze([]);
const NO_BLOCKS: readonly BlockView[] = Object.freeze([]);

/** The logs as they stand at step k. `prev` (the value for another step, or null) lends its arrays when they are equal. */
export function logsAt(logs: RunLogs, k: number, prev: LogsAt | null = null): LogsAt {
  const nc = countUpTo(logs.console, k);
  const nb = countUpTo(logs.blocks, k);
  const ne = countUpTo(logs.errors, k);
  const console = prev && prev.console.length === nc ? prev.console : nc ? Object.freeze(logs.console.slice(0, nc)) : NO_CHUNKS;
  const blocks = prev && prev.blocks.length === nb ? prev.blocks : nb ? Object.freeze(logs.blocks.slice(0, nb)) : NO_BLOCKS;
  return {
    console,
    blocks,
    limit: logs.limit && logs.limit.step <= k ? logs.limit : null,
    error: ne ? logs.errors[ne - 1] : null,
    exitCode: logs.exit && logs.exit.step <= k ? logs.exit.code : null,
  };
}
