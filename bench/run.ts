// `npm run bench`: the command line's start-up and `record` beside python3
// (bench/cli-startup.ts); Loopscope's cost per loop step with full recording, as a
// ratio to python3 running the same program in the same session; trace and
// keyframe bytes per step; time to seek a random step and to step forward.
// Figures, not assertions.
//
// python3's figure is CPU time (user + sys, from getrusage) of the program
// minus the interpreter's start-up, so that timer programs (which really
// sleep on CPython) are compared on work done, not on waiting.

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { nodeRuntime } from '../src/runtime/node.ts';
import { cliStartupBench } from './cli-startup.ts';
import { pyodideFloor } from './pyodide-floor.ts';
import type { Trace } from '../src/trace/schema.ts';
import { TracePlayer } from '../src/trace/seek.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const PROGRAMS = join(HERE, 'programs');

const PY_CPU = `
import resource, runpy, sys
runpy.run_path(sys.argv[1], run_name="__main__")
r = resource.getrusage(resource.RUSAGE_SELF)
sys.stderr.write("LOOPSCOPE_CPU %.6f\\n" % (r.ru_utime + r.ru_stime))
`;

function python3Cpu(path: string): { seconds: number; stdout: string } | null {
  const p = spawnSync('python3', ['-c', PY_CPU, path], { encoding: 'utf8', env: { ...process.env, PYTHONHASHSEED: '0' }, maxBuffer: 1 << 28 });
  if (p.error || p.status !== 0) return null;
  const m = /LOOPSCOPE_CPU ([\d.]+)/.exec(p.stderr);
  return m ? { seconds: Number(m[1]), stdout: p.stdout } : null;
}

/** Wall time of the program's own run on python3 (start-up subtracted), for I/O programs. */
function python3Wall(path: string): number | null {
  const code = `import runpy, sys, time\nt = time.perf_counter()\nrunpy.run_path(sys.argv[1], run_name="__main__")\nsys.stderr.write("LOOPSCOPE_WALL %.6f\\n" % (time.perf_counter() - t))\n`;
  const p = spawnSync('python3', ['-c', code, path], { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (p.error || p.status !== 0) return null;
  const m = /LOOPSCOPE_WALL ([\d.]+)/.exec(p.stderr);
  return m ? Number(m[1]) : null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Bytes a stored trace holds: events, step index, times and the string table (as UTF-8). */
function traceBytes(trace: Trace): number {
  const stringBytes = trace.strings.reduce((n, s) => n + Buffer.byteLength(s) + 1, 0);
  return trace.ops.byteLength + trace.steps.byteLength + trace.times.length * 8 + stringBytes;
}

/**
 * The reader on this trace: keyframe memory per step (with the trace's own, against the
 * target of 100 B/step together), random seeks and stepping forward, after the keyframes
 * were laid (the app lays them in idle time right after a run, with prepare()).
 */
function seekFigure(trace: Trace): string {
  const steps = trace.steps.length;
  if (steps === 0) return 'n/a';
  const t0 = performance.now();
  const player = new TracePlayer(trace);
  const build = performance.now() - t0;
  const p0 = performance.now();
  player.prepare();
  const prep = performance.now() - p0;
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const times: number[] = [];
  for (let i = 0; i < 30; i++) {
    const k = Math.floor(rand() * (steps + 1));
    const s = performance.now();
    player.snapshot(k);
    times.push(performance.now() - s);
  }
  let k = Math.floor(steps / 3);
  player.snapshot(k);
  const forward: number[] = [];
  for (let i = 0; i < 100 && k < steps; i++) {
    const s = performance.now();
    player.snapshot(++k);
    forward.push(performance.now() - s);
  }
  const keyPerStep = player.keyframeBytes / steps;
  const tracePerStep = traceBytes(trace) / steps;
  return (
    `keyframes ${player.keyframeCount}, ${keyPerStep.toFixed(1)} B/step; trace + keyframes ${(tracePerStep + keyPerStep).toFixed(1)} B/step\n` +
    `   seek median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(2)} ms; step forward median ${forward.length ? median(forward).toFixed(3) : 'n/a'} ms ` +
    `(index build ${build.toFixed(0)} ms, keyframes ${prep.toFixed(0)} ms, in idle time)`
  );
}

export async function runBench(args: string[]): Promise<number> {
  const quick = args.includes('--quick');
  const only = args.filter((a) => !a.startsWith('--'));
  const files = readdirSync(PROGRAMS)
    .filter((f) => f.endsWith('.py') && (only.length === 0 || only.some((o) => f.includes(o))))
    .sort();
  if (only.length === 0) cliStartupBench(quick ? 3 : 7);
  const rt = await nodeRuntime();
  const floor = quick ? null : await pyodideFloor();
  const base = python3Cpu(join(HERE, '__empty__.py'));
  console.log(`Loopscope bench — Pyodide CPython ${rt.pythonVersion} on the virtual loop vs native python3 (CPU time, start-up subtracted)`);
  console.log(`targets: <= 2.5x native per step, <= 100 bytes per step for trace and keyframes together, seek <= 16 ms\n`);
  // Warm-up: the first runs after loading are slower (the wasm is not yet optimised).
  for (let i = 0; i < 3; i++) rt.run('import asyncio\nasync def m():\n    await asyncio.sleep(0)\nasyncio.run(m())\n', { filename: 'warmup.py' });
  for (const f of files) {
    const path = join(PROGRAMS, f);
    let source = readFileSync(path, 'utf8');
    if (quick) source = source.replace(/^(\w+) = ([\d_]+)$/gm, (_m, n, v) => `${n} = ${Math.max(1, Math.floor(Number(v.replace(/_/g, '')) / 10))}`);
    const t0 = performance.now();
    const r = rt.run(source, { filename: path, maxSteps: 50_000_000, cpuBudget: 1e9, maxOutputBytes: 1 << 20 });
    const ms = performance.now() - t0;
    const steps = r.trace.steps.length;
    const perStep = (ms * 1000) / Math.max(1, steps);
    const bytes = traceBytes(r.trace);
    let line = `${basename(f, '.py').padEnd(16)} ${steps.toLocaleString('en').padStart(10)} steps  ${(ms / 1000).toFixed(2)} s  ${perStep.toFixed(2)} µs/step  ${(bytes / Math.max(1, steps)).toFixed(1)} B/step`;
    if (!quick) {
      const native = python3Cpu(path);
      if (native && base) {
        const nativeSec = Math.max(1e-6, native.seconds - base.seconds);
        const nativePerStep = (nativeSec * 1e6) / Math.max(1, steps);
        line += `  | python3 ${nativePerStep.toFixed(2)} µs/step  ratio ${(perStep / nativePerStep).toFixed(2)}x`;
        if (floor && !/# bench: bytes=/.test(source)) {
          const floorPerStep = (floor(source) * 1e6) / Math.max(1, steps);
          line += `\n   floor: stock asyncio loop in the same Pyodide, nothing recorded: ${floorPerStep.toFixed(2)} µs/step (${(floorPerStep / nativePerStep).toFixed(2)}x python3); Loopscope adds ${(perStep / floorPerStep).toFixed(2)}x on top`;
        }
        if (native.stdout !== r.stdout) line += '  (OUTPUT DIFFERS)';
      } else {
        line += '  | python3 not available';
      }
    }
    // A program that moves bytes says how many (`# bench: bytes=N writes=M`):
    // report throughput and the cost of one write, against python3 on real loopback.
    const io = /# bench: bytes=(\d+) writes=(\d+)/.exec(source);
    if (io && !quick) {
      const [bytesMoved, writes] = [Number(io[1]), Number(io[2])];
      const native = python3Wall(path);
      const ours = `${(bytesMoved / 1e6 / (ms / 1000)).toFixed(0)} MB/s, ${((ms * 1000) / writes).toFixed(1)} µs/write`;
      line += `\n   ${ours}` + (native ? `  | python3 real loopback ${(bytesMoved / 1e6 / native).toFixed(0)} MB/s, ${((native * 1e6) / writes).toFixed(1)} µs/write  ratio ${((ms / 1000) / native).toFixed(2)}x` : '');
    }
    console.log(line);
    if (r.exitCode !== 0) console.log(`   exit ${r.exitCode}: ${r.stderr.slice(-300)}`);
    console.log(`   ${seekFigure(r.trace)}`);
  }
  return 0;
}
