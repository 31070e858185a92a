// Loading the runtime in Node (CLI, tests, bench): Pyodide straight from the
// npm package, the Python sources from src/runtime/python on disk.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPyodide } from 'pyodide';
import { LoopscopeRuntime, type PyodideLike, type PythonSources } from './core.ts';

const PY_DIR = join(dirname(fileURLToPath(import.meta.url)), 'python');

export function readPythonSources(dir = PY_DIR): PythonSources {
  const out: PythonSources = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
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

let shared: Promise<LoopscopeRuntime> | null = null;

/** One runtime per process: loading Pyodide takes 2-4 s. */
export function nodeRuntime(): Promise<LoopscopeRuntime> {
  shared ??= (async () => {
    // Pyodide's own stdout/stderr (not the user's: runs replace sys.stdout) go to stderr.
    const py = await loadPyodide({ stdout: (s: string) => process.stderr.write(s + '\n'), stderr: (s: string) => process.stderr.write(s + '\n') });
    return LoopscopeRuntime.create(py as unknown as PyodideLike, readPythonSources());
  })();
  return shared;
}
