// Digests of the recorded trace of every program Loopscope is tested on (the
// shared corpus and its seeds, tests/programs, the gallery, the golden set),
// one line each: `name digest`. For changes that must keep every recorded
// fact (the recording's speed work): run it before and after, and diff.
//   npx tsx scripts/trace-digests.ts > /tmp/before.txt   (on the base)
//   npx tsx scripts/trace-digests.ts > /tmp/after.txt && diff /tmp/before.txt /tmp/after.txt
// The trace is tests/golden/golden.ts's form (everything but the wall time).

import { join } from 'node:path';
import { nodeRuntime } from '../src/runtime/node.ts';
import { GALLERY, loadCases, OWN_PROGRAMS, SHARED_CORPUS } from '../tests/programs.ts';
import { digest, goldenRun } from '../tests/golden/golden.ts';
import { readdirSync, readFileSync } from 'node:fs';

const runtime = await nodeRuntime();
const golden = join(OWN_PROGRAMS, '..', 'golden', 'programs');
const sets: Array<[string, Array<{ name: string; source: string }>]> = [
  ['corpus', loadCases(SHARED_CORPUS)],
  ['seeds', loadCases(join(SHARED_CORPUS, 'seeds'))],
  ['own', loadCases(OWN_PROGRAMS)],
  ['gallery', loadCases(GALLERY)],
  ['golden', readdirSync(golden).filter((f) => f.endsWith('.py')).map((f) => ({ name: f.slice(0, -3), source: readFileSync(join(golden, f), 'utf8') }))],
];
for (const [set, cases] of sets) {
  for (const c of cases) console.log(`${set}/${c.name} ${digest(goldenRun(runtime, c.name, c.source))}`);
}
