// The floor under Loopscope's per-step cost: the same program in the same
// Pyodide, on asyncio's stock BaseEventLoop with a virtual clock and nothing
// recorded. Loopscope's ratio to python3 = (this floor's ratio: CPython in
// WebAssembly) x (what the engine, instrumentation and trace add on top).

import { loadPyodide } from 'pyodide';

const STOCK_LOOP = `
import asyncio, sys, time as _time
from asyncio import base_events, events

class _Selector:
    def __init__(self, loop): self.loop = loop
    def select(self, timeout):
        if timeout: self.loop.now += timeout   # virtual time: jump, do not wait
        return []

class _StockLoop(base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self.now = 0.0
        self._selector = _Selector(self)
    def time(self): return self.now
    def _process_events(self, events): pass

class _Policy(events._AbstractEventLoopPolicy):
    def __init__(self): self.loop = None
    def new_event_loop(self): return _StockLoop()
    def get_event_loop(self):
        if self.loop is None: self.loop = _StockLoop()
        return self.loop
    def set_event_loop(self, loop): self.loop = loop

def run_stock(source):
    events._event_loop_policy = _Policy()
    events._set_running_loop(None)
    asyncio.run = asyncio.runners.run
    t = _time.perf_counter()
    exec(compile(source, "bench.py", "exec"), {"__name__": "__main__"})
    return _time.perf_counter() - t
`;

export async function pyodideFloor(): Promise<(source: string) => number> {
  const py = await loadPyodide({ stdout: () => {}, stderr: () => {} });
  py.runPython(STOCK_LOOP);
  const run = py.globals.get('run_stock') as (s: string) => number;
  run('import asyncio\nasync def m():\n    await asyncio.sleep(0)\nasyncio.run(m())\n'); // warm-up
  return (source) => run(source);
}
