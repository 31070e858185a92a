// Types for python-sources.mjs (plain JavaScript, shared with scripts/make-snapshot.mjs).

/** src/runtime/python */
export const PY_DIR: string;

/** The runtime's Python sources (*.py, no __pycache__), keyed by '/'-separated path relative to `dir`, in path order. */
export function readPythonSources(dir?: string): Record<string, string>;
