// Loading the runtime in Node (CLI, tests, bench): Pyodide straight from the
// npm package, the Python sources from src/runtime/python on disk.

import { loadPyodide } from 'pyodide';
import { LoopscopeRuntime, type PyodideLike } from './core.ts';
import { readPythonSources } from './python-sources.mjs';

// Shared with scripts/make-snapshot.mjs (plain Node), so both read the same files.
export { readPythonSources };

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
