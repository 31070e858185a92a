// Reading the runtime's Python sources (src/runtime/python) from disk, in Node:
// shared by the build script (scripts/make-snapshot.mjs, plain Node) and the
// Node runtime (src/runtime/node.ts: CLI, tests, bench). Plain JavaScript
// (types in python-sources.d.mts) because the script runs without a TypeScript step.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** src/runtime/python */
export const PY_DIR = join(dirname(fileURLToPath(import.meta.url)), 'python');

/** The runtime's Python sources (*.py, no __pycache__), keyed by '/'-separated path relative to `dir`, in path order. */
export function readPythonSources(dir = PY_DIR) {
  const out = {};
  const walk = (d) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) {
        if (name !== '__pycache__') walk(p);
      } else if (name.endsWith('.py')) {
        out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
      }
    }
  };
  walk(dir);
  return out;
}
