// Before the test files start (each in its own worker, each starting its own
// Python): make the memory snapshot for this tree once, here, rather than in
// two workers at once. A no-op in ~0.1 s when it is cached.
import { spawnSync } from 'node:child_process';
// @ts-expect-error a plain .mjs script without types
import { SNAPSHOT_SCRIPT } from '../scripts/make-snapshot.mjs';

export default function setup(): void {
  if (process.env.LOOPSCOPE_SNAPSHOT === '0') return;
  const p = spawnSync(process.execPath, [SNAPSHOT_SCRIPT], { stdio: ['ignore', 'ignore', 'inherit'] });
  // On failure the runtime loads Python plainly, with a warning (src/runtime/node.ts).
  if (p.status !== 0) console.warn(`[loopscope] could not make the memory snapshot (exit ${p.status}); tests load Python plainly`);
}
