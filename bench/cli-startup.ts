// `npm run bench`, first part: the command line as a user meets it, beside
// python3 in the same session (a ratio). Wall time of `loopscope run` on an
// empty program and on hello.py (median of several runs, each a new process),
// where that time goes (LOOPSCOPE_PROFILE=1: node start, module load, snapshot
// key/read, restore, runtime, first run), and `loopscope record` over the
// gallery (in all, and each program after the first) beside python3's own
// start-up (python3 would sleep through the programs in real time). Figures,
// not assertions.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'loopscope.mjs');
const GALLERY = join(ROOT, 'src', 'examples');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function wall(cmd: string, args: string[], env: Record<string, string> = {}): { ms: number; stdout: string; stderr: string } {
  const t0 = performance.now();
  const p = spawnSync(cmd, args, { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  if (p.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: exit ${p.status}\n${p.stderr}`);
  return { ms, stdout: p.stdout, stderr: p.stderr };
}

/** "name 12, name 30, ...; total 400" from LOOPSCOPE_PROFILE=1, as [name, ms] pairs. */
function profileParts(stderr: string): Array<[string, number]> {
  const m = /loopscope profile \(ms, each since the previous\): (.*); total (\d+)/.exec(stderr);
  if (!m) return [];
  return m[1].split(', ').map((p) => {
    const i = p.lastIndexOf(' ');
    return [p.slice(0, i), Number(p.slice(i + 1))];
  });
}

export function cliStartupBench(reps: number): void {
  const dir = mkdtempSync(join(tmpdir(), 'loopscope-bench-cli-'));
  try {
    const empty = join(dir, 'empty.py');
    const hello = join(dir, 'hello.py');
    writeFileSync(empty, '');
    writeFileSync(hello, 'print("hello")\n');
    // Warm the file cache and the prebuilt command (and the snapshot, once).
    wall(process.execPath, [BIN, 'run', hello]);
    wall('python3', [hello]);
    console.log(`CLI start-up, wall time, median of ${reps} runs (target: loopscope run hello.py <= 0.8 s)`);
    for (const [name, file] of [['empty program', empty], ['hello.py', hello]] as const) {
      const ours: number[] = [];
      const py: number[] = [];
      const parts = new Map<string, number[]>();
      for (let i = 0; i < reps; i++) {
        const r = wall(process.execPath, [BIN, 'run', file], { LOOPSCOPE_PROFILE: '1' });
        ours.push(r.ms);
        for (const [k, v] of profileParts(r.stderr)) parts.set(k, [...(parts.get(k) ?? []), v]);
        py.push(wall('python3', [file]).ms);
      }
      const [o, p] = [median(ours), median(py)];
      console.log(`  ${name.padEnd(14)} loopscope run ${(o / 1000).toFixed(2)} s | python3 ${(p / 1000).toFixed(2)} s | ratio ${(o / p).toFixed(1)}x`);
      if (parts.size) console.log(`     parts (median ms): ${[...parts].map(([k, v]) => `${k} ${median(v)}`).join(', ')}`);
    }
    // record over the gallery: one interpreter for all.
    const files = readdirSync(GALLERY).filter((f) => f.endsWith('.py')).sort().map((f) => join(GALLERY, f));
    const out = join(dir, 'recordings');
    const rec = wall(process.execPath, [BIN, 'record', ...files, '--out', out]);
    const summary = rec.stdout.trimEnd().split('\n').pop() ?? '';
    const after = /([\d.]+) s per program after the first/.exec(summary);
    // Anchor: python3's own start-up, once per program (its runs would also sleep in real time).
    const pyStart = median(Array.from({ length: reps }, () => wall('python3', [empty]).ms));
    const perAfter = after ? Number(after[1]) * 1000 : NaN;
    console.log(`  record ${files.length} gallery programs: ${(rec.ms / 1000).toFixed(2)} s in all, ${(perAfter / 1000).toFixed(2)} s per program after the first (target <= 0.3 s) | python3 start-up ${(pyStart / 1000).toFixed(3)} s | per program after the first ${(perAfter / pyStart).toFixed(1)}x python3's start-up\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
