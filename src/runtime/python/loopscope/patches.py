"""What a run changes in the interpreter, and puts back afterwards.

- asyncio's Future/Task become our instrumented subclasses; the event-loop
  policy becomes CPython 3.11's (module-level get_event_loop() makes a loop);
  asyncio.run is the stdlib one (Pyodide replaces it with a WebLoop version).
- asyncio.coroutine: removed from CPython in 3.11; tutorials still use it, so
  we supply the 3.10 behaviour (generator-based coroutines with `yield from`).
- time.sleep blocks the loop for that long in *virtual* time (and the trace
  records the stall); time.time/monotonic/perf_counter read the virtual clock.
- asyncio's socket and pipe code sees the simulated network (net/shims.py);
  errno has the Linux numbers the simulated network reports (net/addr.py);
  socket.socketpair() in the program is a pair of the simulated network.
- Every loop the program makes from asyncio's names is Loopscope's; other
  loops run on virtual time (foreign.py). Thread waits block on virtual time
  (waits.py); os.kill / signal.raise_signal / os._exit act as on Linux
  (signals.py); tracebacks leave out our frames (frames.py).

Every change goes through _set, which remembers what was there, and
uninstall() puts it all back: after a run the interpreter's asyncio, time,
sys and errno are as they were (tests/compat.test.ts checks that).
"""

import asyncio
import collections.abc
import errno
import functools
import inspect
import socket
import sys
import time
import types
import warnings
from asyncio import coroutines, events, futures, tasks

from . import bridge, foreign, frames, signals, waits
from .objects import Future, GatheringFuture, Task
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
    _decorated_codes.add(wrapper.__code__)
    return wrapper


# Code objects of generator functions made by coroutine() above: their
# generators, and only theirs, count as coroutines (as in 3.10 for them; since
# 3.12 asyncio.wait() takes a plain generator of tasks).
_decorated_codes = set()


class _DecoratedGeneratorMeta(type):
    def __instancecheck__(cls, obj):
        return type(obj) is types.GeneratorType and obj.gi_code in _decorated_codes


class _DecoratedGenerator(metaclass=_DecoratedGeneratorMeta):
    """In asyncio's coroutine types: a generator of an @asyncio.coroutine function."""


class _TypeCache(set):
    """asyncio.iscoroutine's type cache, minus generators: whether one counts
    depends on its function, not its type."""

    def add(self, t):
        if t is not types.GeneratorType:
            set.add(self, t)


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


def _warn_unawaited_coroutine(coro):
    """warnings._warn_unawaited_coroutine, attributed to the frame that dropped
    the coroutine as CPython would show it: not one of ours (frames.py). When
    only ours are left, the program has ended: like a coroutine collected at
    CPython's shutdown, the warning reads "<sys>:0: RuntimeWarning: ..." with no
    source line and no tracemalloc hint (CPython can no longer import it then)."""
    frame, lineno = frames.caller(sys._getframe(1))
    msg_lines = [f"coroutine '{coro.__qualname__}' was never awaited\n"]
    # At exit python3 prints no "Coroutine created at" lines (origin tracking is off by then).
    if coro.cr_origin is not None and frame is not None:
        import linecache
        import traceback
        msg_lines.append("Coroutine created at (most recent call last)\n")
        msg_lines += traceback.format_list([(f, n, name, linecache.getline(f, n))
                                            for f, n, name in reversed(coro.cr_origin)])
    msg = "".join(msg_lines).rstrip("\n")
    if frame is None:
        g, filename, lineno, source = sys.__dict__, "<sys>", 0, None
    else:
        g, filename, source = frame.f_globals, frame.f_code.co_filename, coro
    registry = g.setdefault("__warningregistry__", {})
    warnings.warn_explicit(msg, RuntimeWarning, filename, lineno, g.get("__name__", "<string>"),
                           registry, g, source=source)


# What install() changed, to put back in reverse order: (object, name, had it, old value).
_undo = []
_installed = False
_saved_running = None
_saved_errorcode = None


def _set(obj, name, value):
    """Set obj.name for this run, remembering what was there (or that nothing was)."""
    own = vars(obj)
    _undo.append((obj, name, name in own, own.get(name)))
    setattr(obj, name, value)


# asyncio's names for its default policy and loop, where asyncio looks them up:
# events._init_event_loop_policy imports unix_events._DefaultEventLoopPolicy, and
# asyncio.DefaultEventLoopPolicy (deprecated in 3.14) reads it through __getattr__.
_LOOP_CLASSES = ("_DefaultEventLoopPolicy", "SelectorEventLoop", "EventLoop")


def _loop_modules():
    return [m for m in (asyncio, sys.modules.get("asyncio.unix_events")) if m is not None]


def install(run):
    """Patch the interpreter for one run. Returns nothing; uninstall() undoes all of it."""
    global _installed, _saved_running, _saved_errorcode
    from .loop import Policy
    from .net import addr, shims

    uninstall()  # a run that never reached its uninstall() leaves nothing behind
    _installed = True
    _saved_running = events._get_running_loop()
    wall0 = time.time()

    _set(asyncio, "Future", Future)
    _set(futures, "Future", Future)
    _set(asyncio, "Task", Task)
    _set(tasks, "Task", Task)
    _set(tasks, "_GatheringFuture", GatheringFuture)
    _set(asyncio, "run", asyncio.runners.run)
    _set(asyncio, "coroutine", coroutine)
    # Generators of @asyncio.coroutine functions count as coroutines (no other generator does).
    _set(coroutines, "_COROUTINE_TYPES", (types.CoroutineType, collections.abc.Coroutine, _DecoratedGenerator))
    _set(coroutines, "_iscoroutine_typecache", _TypeCache())
    _set(events, "_event_loop_policy", Policy())
    events._set_running_loop(None)
    # asyncio's own default policy and selector loop would wait in a real select()
    # forever: set_event_loop_policy(None), asyncio.SelectorEventLoop() and
    # subclasses of DefaultEventLoopPolicy get the virtual ones.
    from .loop import VirtualEventLoop
    for m in _loop_modules():
        for name in _LOOP_CLASSES:
            if name in vars(m):
                _set(m, name, Policy if name.endswith("Policy") else VirtualEventLoop)
        if "_UnixDefaultEventLoopPolicy" in vars(m):
            # Code that names the policy class itself still gets Loopscope's loop from it.
            _set(m._UnixDefaultEventLoopPolicy, "_loop_factory", VirtualEventLoop)
    # Loops built on BaseEventLoop itself run on virtual time (foreign.py); thread
    # waits block on it (waits.py); signals a program sends itself are delivered
    # as on Linux (signals.py); tracebacks leave out our frames (frames.py).
    for module in (foreign, waits, signals, frames):
        for obj, name, value in module.patches():
            _set(obj, name, value)
    _set(warnings, "_warn_unawaited_coroutine", _warn_unawaited_coroutine)
    # What subprocess examples start for a Python child (net/python_child.py).
    _set(sys, "executable", "/usr/bin/python3")
    # asyncio's socket and pipe code sees the simulated network (net/shims.py),
    # and errno the Linux numbers it reports (net/addr.py).
    for obj, name, value in shims.patches():
        _set(obj, name, value)
    # socket.socketpair() (the Python docs' examples of add_reader and of
    # registering an open socket): a pair of the simulated network.
    _set(socket, "socketpair", shims.program_socketpair)
    _saved_errorcode = dict(errno.errorcode)
    for name, code in addr.ERRNO_NAMES.items():
        old = getattr(errno, name, None)
        _set(errno, name, code)
        if old is not None and errno.errorcode.get(old) == name:
            del errno.errorcode[old]
        errno.errorcode[code] = name

    def now():
        return run.now()

    _set(time, "sleep", _virtual_sleep)
    _set(time, "monotonic", now)
    _set(time, "perf_counter", now)
    _set(time, "time", lambda: wall0 + run.now())
    _set(time, "monotonic_ns", lambda: int(run.now() * 1e9))
    _set(time, "perf_counter_ns", lambda: int(run.now() * 1e9))
    _set(time, "time_ns", lambda: int((wall0 + run.now()) * 1e9))


def at_exit():
    """After isolation.release() has put asyncio and the stdlib back, the last
    finalizers still print as at CPython's exit: no frames of ours in their
    tracebacks, unawaited coroutines attributed as at shutdown (uninstall()
    puts these back too)."""
    for obj, name, value in frames.patches():
        _set(obj, name, value)
    _set(warnings, "_warn_unawaited_coroutine", _warn_unawaited_coroutine)


def release_policy():
    """At the end of a run, while it still records: the loop policy (ours or one the
    program set) lets go of the program's loop, so that the run's last collection
    finalizes that loop and its tasks in this run, as python3 does at exit."""
    from .loop import Policy

    events._event_loop_policy = Policy()


def uninstall():
    """Put back everything install() changed (idempotent)."""
    global _installed, _saved_running, _saved_errorcode
    if not _installed:
        return
    _installed = False
    while _undo:
        obj, name, had, old = _undo.pop()
        if had:
            setattr(obj, name, old)
        elif name in vars(obj):
            delattr(obj, name)
    if _saved_errorcode is not None:
        errno.errorcode.clear()
        errno.errorcode.update(_saved_errorcode)
        _saved_errorcode = None
    events._set_running_loop(_saved_running)
    _saved_running = None
