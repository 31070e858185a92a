"""What a run changes in the interpreter, and puts back afterwards.

- asyncio's Future/Task become our instrumented subclasses; the event-loop
  policy becomes CPython 3.11's (module-level get_event_loop() makes a loop);
  asyncio.run is the stdlib one (Pyodide replaces it with a WebLoop version).
- asyncio.coroutine: removed from CPython in 3.11; tutorials still use it, so
  we supply the 3.10 behaviour (generator-based coroutines with `yield from`).
- time.sleep blocks the loop for that long in *virtual* time (and the trace
  records the stall); time.time/monotonic/perf_counter read the virtual clock.
"""

import asyncio
import collections.abc
import functools
import inspect
import sys
import time
import types
from asyncio import base_events, coroutines, events, futures, tasks

from . import bridge
from .objects import Future, Task
from .wire import BLOCK_EXECUTOR, BLOCK_SLEEP
# The marker asyncio.iscoroutinefunction() still looks for (as 3.10's did):
# with our own object, decorated functions would not count as coroutine functions.
_is_coroutine = getattr(coroutines, "_is_coroutine", None) or object()


def coroutine(func):
    """asyncio.coroutine as it was in CPython 3.10 (without debug wrappers)."""
    if inspect.iscoroutinefunction(func):
        return func
    if inspect.isgeneratorfunction(func):
        coro = func
    else:
        @functools.wraps(func)
        def coro(*args, **kw):
            res = func(*args, **kw)
            if futures.isfuture(res) or inspect.isgenerator(res):
                res = yield from res
            else:
                try:
                    await_meth = res.__await__
                except AttributeError:
                    pass
                else:
                    if isinstance(res, collections.abc.Awaitable):
                        res = yield from await_meth()
            return res
    wrapper = types.coroutine(coro)
    wrapper._is_coroutine = _is_coroutine
    return wrapper


def _virtual_sleep(secs):
    if not isinstance(secs, (int, float)):
        raise TypeError(f"'{type(secs).__name__}' object cannot be interpreted as an integer or float")
    if secs < 0:
        raise ValueError("sleep length must be non-negative")
    R = bridge.current
    if R is None:
        return
    if R.in_executor is not None:
        R.block(float(secs), BLOCK_EXECUTOR, f"{R.in_executor}: time.sleep({secs})")
    else:
        R.block(float(secs), BLOCK_SLEEP, f"time.sleep({secs})")


class _Saved:
    pass


_saved = None


def install(run):
    """Patch the interpreter for one run. Returns nothing; uninstall() undoes it."""
    global _saved
    from .loop import Policy

    s = _Saved()
    s.asyncio = {k: getattr(asyncio, k, None) for k in ("Future", "Task", "run", "coroutine")}
    s.tasks_Task = tasks.Task
    s.futures_Future = futures.Future
    s.base_futures = getattr(base_events, "futures", None)
    s.policy = events._event_loop_policy
    s.running = events._get_running_loop()
    s.time = {k: getattr(time, k) for k in ("sleep", "time", "monotonic", "perf_counter",
                                            "time_ns", "monotonic_ns", "perf_counter_ns")}
    s.executable = sys.executable
    s.iscoroutine_types = getattr(coroutines, "_COROUTINE_TYPES", None)
    s.iscoroutine_cache = getattr(coroutines, "_iscoroutine_typecache", None)
    _saved = s

    asyncio.Future = futures.Future = Future
    asyncio.Task = tasks.Task = Task
    asyncio.run = asyncio.runners.run
    asyncio.coroutine = coroutine
    # Generator-based coroutines count as coroutines again (as before 3.12).
    coroutines._COROUTINE_TYPES = (types.CoroutineType, collections.abc.Coroutine, types.GeneratorType)
    if isinstance(s.iscoroutine_cache, set):
        coroutines._iscoroutine_typecache = set()
    events._event_loop_policy = Policy()
    events._set_running_loop(None)
    # What subprocess examples start for a Python child (net/python_child.py).
    sys.executable = "/usr/bin/python3"

    wall0 = s.time["time"]()

    def now():
        return run.now()

    time.sleep = _virtual_sleep
    time.monotonic = now
    time.perf_counter = now
    time.time = lambda: wall0 + run.now()
    time.monotonic_ns = lambda: int(run.now() * 1e9)
    time.perf_counter_ns = lambda: int(run.now() * 1e9)
    time.time_ns = lambda: int((wall0 + run.now()) * 1e9)


def uninstall():
    s = _saved
    if s is None:
        return
    for k, v in s.asyncio.items():
        if v is None:
            if hasattr(asyncio, k):
                delattr(asyncio, k)
        else:
            setattr(asyncio, k, v)
    tasks.Task = s.tasks_Task
    futures.Future = s.futures_Future
    sys.executable = s.executable
    events._event_loop_policy = s.policy
    events._set_running_loop(s.running)
    for k, v in s.time.items():
        setattr(time, k, v)
    if s.iscoroutine_types is not None:
        coroutines._COROUTINE_TYPES = s.iscoroutine_types
    if isinstance(s.iscoroutine_cache, set):
        coroutines._iscoroutine_typecache = set()
