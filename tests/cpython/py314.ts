// `npx tsx tests/cpython/py314.ts PROG.py`: run a program on CPython 3.14
// (plain Pyodide, asyncio's stock loop with the baseline's virtual clock from
// harness.py, no Loopscope) and print its stdout, then its stderr after a
// line '--- stderr'. For checking what 3.14 prints where it differs from this
// machine's python3 (3.11), before writing a program's expected output.
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadPyodide } from 'pyodide';
import { HERE } from './config.ts';

const file = process.argv[2];
const out: string[] = [];
const err: string[] = [];
const py = await loadPyodide({ stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
py.FS.mkdirTree('/harness');
py.FS.writeFile('/harness/_ls_cpython.py', readFileSync(join(HERE, 'harness.py'), 'utf8'));
py.FS.writeFile(`/home/pyodide/${basename(file)}`, readFileSync(file, 'utf8'));
py.runPython('import sys\nsys.path.insert(0, "/harness")\nimport _ls_cpython\n_ls_cpython.install_stock()');
py.runPython(`
import runpy, sys, traceback
sys.argv = [${JSON.stringify(basename(file))}]
try:
    runpy.run_path(${JSON.stringify(basename(file))}, run_name="__main__")
except SystemExit:
    pass
except BaseException:
    traceback.print_exc()
`);
process.stdout.write(out.join('\n') + (out.length ? '\n' : '') + '--- stderr\n' + err.join('\n') + '\n');
