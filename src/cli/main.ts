// `loopscope` command line: run a Python asyncio program on the virtual-time
// loop and print exactly what `python3 FILE.py` prints, optionally writing its
// recording; record many programs into recordings with one interpreter;
// `loopscope bench` runs the benchmarks (bench/run.ts).
//
// bin/loopscope.mjs runs this file prebuilt (scripts/build-cli.mjs).
// LOOPSCOPE_PROFILE=1 prints where the start-up time went, on stderr.

import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { optionsFromText, parseHeader, parseOptionWords, writeRecording, type Recording, type RecordingOptions } from '../trace/recording.ts';
import { DEFAULTS, type LoopscopeRuntime, type RunOptions, type RunResult } from '../runtime/core.ts';

const USAGE = `usage: loopscope run FILE.py|- [--trace OUT.json] [--options KEY=VALUE...] [limits]
       loopscope record FILE.py... --out DIR [--options KEY=VALUE...] [limits]
       loopscope bench [--quick]

Runs an asyncio program on Loopscope's virtual-time event loop (CPython in
WebAssembly) and prints its stdout and stderr as python3 would.
  --trace OUT.json     also write the run's recording (docs/trace-format.md, "Recordings")
record: runs each program (one interpreter, each run as if alone) and writes
DIR/NAME.json, its recording; prints a line per file (steps, bytes, exit status).
  --options 'step=N panels=ready,timers,... speed=X'
                       the author's defaults stored in the recording (player's start
                       step, panels, speed); override the program's header lines
                       (# step: N, # panels: ..., # speed: X)
limits:
  --max-steps N        stop after N loop steps (default ${DEFAULTS.maxSteps.toLocaleString('en')})
  --max-time SECONDS   stop before virtual time passes SECONDS (default ${DEFAULTS.maxTime})
  --cpu-budget N       loop iterations one step may run before it counts as endless (default 100,000,000)
Exit status (run): the program's (0, 1 on an uncaught exception); 3 when a cap ended the run;
(record): 0 when every recording was written, 1 otherwise; 2 on bad usage.`;

/** Start-up milestones for LOOPSCOPE_PROFILE=1: [name, ms since the process started]. */
const marks: Array<[string, number]> = [];
const PROFILE = process.env.LOOPSCOPE_PROFILE === '1';
const mark = (name: string) => void marks.push([name, performance.now()]);
mark('module-loaded');

function fail(msg: string): never {
  process.stderr.write(`loopscope: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) fail(`${name} must be a positive number, got '${v}'`);
  return n;
}

const OPTIONS = {
  trace: { type: 'string' },
  out: { type: 'string' },
  options: { type: 'string', multiple: true },
  'max-steps': { type: 'string' },
  'max-time': { type: 'string' },
  'cpu-budget': { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>['values'];

function runOptions(values: Values): RunOptions {
  return {
    maxSteps: num(values['max-steps'], '--max-steps'),
    maxTime: num(values['max-time'], '--max-time'),
    cpuBudget: num(values['cpu-budget'], '--cpu-budget') ?? 100_000_000,
    maxOutputBytes: 1 << 30,
  };
}

/** The author's defaults for a program: its header, then --options on top. Errors are sentences. */
function authorOptions(source: string, flags: string[] | undefined): { title?: string; description?: string; options: RecordingOptions; errors: string[] } {
  const header = parseHeader(source);
  const words = parseOptionWords(flags ?? []);
  const { options, errors } = optionsFromText({ ...header.options, ...words.options });
  return { title: header.title, description: header.description, options, errors: [...words.errors, ...errors] };
}

/** A recording of a finished run, as `--trace` and `record` write it. */
function recordingOf(result: RunResult, author: ReturnType<typeof authorOptions>): { rec: Recording; notes: string[] } {
  const notes: string[] = [];
  const options = { ...author.options };
  const steps = result.trace.steps.length;
  if (options.step !== undefined && options.step > steps) {
    notes.push(`start step ${options.step} is past the last step (${steps}); stored as ${steps}`);
    options.step = steps;
  }
  const rec: Recording = { trace: result.trace, options };
  if (author.title !== undefined) rec.title = author.title;
  if (author.description !== undefined) rec.description = author.description;
  return { rec, notes };
}

/** Write-then-rename, so that a reader never sees half a recording. */
function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

async function loadRuntime(): Promise<LoopscopeRuntime> {
  const { createNodeRuntime } = await import('../runtime/node.ts');
  const { runtime } = await createNodeRuntime({ mark });
  mark('runtime-ready');
  return runtime;
}

function printProfile(): void {
  if (!PROFILE) return;
  const start = (globalThis as { __loopscopeBinStart?: number }).__loopscopeBinStart;
  const parts: string[] = [];
  let prev = 0;
  const all: Array<[string, number]> = start !== undefined ? [['node-start', start], ...marks] : marks;
  for (const [name, t] of all) {
    parts.push(`${name} ${(t - prev).toFixed(0)}`);
    prev = t;
  }
  process.stderr.write(`loopscope profile (ms, each since the previous): ${parts.join(', ')}; total ${performance.now().toFixed(0)}\n`);
}

async function cmdRun(values: Values, positionals: string[]): Promise<number> {
  if (values.out !== undefined) fail('--out is for record; run writes its recording with --trace');
  if (positionals.length !== 1) fail('run takes exactly one FILE (or - for standard input)');
  const file = positionals[0];
  const opts = runOptions(values);
  if (values.trace === undefined && values.options) fail('--options is stored in the recording: use it with --trace');
  let source: string;
  let filename: string;
  try {
    source = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    // python3 shows the script's absolute path in tracebacks; '<stdin>' for '-'.
    filename = file === '-' ? '<stdin>' : resolve(file);
  } catch (e) {
    process.stderr.write(`loopscope: can't open file '${file}': ${(e as Error).message}\n`);
    return 2;
  }
  const author = values.trace !== undefined ? authorOptions(source, values.options) : null;
  if (author?.errors.length) fail(`${file}: ${author.errors.join('; ')}`);
  const rt = await loadRuntime();
  const result = rt.run(source, {
    ...opts,
    filename,
    onOutput: (fd, text) => (fd === 2 ? process.stderr : process.stdout).write(text),
  });
  mark('run');
  if (values.trace && author) {
    const { rec, notes } = recordingOf(result, author);
    for (const n of notes) process.stderr.write(`loopscope: ${file}: ${n}\n`);
    try {
      writeFileAtomic(values.trace, writeRecording(rec));
    } catch (e) {
      process.stderr.write(`loopscope: can't write '${values.trace}': ${(e as Error).message}\n`);
      return 2;
    }
  }
  printProfile();
  return result.exitCode;
}

async function cmdRecord(values: Values, positionals: string[]): Promise<number> {
  if (values.trace !== undefined) fail('record writes one recording per program into --out DIR; --trace is for run');
  if (!values.out) fail('record needs --out DIR (where the recordings go)');
  if (positionals.length === 0) fail('record takes one or more FILE.py');
  const outDir = values.out;
  const opts = runOptions(values);
  // One recording per program, named after it: two programs of the same name would overwrite each other.
  const names = new Map<string, string>();
  for (const file of positionals) {
    const name = basename(file).replace(/\.py$/, '') + '.json';
    const other = names.get(name);
    if (other !== undefined) fail(`'${file}' and '${other}' would both be recorded as ${name}`);
    names.set(name, file);
  }
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (e) {
    process.stderr.write(`loopscope: can't create '${outDir}': ${(e as Error).message}\n`);
    return 1;
  }
  const t0 = performance.now();
  const rt = await loadRuntime();
  const width = Math.max(...positionals.map((f) => f.length));
  let failed = 0;
  let firstDone = 0;
  for (const [name, file] of names) {
    const line = (text: string) => process.stdout.write(`${file.padEnd(width)}  ${text}\n`);
    let source: string;
    try {
      source = readFileSync(file, 'utf8');
    } catch (e) {
      line(`can't open: ${(e as Error).message}`);
      failed++;
      continue;
    }
    const author = authorOptions(source, values.options);
    if (author.errors.length) {
      line(`not recorded: ${author.errors.join('; ')}`);
      failed++;
      continue;
    }
    // Tracebacks name the file by its name, not by a path on the author's machine.
    const result = rt.run(source, { ...opts, filename: basename(file) });
    const { rec, notes } = recordingOf(result, author);
    const path = join(outDir, name);
    const text = writeRecording(rec);
    try {
      writeFileAtomic(path, text);
    } catch (e) {
      line(`can't write '${path}': ${(e as Error).message}`);
      failed++;
      continue;
    }
    const bytes = Buffer.byteLength(text);
    line(`${String(result.trace.steps.length).padStart(7)} steps ${String(bytes).padStart(9)} bytes  exit ${result.exitCode}  -> ${path}${notes.length ? `  (${notes.join('; ')})` : ''}`);
    if (!firstDone) firstDone = performance.now();
  }
  const end = performance.now();
  const n = names.size - failed;
  const after = n > 1 ? `, ${((end - firstDone) / (n - 1) / 1000).toFixed(2)} s per program after the first` : '';
  process.stdout.write(`${n} recording${n === 1 ? '' : 's'} in ${outDir} in ${((end - t0) / 1000).toFixed(1)} s${after}${failed ? `; ${failed} not recorded` : ''}\n`);
  printProfile();
  return failed ? 1 : 0;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === 'bench') {
    const { runBench } = await import('../../bench/run.ts');
    return runBench(rest);
  }
  if (cmd === '-h' || cmd === '--help' || cmd === undefined) {
    process.stdout.write(USAGE + '\n');
    return cmd === undefined ? 2 : 0;
  }
  if (cmd !== 'run' && cmd !== 'record') fail(`unknown command '${cmd}'`);
  let parsed;
  try {
    parsed = parseArgs({ args: rest, allowPositionals: true, options: OPTIONS });
  } catch (e) {
    fail((e as Error).message);
  }
  return cmd === 'run' ? cmdRun(parsed.values, parsed.positionals) : cmdRecord(parsed.values, parsed.positionals);
}

main(process.argv.slice(2)).then(
  (code) => {
    // Let pending writes to pipes drain before exiting.
    process.stdout.write('', () => process.exit(code));
  },
  (err) => {
    process.stderr.write(`loopscope: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(70);
  },
);
