// `npm run fuzz [-- --seed N --count N --only I,J --batch N --jobs N --timeout S --keep DIR]`
//
// Mutates the oracle corpus (../shared/corpus), our tests/programs and the
// gallery examples (tests/fuzz/mutate.ts) and runs every mutant through the
// command line, `loopscope record` with caps: one interpreter per batch, each
// run as isolated as in a fresh one, which is what the CLI and the page's
// worker do. After each mutant the same interpreter runs a probe
// (tests/fuzz/canary.py, then the gallery's echo server or subprocess example),
// whose recordings must equal those of a fresh interpreter. It reports:
//   hang      a program that ran over --timeout seconds of wall time (30) alone;
//   internal  "Loopscope internal error" (a JavaScript exception, "loop out of
//             step") or exit status 70;
//   frames    a traceback or warning that shows Loopscope's or Pyodide's own frames;
//   crash     the runtime died (the record process ended early) or wrote to its
//             own stderr (Pyodide's fatal errors, aborts);
//   leak      a probe run after the mutant recorded something else than in a
//             fresh interpreter.
// Exit status 1 when anything was found. Every finding prints its seed and
// index: `npm run fuzz -- --seed S --only I` replays it, and its source is kept.

import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readRecording } from '../../src/trace/recording.ts';
import { forEachEvent } from '../../src/trace/decode.ts';
import { Op, type Trace } from '../../src/trace/schema.ts';
import { GALLERY, loadCases, OWN_PROGRAMS, SHARED_CORPUS } from '../programs.ts';
import { makeMutant, type Mutant } from './mutate.ts';
import { OWN_FRAMES } from './own-frames.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'bin', 'loopscope.mjs');
/** The caps each run gets (the CLI's flags). */
const CAPS = ['--max-steps', '20000', '--max-time', '1000000', '--cpu-budget', '1000000'];
/** Probes run after each mutant, compared with a fresh interpreter's recording. */
const PROBES = [join(ROOT, 'tests', 'fuzz', 'canary.py'), join(GALLERY, '18-echo-streams.py'), join(GALLERY, '20-subprocess-lines.py')];

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    count: { type: 'string', default: '1000' },
    only: { type: 'string' },
    batch: { type: 'string', default: '50' },
    jobs: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '30' },
    keep: { type: 'string' },
  },
});
const seed = values.seed !== undefined ? Number(values.seed) >>> 0 : (Math.random() * 2 ** 32) >>> 0;
const count = Number(values.count);
const batchSize = Math.max(1, Number(values.batch));
const jobs = Math.max(1, Number(values.jobs));
const timeoutMs = Number(values.timeout) * 1000;
/** Start-up of a record process (before its first program) may take this long on a busy machine. */
const STARTUP_MS = 180_000;
const work = values.keep ? resolve(values.keep) : mkdtempSync(join(tmpdir(), `loopscope-fuzz-${seed}-`));
mkdirSync(work, { recursive: true });

type Kind = 'hang' | 'internal' | 'frames' | 'crash' | 'leak';
interface Finding { kind: Kind; index: number; detail: string; file?: string }
const findings: Finding[] = [];
const outcomes = new Map<string, number>();
let slowest = { ms: 0, index: -1 };

// ---------------------------------------------------------------------------
// Running `loopscope record` and watching it.

interface Entry { file: string; index: number; role: 'ready' | 'mutant' | 'probe'; probe?: number }
interface BatchResult { done: Map<string, number>; stopped?: { entry: Entry; why: 'hang' | 'crash'; detail: string }; stderr: string }

/**
 * Record `entries` in one process (a tiny program first, whose line says the
 * interpreter is up). Each line of record's output is one finished program: a
 * program that prints nothing for `timeoutMs` is taken as hung and the process
 * is killed; a process that ends before the last line has crashed.
 */
function recordBatch(entries: Entry[], outDir: string): Promise<BatchResult> {
  return new Promise((done) => {
    const child = spawn(process.execPath, [BIN, 'record', ...entries.map((e) => e.file), '--out', outDir, ...CAPS], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const result: BatchResult = { done: new Map(), stderr: '' };
    let next = 0;
    let last = performance.now();
    let buf = '';
    let timer: NodeJS.Timeout;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        result.stopped = { entry: entries[next], why: 'hang', detail: `no answer for ${((performance.now() - last) / 1000).toFixed(1)} s` };
        child.kill('SIGKILL');
      }, next === 0 ? STARTUP_MS : timeoutMs);
    };
    arm();
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (next < entries.length && line.startsWith(entries[next].file)) {
          const now = performance.now();
          result.done.set(entries[next].file, now - last);
          last = now;
          next++;
          arm();
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (d: string) => (result.stderr += d));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (!result.stopped && next < entries.length) {
        result.stopped = { entry: entries[next], why: 'crash', detail: `record ended with ${signal ?? `exit ${code}`}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}` };
      }
      done(result);
    });
  });
}

const READY = join(work, 'ready.py');
writeFileSync(READY, 'pass\n');

function readTrace(outDir: string, file: string): Trace | string {
  const path = join(outDir, basename(file).replace(/\.py$/, '.json'));
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return `no recording at ${path}`;
  }
  const r = readRecording(text);
  return r.ok ? r.recording.trace : `unreadable recording: ${r.error}`;
}

function outputOf(trace: Trace): { stdout: string; stderr: string } {
  const out: string[][] = [[], [], []];
  forEachEvent(trace.ops, (op, at, ops) => {
    if (op === Op.OUT) out[ops[at + 1]].push(trace.strings[ops[at + 2]]);
  });
  return { stdout: out[1].join(''), stderr: out[2].join('') };
}

/** Everything a trace records but the wall time, with the file's name made neutral. */
function facts(trace: Trace): string {
  const name = trace.meta.filename;
  const { wallMs: _w, filename: _f, ...meta } = trace.meta;
  const strings = trace.strings.map((s) => s.split(name).join('PROBE'));
  return JSON.stringify({ v: trace.version, strings, times: trace.times, ops: Array.from(trace.ops), steps: Array.from(trace.steps), meta });
}

// ---------------------------------------------------------------------------
// Checks.

function checkMutant(m: Mutant & { index: number; file: string }, trace: Trace): void {
  const { stderr } = outputOf(trace);
  const code = trace.meta.exitCode;
  const kind = /SyntaxError|IndentationError|TabError/.test(stderr) && code === 1 && trace.steps.length === 0 ? 'syntax error' : `exit ${code}`;
  outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
  const first = (re: RegExp) => stderr.split('\n').find((l) => re.test(l)) ?? '';
  if (code === 70 || /Loopscope internal error|loop out of step/.test(stderr)) {
    findings.push({ kind: 'internal', index: m.index, file: m.file, detail: first(/internal error|out of step/) || `exit ${code}` });
  }
  if (OWN_FRAMES.test(stderr)) findings.push({ kind: 'frames', index: m.index, file: m.file, detail: first(OWN_FRAMES) });
}

let fresh: string[] = [];

async function freshProbes(): Promise<string[]> {
  const out: string[] = [];
  for (const [i, probe] of PROBES.entries()) {
    const dir = join(work, `fresh-${i}`);
    const r = await recordBatch([{ file: probe, index: -1, role: 'probe' }], dir);
    if (r.stopped) throw new Error(`probe ${probe} did not run in a fresh interpreter: ${r.stopped.detail}`);
    const t = readTrace(dir, probe);
    if (typeof t === 'string') throw new Error(`probe ${probe}: ${t}`);
    if (t.meta.exitCode !== 0) throw new Error(`probe ${probe} exits with ${t.meta.exitCode} in a fresh interpreter`);
    out.push(facts(t));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Batches.

async function runBatch(b: number, mutants: Array<Mutant & { index: number }>): Promise<void> {
  const dir = join(work, `batch-${String(b).padStart(3, '0')}`);
  mkdirSync(dir, { recursive: true });
  let entries: Entry[] = [];
  const byFile = new Map<string, Mutant & { index: number; file: string }>();
  for (const m of mutants) {
    const file = join(dir, `m${String(m.index).padStart(5, '0')}.py`);
    writeFileSync(file, m.source);
    byFile.set(file, { ...m, file });
    entries.push({ file, index: m.index, role: 'mutant' });
    // The first probe after every mutant, the others in turn.
    PROBES.forEach((p, i) => {
      if (i > 0 && i !== 1 + (m.index % (PROBES.length - 1))) return;
      const copy = join(dir, `m${String(m.index).padStart(5, '0')}-probe${i}.py`);
      writeFileSync(copy, readFileSync(p, 'utf8'));
      entries.push({ file: copy, index: m.index, role: 'probe', probe: i });
    });
  }
  let part = 0;
  while (entries.length) {
    const outDir = join(dir, `out-${part++}`);
    const r = await recordBatch([{ file: READY, index: -1, role: 'ready' }, ...entries], outDir);
    if (r.stderr.trim() && !r.stopped) {
      findings.push({ kind: 'crash', index: mutants[0].index, detail: `the runtime wrote to its own stderr in batch ${b}: ${r.stderr.trim().split('\n').slice(0, 3).join(' | ')}` });
    }
    for (const e of entries) {
      const ms = r.done.get(e.file);
      if (ms === undefined) break;
      const t = readTrace(outDir, e.file);
      if (typeof t === 'string') {
        findings.push({ kind: 'crash', index: e.index, detail: t });
        continue;
      }
      if (e.role === 'mutant') {
        if (ms > slowest.ms) slowest = { ms, index: e.index };
        checkMutant(byFile.get(e.file)!, t);
      } else if (e.role === 'probe' && facts(t) !== fresh[e.probe!]) {
        findings.push({ kind: 'leak', index: e.index, file: byFile.get(join(dir, `m${String(e.index).padStart(5, '0')}.py`))?.file, detail: `${basename(PROBES[e.probe!])} run after it records something else than in a fresh interpreter` });
      }
    }
    if (!r.stopped) break;
    const { entry, why, detail } = r.stopped;
    if (entry.role === 'ready') throw new Error(`loopscope record did not start: ${detail}`);
    // Retry alone before calling it a hang or a crash: a busy machine or a neighbour is not the program's fault.
    const alone = await recordBatch([{ file: READY, index: -1, role: 'ready' }, entry], join(dir, `alone-${part}`));
    const m = byFile.get(entry.file) ?? byFile.get(join(dir, `m${String(entry.index).padStart(5, '0')}.py`));
    const subject = entry.role === 'mutant' ? '' : ` (while running ${basename(entry.file)} after it)`;
    if (alone.stopped) findings.push({ kind: alone.stopped.why, index: entry.index, file: m?.file, detail: alone.stopped.detail + subject });
    else findings.push({ kind: why, index: entry.index, file: m?.file, detail: `${detail}${subject}; alone it ran (${((alone.done.get(entry.file) ?? 0) / 1000).toFixed(1)} s): only in sequence` });
    entries = entries.slice(entries.indexOf(entry) + 1);
  }
}

// ---------------------------------------------------------------------------
// Drawing mutants.

/** One in this many mutants is kept even when it does not parse (the runtime must report those too). */
const SYNTAX_ERROR_SHARE = 10;
const MAX_ATTEMPTS = 12;

/** Which sources python3 compiles (null when there is no python3): one process for them all. */
function parses(sources: string[]): boolean[] | null {
  const r = spawnSync('python3', ['-c', [
    'import sys, json, warnings',
    'warnings.simplefilter("ignore")',
    'def ok(s):',
    '    try:',
    '        compile(s, "m.py", "exec", dont_inherit=True)',
    '        return True',
    '    except (SyntaxError, ValueError):',
    '        return False',
    'json.dump([ok(s) for s in json.load(sys.stdin)], sys.stdout)',
  ].join('\n')], { input: JSON.stringify(sources), encoding: 'utf8', maxBuffer: 1 << 26 });
  return r.status === 0 ? (JSON.parse(r.stdout) as boolean[]) : null;
}

/**
 * The mutants for `indices`: each redrawn (attempt 1, 2, ...) while python3
 * cannot compile it, except every SYNTAX_ERROR_SHARE-th index. A function of
 * the seed and the index (and python3's grammar), so one replays alone.
 */
function drawMutants(list: number[]): Array<Mutant & { index: number }> {
  const out = new Map(list.map((i) => [i, { ...makeMutant(programs, seed, i), index: i }]));
  let open = list.filter((i) => i % SYNTAX_ERROR_SHARE !== 0);
  for (let attempt = 1; open.length && attempt <= MAX_ATTEMPTS; attempt++) {
    const ok = parses(open.map((i) => out.get(i)!.source));
    if (!ok) {
      console.log('(no python3 to compile with: mutants are kept whether they parse or not)');
      break;
    }
    open = open.filter((_, k) => !ok[k]);
    for (const i of open) out.set(i, { ...makeMutant(programs, seed, i, attempt), index: i });
  }
  return list.map((i) => out.get(i)!);
}

// ---------------------------------------------------------------------------

const programs = [
  ...loadCases(SHARED_CORPUS).map((c) => ({ name: `corpus/${c.name}`, source: c.source })),
  ...loadCases(OWN_PROGRAMS).map((c) => ({ name: `programs/${c.name}`, source: c.source })),
  ...loadCases(GALLERY).map((c) => ({ name: `examples/${c.name}`, source: c.source })),
];
const indices = values.only ? values.only.split(',').map(Number) : Array.from({ length: count }, (_, i) => i);
const t0 = performance.now();
console.log(`loopscope fuzz: seed ${seed}, ${indices.length} mutants of ${programs.length} programs, caps ${CAPS.join(' ')}, timeout ${timeoutMs / 1000} s; files in ${work}`);
fresh = await freshProbes();
const mutants = drawMutants(indices);
const batches: Array<typeof mutants> = [];
for (let i = 0; i < mutants.length; i += batchSize) batches.push(mutants.slice(i, i + batchSize));
let nextBatch = 0;
let finished = 0;
await Promise.all(
  Array.from({ length: Math.min(jobs, batches.length) }, async () => {
    while (nextBatch < batches.length) {
      const b = nextBatch++;
      await runBatch(b, batches[b]);
      finished += batches[b].length;
      process.stdout.write(`  ${finished}/${mutants.length} mutants, ${findings.length} finding(s), ${((performance.now() - t0) / 1000).toFixed(0)} s\n`);
    }
  }),
);

const byIndex = new Map(mutants.map((m) => [m.index, m]));
findings.sort((a, b) => a.index - b.index);
for (const f of findings) {
  const m = byIndex.get(f.index);
  console.log(`\n${f.kind.toUpperCase()}  mutant ${f.index} of ${m?.parent} (${m?.applied.join('; ')})\n  ${f.detail}\n  replay: npm run fuzz -- --seed ${seed} --only ${f.index}${f.file ? `\n  source: ${f.file}` : ''}`);
}
const counts = (['hang', 'internal', 'frames', 'crash', 'leak'] as Kind[]).map((k) => `${findings.filter((f) => f.kind === k).length} ${k}`);
const seen = [...outcomes].sort().map(([k, n]) => `${n} ${k}`).join(', ');
console.log(`\nseed ${seed}: ${mutants.length} mutants (${seen}); slowest ${(slowest.ms / 1000).toFixed(1)} s (mutant ${slowest.index}); ${((performance.now() - t0) / 1000).toFixed(0)} s in all`);
console.log(`findings: ${counts.join(', ')}`);
if (findings.length === 0 && !values.keep) rmSync(work, { recursive: true, force: true });
else console.log(`mutants and recordings kept in ${work}`);
process.exitCode = findings.length ? 1 : 0;
