// Digests of the recorded trace of every program Loopscope is tested on (the
// shared corpus and its seeds, tests/programs, the gallery, the golden set),
// one line each: `name digest`. For changes that must keep every recorded
// fact (the recording's speed work): run it before and after, and diff.
//   npx tsx scripts/trace-digests.ts > /tmp/before.txt   (on the base)
//   npx tsx scripts/trace-digests.ts > /tmp/after.txt && diff /tmp/before.txt /tmp/after.txt
// or, for a change of the Python package only, in one tree:
//   git archive BASE src/runtime/python | tar -x -C /tmp/base
//   npx tsx scripts/trace-digests.ts --python /tmp/base/src/runtime/python > /tmp/before.txt
// (--python: that package on a plain Pyodide, with this tree's TypeScript).
// Each line has two digests: of the trace in tests/golden/golden.ts's form
// (everything but the wall time and memory addresses), and of the same with
// each step's events sorted (orderFreeText): programs that iterate sets of
// tasks change order with the heap's layout, so after any edit of the runtime's
// Python files only their second digest can be compared.

import { join } from 'node:path';
import { loadPyodide } from 'pyodide';
import { LoopscopeRuntime, type PyodideLike } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { pythonPackage } from '../src/runtime/python-package.ts';
import { readPythonSources } from '../src/runtime/python-sources.mjs';
import { GALLERY, loadCases, OWN_PROGRAMS, SHARED_CORPUS } from '../tests/programs.ts';
import { digest, GOLDEN_OPTIONS, goldenText, orderFreeText } from '../tests/golden/golden.ts';
import { readdirSync, readFileSync } from 'node:fs';

const at = process.argv.indexOf('--python');
const runtime = at < 0
  ? await nodeRuntime()
  : await LoopscopeRuntime.create(
      (await loadPyodide({ _sysExecutable: './this.program' } as Parameters<typeof loadPyodide>[0])) as unknown as PyodideLike,
      pythonPackage(readPythonSources(process.argv[at + 1])),
    );
const golden = join(OWN_PROGRAMS, '..', 'golden', 'programs');
const sets: Array<[string, Array<{ name: string; source: string }>]> = [
  ['corpus', loadCases(SHARED_CORPUS)],
  ['seeds', loadCases(join(SHARED_CORPUS, 'seeds'))],
  ['own', loadCases(OWN_PROGRAMS)],
  ['gallery', loadCases(GALLERY)],
  ['golden', readdirSync(golden).filter((f) => f.endsWith('.trace.json')).map((f) => ({ name: f.slice(0, -'.trace.json'.length), source: (JSON.parse(readFileSync(join(golden, f), 'utf8')) as { meta: { source: string } }).meta.source }))],
];
for (const [set, cases] of sets) {
  for (const c of cases) {
    const trace = runtime.run(c.source, { ...GOLDEN_OPTIONS, filename: `${c.name}.py` }).trace;
    console.log(`${set}/${c.name} ${digest(goldenText(trace))} ${digest(orderFreeText(trace))}`);
  }
}
