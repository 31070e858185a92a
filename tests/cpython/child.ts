// One Pyodide running CPython's asyncio tests for tests/cpython/suite.ts, in a
// child process so that the parent can stop a test that never returns (the
// last resort behind Loopscope's own caps). Mode from argv: 'loopscope' or
// 'stock'. Reads one JSON command per line on stdin, answers one JSON line:
//   {"list": "test.test_asyncio.test_locks"} -> {"ids": [...]} | {"error": "..."}
//   {"run": "test.test_asyncio.test_locks.LockTests.test_repr"} -> {"outcome", "message"}

import { createInterface } from 'node:readline';
import { loadPyodide } from 'pyodide';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LoopscopeRuntime, type PyodideLike } from '../../src/runtime/core.ts';
import { pythonPackage } from '../../src/runtime/python-package.ts';
import { readPythonSources } from '../../src/runtime/python-sources.mjs';
import { CPYTHON_TESTS, HERE, PER_TEST } from './config.ts';

const MOUNT = '/cpython';
const HARNESS_DIR = '/cpython_harness';
const mode = process.argv[2];

const py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
py.FS.mkdirTree(MOUNT);
py.FS.mount(py.FS.filesystems.NODEFS, { root: CPYTHON_TESTS }, MOUNT);
py.FS.mkdirTree(HARNESS_DIR);
py.FS.writeFile(`${HARNESS_DIR}/_ls_cpython.py`, readFileSync(join(HERE, 'harness.py'), 'utf8'));
py.runPython(`import sys\nsys.path.insert(0, ${JSON.stringify(HARNESS_DIR)})\nimport _ls_cpython\n_ls_cpython.setup(${JSON.stringify(MOUNT + '/Lib')})`);
const rt = mode === 'loopscope' ? await LoopscopeRuntime.create(py as unknown as PyodideLike, pythonPackage(readPythonSources())) : null;
if (!rt) py.runPython('_ls_cpython.install_stock()');

function take(key: string): unknown {
  const v = py.runPython(`_ls_cpython.results.pop(${JSON.stringify(key)}, None)`) as { toJs(): unknown; destroy(): void } | undefined;
  if (v === undefined || v === null) return null;
  const js = v.toJs();
  v.destroy();
  return js;
}

/** Call a harness function: as a Loopscope run (the test is the program), or directly on the stock loop. */
function call(expr: string): { exit: number; stderr: string } {
  if (rt) {
    const r = rt.run(`import _ls_cpython\n_ls_cpython.${expr}\n`, { filename: `${HARNESS_DIR}/run_test.py`, ...PER_TEST });
    return { exit: r.exitCode, stderr: r.stderr };
  }
  try {
    py.runPython(`_ls_cpython.${expr}`);
    return { exit: 0, stderr: '' };
  } catch (e) {
    return { exit: 1, stderr: String(e) };
  }
}

const tail = (s: string) => s.trim().split('\n').slice(-3).join(' | ');

function handle(cmd: { list?: string; run?: string }): unknown {
  if (cmd.list) {
    const r = call(`list_tests(${JSON.stringify(cmd.list)})`);
    const ids = take('__list__');
    return ids ? { ids } : { error: `could not list ${cmd.list}: exit ${r.exit}: ${r.stderr}` };
  }
  const id = cmd.run!;
  const r = call(mode === 'stock' ? `run_one_stock(${JSON.stringify(id)})` : `run_one(${JSON.stringify(id)})`);
  const got = take(id) as [string, string] | null;
  let [outcome, message] = got ?? ['error', 'no result'];
  if (r.exit !== 0) {
    // A cap or a crash ended the run: the test fails with what stopped it.
    outcome = 'error';
    // Loopscope's own line says which cap; finalizers may print after it (a loop closed at exit).
    const stopped = r.stderr.split('\n').filter((l) => l.startsWith('Loopscope stopped')).join(' | ');
    message = `the run ended with exit status ${r.exit}: ${stopped || tail(r.stderr)}\n${message}`;
  }
  return { outcome, message };
}

process.stdout.write(JSON.stringify({ ready: true }) + '\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (!line.trim()) continue;
  let answer: unknown;
  try {
    answer = handle(JSON.parse(line));
  } catch (e) {
    answer = { outcome: 'error', message: `the test process failed: ${e instanceof Error ? e.message : String(e)}`, error: String(e) };
  }
  if (process.env.LS_CPY_MEM) (answer as Record<string, unknown>).mem = (py as unknown as { _module: { HEAP8: Int8Array } })._module.HEAP8.length;
  process.stdout.write(JSON.stringify(answer) + '\n');
}
