// The runtime core, shared by the CLI and tests (Node) and the app's worker:
// given a loaded Pyodide and the runtime's Python sources, run a program on a
// fresh Engine + TraceRecorder and return its trace. No DOM, no Node APIs.

import { Engine } from '../engine/engine.ts';
import { makeBridge } from './bridge.ts';
import { TraceRecorder } from '../trace/recorder.ts';
import { ErrorKind, LimitKind, Op, OPERANDS, type Trace } from '../trace/schema.ts';
import type { MemoryCap } from './memory-cap.ts';

/** The slice of Pyodide's API the runtime uses (so that core.ts needs no pyodide types). */
export interface PyodideLike {
  runPython(code: string, options?: { globals?: unknown }): unknown;
  FS: {
    mkdirTree(path: string): void;
    writeFile(path: string, data: string): void;
  };
  version: string;
}

/** The runtime's Python files, keyed by path relative to src/runtime/python/. */
export type PythonSources = Record<string, string>;

export interface RunOptions {
  /** File name shown in tracebacks and warnings. Default 'main.py'. */
  filename?: string;
  /** Cap on handles run. */
  maxSteps?: number;
  /** Cap on virtual time, seconds. */
  maxTime?: number;
  /** Output beyond this many characters (stdout + stderr) is dropped, with a note. */
  maxOutputBytes?: number;
  /** Loop iterations one step may run before it is stopped as an endless loop. */
  cpuBudget?: number;
  /** Called with program output as it is produced. */
  onOutput?: (fd: 1 | 2, text: string) => void;
  /** The cap on Python's memory (memory-cap.ts), when one is installed: the run sets its limit and reports when it was hit. */
  memory?: MemoryCap;
  /** Bytes Python's memory may grow to during this run (with `memory`). */
  maxMemoryBytes?: number;
  /** The recording's size cap (TraceRecorder.memoryBytes): the run ends at the first loop iteration past it. */
  maxTraceBytes?: number;
}

export interface RunResult {
  trace: Trace;
  exitCode: number;
  stdout: string;
  stderr: string;
  syntaxError?: { line: number; col: number; message: string };
}

export const DEFAULTS = {
  filename: 'main.py',
  maxSteps: 5_000_000,
  maxTime: 86_400,
  maxOutputBytes: 1_000_000,
  cpuBudget: 5_000_000,
} as const;

/** Where the package is written in Pyodide's file system. */
const SITE = '/home/pyodide/loopscope_rt';

export class LoopscopeRuntime {
  readonly pythonVersion: string;
  private readonly runProgram: (...args: unknown[]) => number;

  private constructor(runProgram: (...args: unknown[]) => number, pythonVersion: string) {
    this.runProgram = runProgram;
    this.pythonVersion = pythonVersion;
  }

  static async create(py: PyodideLike, sources: PythonSources): Promise<LoopscopeRuntime> {
    for (const [rel, text] of Object.entries(sources)) {
      const path = `${SITE}/${rel}`;
      py.FS.mkdirTree(path.slice(0, path.lastIndexOf('/')));
      py.FS.writeFile(path, text);
    }
    py.runPython(`
import sys
if ${JSON.stringify(SITE)} not in sys.path:
    sys.path.insert(0, ${JSON.stringify(SITE)})
import loopscope
`);
    const fn = py.runPython('loopscope.run_program') as (...args: unknown[]) => number;
    const version = String(py.runPython('import sys; sys.version.split()[0]'));
    // Everything loaded so far (the stdlib, asyncio, this package) lives as long as the
    // interpreter: move it out of the collector's sight. Each run ends with gc.collect()
    // (for CPython's late warnings), which then walks only what runs made: measured in
    // Node, a collection went from ~80 ms to ~0.1 ms, a short program's run from
    // 25-200 ms to ~1 ms. Objects made by runs are collected as before.
    py.runPython('import gc; gc.freeze()');
    return new LoopscopeRuntime(fn, version);
  }

  /** Run a program to completion (or to a cap) and return its trace. Synchronous. */
  run(source: string, opts: RunOptions = {}): RunResult {
    const filename = opts.filename ?? DEFAULTS.filename;
    const recorder = new TraceRecorder();
    const maxTraceBytes = opts.maxTraceBytes ?? Infinity;
    const engine = new Engine(recorder, {
      maxSteps: opts.maxSteps ?? DEFAULTS.maxSteps,
      maxTime: opts.maxTime ?? DEFAULTS.maxTime,
      outOfRoom: maxTraceBytes < Infinity ? () => recorder.memoryBytes > maxTraceBytes : undefined,
    });
    const cap = opts.maxOutputBytes ?? DEFAULTS.maxOutputBytes;
    const stdout: string[] = [];
    const stderr: string[] = [];
    let written = 0;
    let capped = false;
    const recordOut = recorder.out.bind(recorder);
    // Output passes through here on its way into the trace, to enforce the cap.
    const out = (fd: number, text: string) => {
      if (capped) return;
      if (written + text.length > cap) {
        text = text.slice(0, Math.max(0, cap - written));
        capped = true;
      }
      written += text.length;
      if (text) {
        recordOut(fd, text);
        (fd === 2 ? stderr : stdout).push(text);
        opts.onOutput?.(fd as 1 | 2, text);
      }
      if (capped) {
        const note = `\n[Loopscope: output capped at ${cap.toLocaleString('en')} characters; the rest was dropped]\n`;
        recorder.limit(LimitKind.OUTPUT, note.trim());
        recordOut(2, note);
        stderr.push(note);
        opts.onOutput?.(2, note);
      }
    };
    const bridge = makeBridge(engine, recorder, { out });
    const memory = opts.memory;
    if (memory) {
      memory.reset();
      memory.limit = opts.maxMemoryBytes ?? Infinity;
    }
    const t0 = Date.now();
    let exitCode: number;
    try {
      exitCode = Number(this.runProgram(bridge, source, filename, opts.cpuBudget ?? DEFAULTS.cpuBudget));
    } catch (err) {
      // A failure of the runtime itself (not of the user's program).
      const msg = `Loopscope internal error: ${err instanceof Error ? err.message : String(err)}`;
      recorder.error(ErrorKind.INTERNAL, 0, 0, msg);
      recordOut(2, msg + '\n');
      stderr.push(msg + '\n');
      opts.onOutput?.(2, msg + '\n');
      exitCode = 70;
    }
    if (memory) {
      memory.limit = Infinity; // the runtime's own work after the run is not capped
      if (memory.hit) {
        const mib = Math.round((opts.maxMemoryBytes ?? 0) / 2 ** 20);
        const msg = `Python's memory reached the cap of ${mib} MiB; the allocation that would have passed it raised MemoryError`;
        const note = `Loopscope: ${msg}.\n`;
        recordOut(2, note);
        stderr.push(note);
        recorder.limit(LimitKind.MEMORY, msg);
      }
    }
    engine.finish();
    recorder.exit(exitCode);
    const trace = recorder.finish({
      filename,
      source,
      exitCode,
      pythonVersion: this.pythonVersion,
      wallMs: Date.now() - t0,
    });
    const result: RunResult = { trace, exitCode, stdout: stdout.join(''), stderr: stderr.join('') };
    const syntax = findSyntaxError(trace);
    if (syntax) result.syntaxError = syntax;
    return result;
  }
}

function findSyntaxError(trace: Trace): RunResult['syntaxError'] {
  // ERROR(kind=SYNTAX, line, col, msg) comes before any step runs.
  const ops = trace.ops;
  const end = trace.steps.length ? trace.steps[0] : ops.length;
  for (let i = 0; i < end; i += 1 + OPERANDS[ops[i]]) {
    if (ops[i] === Op.ERROR && ops[i + 1] === ErrorKind.SYNTAX) {
      return { line: ops[i + 2], col: ops[i + 3], message: trace.strings[ops[i + 4]] };
    }
  }
  return undefined;
}
