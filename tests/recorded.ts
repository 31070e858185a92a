// Traces of real programs, recorded through the real runtime (Pyodide in
// Node), for tests that check what users see: narration sentences, panel
// layouts. One runtime per test file (loading it takes 2-4 s).

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import type { Trace } from '../src/trace/schema.ts';

const EXAMPLES = join(import.meta.dirname, '..', 'src', 'examples');

/** Run `source` as `python3 main.py` would and return the whole result (trace, output, exit status). */
export async function record(source: string, filename = 'main.py'): Promise<RunResult> {
  return (await nodeRuntime()).run(source, { filename });
}

/** The trace of a program given as lines (joined with newlines, one at the end). */
export async function recordLines(...lines: string[]): Promise<Trace> {
  return (await record(lines.join('\n') + '\n')).trace;
}

/** The trace of the gallery example src/examples/NAME.py. */
export async function recordExample(name: string): Promise<Trace> {
  return (await record(readFileSync(join(EXAMPLES, `${name}.py`), 'utf8'), `${name}.py`)).trace;
}
