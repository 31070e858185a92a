// asyncio's private parts (src/runtime/python/loopscope/compat.py): the check
// passes on this Pyodide, names what changed when a part changes, and a run
// leaves asyncio (and time, errno, sys) as it found it.

import { loadPyodide } from 'pyodide';
import { beforeAll, describe, expect, it } from 'vitest';
import { LoopscopeRuntime, type PyodideLike } from '../src/runtime/core.ts';
import { pythonPackage } from '../src/runtime/python-package.ts';
import { readPythonSources } from '../src/runtime/python-sources.mjs';

interface Py extends PyodideLike {
  runPython(code: string): unknown;
}

let py: Py;
let rt: LoopscopeRuntime;
let beforeImport: Record<string, string>;

/**
 * id() of every attribute of the modules a run patches (asyncio's, time,
 * errno), the contents of errno.errorcode, the running loop and policy, and
 * the sys attributes a run swaps: what "as it found it" means.
 */
const FINGERPRINT = `
import asyncio, errno, json, sys, time
from asyncio import base_events, base_subprocess, coroutines, events, futures, runners, selector_events, tasks, unix_events
def _fingerprint():
    out = {}
    for m in (asyncio, base_events, base_subprocess, coroutines, events, futures, runners, selector_events, tasks,
              unix_events, time, errno):
        for k, v in vars(m).items():
            out[f"{m.__name__}.{k}"] = str(id(v))
    out["errno.errorcode"] = repr(sorted(errno.errorcode.items()))
    out["running loop"] = str(id(events._get_running_loop()))
    out["sys"] = repr([id(sys.stdout), id(sys.stderr), id(sys.stdin), sys.argv, sys.executable,
                       id(sys.modules.get("__main__")), sys.monitoring.get_tool(4)])
    return json.dumps(out)
_fingerprint()
`;

function fingerprint(): Record<string, string> {
  return JSON.parse(String(py.runPython(FINGERPRINT)));
}

beforeAll(async () => {
  py = (await loadPyodide({ stdout: () => {}, stderr: () => {} })) as unknown as Py;
  beforeImport = fingerprint();
  rt = await LoopscopeRuntime.create(py, pythonPackage(readPythonSources()));
});

describe('compat: asyncio private parts', () => {
  it('all fit this Pyodide (the package imported, so check() passed)', () => {
    const r = rt.run('import loopscope.compat as c\nprint(c.problems())\nprint(len(c.PARTS) > 30)\n');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('[]\nTrue\n');
  });

  it('names each part that changed, and what uses it', () => {
    const program = `
import loopscope.compat as c
from asyncio import base_subprocess, events
saved_set, saved_start = events._set_running_loop, base_subprocess.BaseSubprocessTransport._start
del events._set_running_loop
base_subprocess.BaseSubprocessTransport._start = lambda self, argv, shell: None
try:
    for p in c.problems():
        print(p)
    try:
        c.check()
    except ImportError as e:
        print("ImportError:", e)
finally:
    events._set_running_loop, base_subprocess.BaseSubprocessTransport._start = saved_set, saved_start
class Slotted:
    __slots__ = ("_callback",)
    def __init__(self):
        self._callback = None
c.PARTS = [(Slotted, ["_callback", "_repr"], c.SLOTS, "slots"), (Slotted, ["_callback", "_gone"], c.MENTIONS, "mentions")]
for p in c.problems():
    print(p)
`;
    const r = rt.run(program);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([
      'asyncio.events has no _set_running_loop (patches.install, loop.Policy, net/python_child.py)',
      expect.stringMatching(
        /^asyncio\.base_subprocess\.BaseSubprocessTransport\._start takes \(self, argv, shell\), expected \(self, args, shell, stdin, stdout, stderr, bufsize, \.\.\.\) \(net\/subprocess\.SimSubprocessTransport\._start\)$/,
      ),
      expect.stringMatching(
        /^ImportError: Loopscope does not fit this Python's asyncio \(3\.\d+\.\d+\): asyncio\.events has no _set_running_loop .*; asyncio\.base_subprocess\.BaseSubprocessTransport\._start takes .*\. Update src\/runtime\/python\/loopscope \(and compat\.py\) for it\.$/,
      ),
      expect.stringMatching(/Slotted has no slot _repr \(slots\)$/),
      expect.stringMatching(/Slotted no longer uses the attribute _gone \(mentions\)$/),
    ]);
  });

  it('a run leaves asyncio, time, errno and sys as it found them (before Loopscope was even imported)', () => {
    const afterImport = fingerprint();
    expect(afterImport).toEqual(beforeImport);
    // A run that patches everything: tasks, the network (socket shims, errno), a subprocess, time.
    const program = `
import asyncio, errno, sys, time
async def main():
    server = await asyncio.start_server(lambda r, w: w.close(), '127.0.0.1', 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection('127.0.0.1', port)
    await reader.read()
    writer.close()
    server.close()
    try:
        await asyncio.open_connection('127.0.0.1', 1)
    except ConnectionRefusedError as e:
        print(e.errno == errno.ECONNREFUSED == 111)
    p = await asyncio.create_subprocess_exec(sys.executable, '-c', 'print(1)', stdout=asyncio.subprocess.PIPE)
    print((await p.communicate())[0])
    time.sleep(0.5)
    print(time.monotonic())
asyncio.run(main())
`;
    const r = rt.run(program);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe("True\nb'1\\n'\n0.5\n");
    expect(fingerprint()).toEqual(beforeImport);
    // And after a run that ends in an uncaught exception, and one that hits a limit.
    expect(rt.run('import asyncio\nasync def f():\n    raise ValueError(1)\nasyncio.run(f())\n').exitCode).toBe(1);
    expect(rt.run('import asyncio\nasyncio.run(asyncio.Event().wait())\n').exitCode).toBe(3);
    expect(fingerprint()).toEqual(beforeImport);
  });
});
