"""Waits for another thread, where there are no threads.

The browser has no threads, so a thread-blocking wait (threading.Condition
.wait, and everything built on it: Event.wait, Semaphore.acquire, Barrier,
queue.Queue.get, concurrent.futures.Future.result) can only end by timing out:
nobody else can ever notify it. During a run, Condition.wait therefore
- with a timeout, blocks for that long on virtual time (recorded like
  time.sleep) and returns False, as it would with nobody notifying;
- without one, would wait forever: the run ends instead, with a message that
  says what waited and why. The usual case is a function that run_in_executor
  runs in place calling asyncio.run_coroutine_threadsafe(coro, loop).result():
  it waits for the loop it is blocking.
"""

import threading

from . import bridge

from .wire import BLOCK_EXECUTOR, BLOCK_SLEEP, LIMIT_IDLE
_STDLIB_WAITERS = ("threading", "queue", "concurrent.futures._base", "concurrent.futures.thread")


def _waiter(frame):
    """What the program called that ended in this wait: 'Future.result()', 'Event.wait()'..."""
    name = "Condition.wait()"
    while frame is not None and frame.f_globals.get("__name__") in _STDLIB_WAITERS:
        name = frame.f_code.co_qualname + "()"
        frame = frame.f_back
    return name


def condition_wait(self, timeout=None):
    """threading.Condition.wait during a run (see the module's docstring)."""
    if not self._is_owned():
        raise RuntimeError("cannot wait on un-acquired lock")
    R = bridge.current
    if R is None:
        return _saved["wait"](self, timeout)
    import sys
    what = _waiter(sys._getframe(1))
    if timeout is not None:
        if timeout > 0:
            if R.in_executor is not None:
                R.block(float(timeout), BLOCK_EXECUTOR, f"{R.in_executor}: {what} times out")
            else:
                R.block(float(timeout), BLOCK_SLEEP, f"{what} times out")
        return False
    from .loop import LoopscopeLimit
    if R.in_executor is not None:
        msg = (f"{what} in {R.in_executor}() waits for another thread, and the browser has none: "
               f"run_in_executor runs {R.in_executor}() in place, so the event loop it waits for "
               "cannot run until it returns (with threads, it would run on one; here it is a "
               "deadlock that would never end)")
    else:
        msg = (f"{what} waits for another thread to notify it, and the browser has no threads, "
               "so nothing ever can: it would wait forever")
    raise LoopscopeLimit(LIMIT_IDLE, msg)


_saved = {"wait": threading.Condition.wait}  # the interpreter's own


def patches():
    """(object, name, value) to set for one run (patches.py sets and puts back)."""
    import queue
    # The clocks threading and queue took from time at import: a timed wait
    # loops until its deadline on them, so they must read the virtual clock too.
    return [(threading.Condition, "wait", condition_wait),
            (threading, "_time", _monotonic), (queue, "time", _monotonic)]


def _monotonic():
    import time
    return time.monotonic()  # the virtual clock while a run is on (patches.py)
