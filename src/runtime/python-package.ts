// The runtime's Python package as it is loaded: the files of
// src/runtime/python plus `loopscope/wire.py`, generated here from the wire
// table (src/trace/wire.ts) so that Python's codes cannot drift from the
// TypeScript ones. Every place that loads the package goes through
// pythonPackage(): the worker (its files from import.meta.glob), the Node
// runtime (CLI, tests, bench: from disk) and the build's memory snapshot
// (scripts/make-snapshot.mjs), whose key is computed over the same set.
// Pure: no Node or DOM APIs.

import { Begin } from '../engine/engine.ts';
import { B, NO_ID, OWNER_CALLBACK_BASE, WIRE_ENUMS } from '../trace/wire.ts';
import type { PythonSources } from './core.ts';

/** Where the generated module goes in the package. */
export const WIRE_MODULE = 'loopscope/wire.py';

/** Every generated constant, name -> value, in the order the module defines them. */
export function wireConstants(): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (const [k, v] of Object.entries(B)) out.push([`B_${k}`, v]);
  for (const [prefix, e] of Object.entries(WIRE_ENUMS)) {
    for (const [k, v] of Object.entries(e as Record<string, number>)) out.push([`${prefix}_${k}`, v]);
  }
  for (const [k, v] of Object.entries(Begin)) out.push([`BEGIN_${k}`, v]);
  out.push(['NO_ID', NO_ID], ['OWNER_CALLBACK_BASE', OWNER_CALLBACK_BASE]);
  return out;
}

/** The text of loopscope/wire.py. */
export function wirePython(): string {
  const lines = [
    '"""The wire codes, generated from src/trace/wire.ts (and the engine\'s Begin codes)',
    'by src/runtime/python-package.ts when the package is loaded. Do not edit: change the',
    'table. B_* bridge records (a trace op keeps its code), TASK_* task states, BLOCK_*,',
    'LOOP_*, LIMIT_*, ERROR_*, NET_*, CONN_* the enums operands carry, BEGIN_* why the',
    'engine could not begin an iteration; NO_ID and OWNER_CALLBACK_BASE the id encodings."""',
    '',
  ];
  for (const [k, v] of wireConstants()) lines.push(`${k} = ${v}`);
  return lines.join('\n') + '\n';
}

/** The package as loaded: the given files plus the generated wire module. */
export function pythonPackage(files: PythonSources): PythonSources {
  if (WIRE_MODULE in files) throw new Error(`${WIRE_MODULE} is generated from src/trace/wire.ts: remove the file of that name`);
  return { ...files, [WIRE_MODULE]: wirePython() };
}
