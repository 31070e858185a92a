// Before the test files start (each in its own worker, each starting its own
// Python): make the memory snapshot for this tree once, here, rather than in
// two workers at once. A no-op in ~0.1 s when it is cached.
import { spawnSync } from 'node:child_process';
import { pythonPackage } from '../src/runtime/python-package.ts';
import { readPythonSources } from '../src/runtime/python-sources.mjs';
// @ts-expect-error a plain .mjs script without types
import { childRun } from '../scripts/make-snapshot.mjs';

export default function setup(): void {
  if (process.env.LOOPSCOPE_SNAPSHOT === '0') return;
  const run = childRun(pythonPackage(readPythonSources())) as { args: string[]; input: string };
  const p = spawnSync(process.execPath, run.args, { input: run.input, stdio: ['pipe', 'ignore', 'inherit'] });
  // On failure the runtime loads Python plainly, with a warning (src/runtime/node.ts).
  if (p.status !== 0) console.warn(`[loopscope] could not make the memory snapshot (exit ${p.status}); tests load Python plainly`);
}
