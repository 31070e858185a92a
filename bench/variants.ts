// Recording cost of several versions of the runtime's Python package side by
// side, each on its own Pyodide in this one process, against the floor
// (asyncio's stock loop in the same Pyodide, nothing recorded): runs
// alternate, and each is timed in CPU time. On a machine shared with other
// work, wall-clock figures of separate runs moved by 2-3x; the ratios of
// alternating runs in one process are what held still enough to read
// (docs/NOTES.md, "Performance").
//
//   git archive BASE src/runtime/python | tar -x -C /tmp/base
//   npx tsx bench/variants.ts [--rounds N] [--div D] /tmp/base/src/runtime/python src/runtime/python
//
// A variant is a package directory, optionally `:BUDGET` (the CPU budget; 0
// switches the jump counting off). --div divides the bench programs' sizes
// (default 3: about 10^5 steps each); PROGS=callbacks,timers picks programs.
// Prints, per program and variant: the best µs per step, and the median over
// the rounds of the ratio to the first variant and to the floor.

import { readFileSync } from 'node:fs';
import { loadPyodide } from 'pyodide';
import { LoopscopeRuntime, type PyodideLike } from '../src/runtime/core.ts';
import { pythonPackage } from '../src/runtime/python-package.ts';
import { readPythonSources } from '../src/runtime/python-sources.mjs';
import { pyodideFloor } from './pyodide-floor.ts';

const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  if (i < 0) return dflt;
  const v = Number(args[i + 1]);
  args.splice(i, 2);
  return v;
};
const rounds = opt('--rounds', 6);
const div = opt('--div', 3);
const progs = (process.env.PROGS ?? 'callbacks,tasks-sleep0,timers').split(',');
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const variants: Array<{ name: string; rt: LoopscopeRuntime; budget: number }> = [];
for (const v of args.length ? args : ['src/runtime/python']) {
  const [dir, b] = v.split(':');
  const py = (await loadPyodide({ _sysExecutable: './this.program' } as Parameters<typeof loadPyodide>[0])) as unknown as PyodideLike;
  variants.push({ name: v, rt: await LoopscopeRuntime.create(py, pythonPackage(readPythonSources(dir))), budget: b === undefined ? 1e9 : Number(b) });
}
const floor = await pyodideFloor();
// Warm-up: the first runs after loading are slower (the wasm is not yet optimised).
const warm = 'import asyncio\nasync def w():\n    for i in range(300):\n        await asyncio.sleep(0.001)\nasyncio.run(w())\n';
for (let i = 0; i < 5; i++) {
  for (const v of variants) v.rt.run(warm, { filename: 'w.py' });
  floor(warm);
}
for (const p of progs) {
  const f = `${p}.py`;
  const source = readFileSync(new URL(`./programs/${f}`, import.meta.url), 'utf8').replace(/^(\w+) = ([\d_]+)$/gm, (_m, n, v) => `${n} = ${Math.max(1, Math.floor(Number(v.replace(/_/g, '')) / div))}`);
  const times = variants.map(() => [] as number[]);
  const stock: number[] = [];
  let steps = 0;
  for (let r = 0; r < rounds; r++) {
    const t = cpu();
    floor(source);
    stock.push(cpu() - t);
    variants.forEach((v, k) => {
      const t0 = cpu();
      const res = v.rt.run(source, { filename: f, maxSteps: 5e7, cpuBudget: v.budget, maxOutputBytes: 1 << 20 });
      times[k].push(cpu() - t0);
      steps = res.trace.steps.length;
    });
  }
  const us = (s: number) => ((s * 1e6) / steps).toFixed(2);
  console.log(`${f} ${steps.toLocaleString('en')} steps; floor best ${us(Math.min(...stock))} µs/step`);
  variants.forEach((v, k) =>
    console.log(`  ${v.name.padEnd(40)} best ${us(Math.min(...times[k]))} µs/step   median ratio: to the first ${median(times[k].map((x, i) => x / times[0][i])).toFixed(2)}, to the floor ${median(times[k].map((x, i) => x / stock[i])).toFixed(2)}`),
  );
}
