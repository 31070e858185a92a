"""asyncio's private parts that Loopscope replaces, subclasses or reads, checked
on import.

The package builds on CPython internals: the C Future/Task it subclasses,
BaseEventLoop's _run_once/_call_soon and the attributes it reads, Handle slots
it fills through object.__new__, the selector transports' buffers, the
subprocess transport's _start, the module globals it swaps for a run. None of
that is API, so a Pyodide (CPython) upgrade may change any of it. Every such
name is listed here with what uses it; `problems()` checks them all and
`check()` (run by loopscope/__init__.py before anything else is imported)
fails with one message naming each part that changed, instead of a run going
wrong somewhere deep. tests/compat.test.ts runs it.
"""

import concurrent.futures.thread
import inspect
import queue
import selectors
import sys
import threading
import traceback
import warnings
from asyncio import (base_events, base_subprocess, coroutines, events, futures, runners, selector_events, tasks,
                     unix_events)

import _asyncio

# What the rows check: HAS the attribute exists; SLOTS the class declares
# these __slots__ (loop.py fills them through object.__new__); MENTIONS some
# method of the class reads or sets the instance attribute (set in __init__,
# so not visible on the class); PARAMS the attribute named first is a callable
# taking the parameters named after it as its leading ones (by name, in order).
HAS, SLOTS, MENTIONS, PARAMS = "has", "slots", "mentions", "params"


def _future_iter():
    class _NoLoop:
        def get_debug(self):
            return False
    return type(_asyncio.Future(loop=_NoLoop()).__await__())


# What `await c_future` leaves in a coroutine's cr_await: the C future's
# iterator (bridge.chain_id tells a one-line await chain by it). None if it
# cannot be made here; problems() then says so.
try:
    FUTURE_ITER = _future_iter()
except Exception:
    FUTURE_ITER = None


# (where, names, check, what uses it)
PARTS = [
    # The C Future and Task: our Future/Task subclass them; bridge.py and loop.py read their state.
    (_asyncio, ["Future", "Task"], HAS, "objects.py subclasses them"),
    (_asyncio.Future, ["_state", "_result", "_exception", "_source_traceback", "_asyncio_future_blocking",
                       "add_done_callback", "set_result", "set_exception", "cancel", "__await__"], HAS,
     "bridge.fut_text reads a finished future; objects.Future overrides the setters"),
    (_asyncio.Task, ["_fut_waiter", "_coro", "get_coro", "set_name", "add_done_callback"], HAS,
     "loop._run_once reads where a task waits after its step"),
    (_asyncio, ["Task", "coro", "loop", "name", "context", "eager_start"], PARAMS,
     "objects.Task.__init__ passes them on"),
    # Handles: loop.py builds them through object.__new__ and subclasses both.
    (events.Handle, ["_callback", "_args", "_cancelled", "_loop", "_source_traceback", "_repr", "_context"], SLOTS,
     "loop._call_soon sets the slots of a Handle made with object.__new__"),
    (events.Handle, ["_run", "cancel"], HAS, "loop.py runs handles; _Handle overrides cancel"),
    (events.Handle, ["__init__", "self", "callback", "args", "loop", "context"], PARAMS,
     "loop.add_signal_handler, loop._call_soon in debug mode"),
    (events.TimerHandle, ["_scheduled", "_when"], SLOTS, "loop.call_at sets them on a TimerHandle made with object.__new__"),
    (events.TimerHandle, ["__init__", "self", "when", "callback", "args", "loop", "context"], PARAMS, "loop.call_at"),
    # The event loop: VirtualEventLoop is a BaseEventLoop with its own scheduling.
    (base_events, ["BaseEventLoop", "logger", "_format_handle"], HAS, "loop.py (debug mode's slow-callback warning)"),
    (base_events.BaseEventLoop, ["_run_once", "_call_soon", "_timer_handle_cancelled", "_process_events",
                                 "_write_to_self", "_check_closed", "_check_thread", "_check_callback",
                                 "run_forever", "run_in_executor", "shutdown_default_executor",
                                 "set_default_executor", "_check_default_executor"], HAS,
     "loop.VirtualEventLoop overrides or calls them"),
    (base_events.BaseEventLoop, ["_stopping", "_debug", "_current_handle", "_clock_resolution",
                                 "_default_executor", "slow_callback_duration", "_selector",
                                 "_executor_shutdown_called", "_ready", "_scheduled"], MENTIONS,
     "loop.VirtualEventLoop reads or sets them (and shows _ready/_scheduled); foreign.py reads them"),
    # Other loops on virtual time (foreign.py) and every loop asyncio names being ours (patches.py).
    (unix_events, ["_UnixSelectorEventLoop", "_UnixDefaultEventLoopPolicy", "SelectorEventLoop", "EventLoop"], HAS,
     "loop.VirtualEventLoop subclasses _UnixSelectorEventLoop; patches.install swaps the others"),
    (unix_events._UnixDefaultEventLoopPolicy, ["_loop_factory"], HAS, "patches.install"),
    (selectors, ["DefaultSelector"], HAS, "foreign.patches (the simulated selector for other loops)"),
    (selector_events, ["logger"], HAS, "net.NetworkMixin.__init__ logs the selector as asyncio does"),
    # Executor functions run in place through concurrent.futures' own work item (loop.run_in_executor).
    (concurrent.futures.thread, ["WorkerContext", "_WorkItem"], HAS, "loop.run_in_executor"),
    (concurrent.futures.thread._WorkItem, ["run", "self", "ctx"], PARAMS, "loop.run_in_executor"),
    (concurrent.futures.thread._WorkItem, ["__init__", "self", "future", "task"], PARAMS, "loop.run_in_executor"),
    # Thread waits on virtual time (waits.py).
    (threading.Condition, ["wait", "_is_owned"], HAS, "waits.condition_wait replaces wait for a run"),
    (threading, ["_time"], HAS, "waits.patches (timed waits read the virtual clock)"),
    (queue, ["time"], HAS, "waits.patches (timed waits read the virtual clock)"),
    # Tracebacks without our frames (frames.py) and warnings of unawaited coroutines (patches.py).
    (traceback, ["_walk_tb_with_full_positions", "walk_tb", "walk_stack"], HAS, "frames.patches filters them"),
    (warnings, ["_warn_unawaited_coroutine"], HAS, "patches.install replaces it for a run"),
    (base_events.BaseEventLoop, ["_call_soon", "self", "callback", "args", "context"], PARAMS,
     "loop._call_soon replaces it"),
    # The policy and the running loop: patches.py and net/python_child.py swap them for a run.
    (events, ["_event_loop_policy", "_get_running_loop", "_set_running_loop", "_AbstractEventLoopPolicy"], HAS,
     "patches.install, loop.Policy, net/python_child.py"),
    (futures, ["Future"], HAS, "patches.install replaces futures.Future for a run"),
    (tasks, ["Task", "_GatheringFuture"], HAS, "patches.install replaces tasks.Task and gather's future class for a run"),
    (runners, ["run"], HAS, "patches.install makes asyncio.run the stdlib one"),
    # Generator-based coroutines (asyncio.coroutine): patches.py widens what counts as a coroutine.
    (coroutines, ["_COROUTINE_TYPES", "_iscoroutine_typecache", "_iscoroutinefunction"], HAS,
     "patches.install (generator coroutines), loop.add_signal_handler"),
    # The simulated network: NetworkMixin is a BaseSelectorEventLoop over simulated fds.
    (selector_events, ["BaseSelectorEventLoop", "_SelectorSocketTransport", "_SelectorDatagramTransport", "socket"],
     HAS, "net/ (socket is swapped for the shim during a run)"),
    (base_events, ["socket"], HAS, "net/shims.py swaps it for the simulated socket module during a run"),
    (unix_events, ["os", "_UnixReadPipeTransport", "_UnixWritePipeTransport"], HAS,
     "net/shims.py (os), NetworkMixin.connect_read_pipe / connect_write_pipe"),
    (unix_events._UnixReadPipeTransport, ["__init__", "self", "loop", "pipe", "protocol", "waiter"], PARAMS,
     "NetworkMixin.connect_read_pipe"),
    (unix_events._UnixWritePipeTransport, ["__init__", "self", "loop", "pipe", "protocol", "waiter"], PARAMS,
     "NetworkMixin.connect_write_pipe"),
    (selector_events.BaseSelectorEventLoop, ["_add_reader", "_add_writer", "_remove_reader", "_remove_writer",
                                             "_sock_connect_cb", "_close_self_pipe", "_make_self_pipe",
                                             "_make_socket_transport", "_make_datagram_transport",
                                             "_make_ssl_transport", "_ensure_fd_no_transport",
                                             "sock_recv", "sock_sendall", "sock_connect", "sock_accept"], HAS,
     "net.NetworkMixin overrides or calls them"),
    (selector_events.BaseSelectorEventLoop, ["_selector", "_ssock", "_csock", "_internal_fds", "_transports"],
     MENTIONS, "net.NetworkMixin.__init__ sets them instead of BaseSelectorEventLoop.__init__"),
    (selector_events._SelectorSocketTransport, ["_write_ready", "_buffer", "_sock_fd", "_closing",
                                                "_protocol_paused"], MENTIONS,
     "net/transports.py wraps _write_ready and reads the buffer and state"),
    (selector_events._SelectorSocketTransport, ["write", "writelines", "close", "_force_close",
                                                "_call_connection_lost", "get_write_buffer_size"], HAS,
     "net/transports.SocketTransport overrides them"),
    (selector_events._SelectorSocketTransport, ["__init__", "self", "loop", "sock", "protocol", "waiter", "extra",
                                                "server"], PARAMS, "net/transports.SocketTransport"),
    (selector_events._SelectorDatagramTransport, ["_buffer", "_buffer_size"], MENTIONS,
     "net/transports.DatagramTransport reads the buffer"),
    (selector_events._SelectorDatagramTransport, ["sendto", "_sendto_ready", "close", "_force_close",
                                                  "_call_connection_lost"], HAS,
     "net/transports.DatagramTransport overrides them"),
    (selector_events._SelectorDatagramTransport, ["__init__", "self", "loop", "sock", "protocol", "address",
                                                  "waiter", "extra"], PARAMS, "net/transports.DatagramTransport"),
    (selectors, ["_BaseSelectorImpl"], HAS, "net/selector.SimSelector subclasses it"),
    (selectors._BaseSelectorImpl, ["_fd_to_key"], MENTIONS, "net/selector.SimSelector, NetworkMixin._ls_poll"),
    # Subprocesses: CPython's transport runs unchanged except _start.
    (base_subprocess.BaseSubprocessTransport, ["_start", "_check_proc", "_process_exited", "_wait",
                                               "send_signal", "terminate", "kill"], HAS,
     "net/subprocess.SimSubprocessTransport overrides _start and the signals"),
    (base_subprocess.BaseSubprocessTransport, ["_proc", "_loop"], MENTIONS, "net/subprocess.py"),
    (base_subprocess.BaseSubprocessTransport, ["__init__", "self", "loop", "protocol", "args", "shell", "stdin",
                                               "stdout", "stderr", "bufsize", "waiter", "extra"], PARAMS,
     "net/subprocess.make_subprocess_transport"),
    (base_subprocess.BaseSubprocessTransport, ["_start", "self", "args", "shell", "stdin", "stdout", "stderr",
                                               "bufsize"], PARAMS, "net/subprocess.SimSubprocessTransport._start"),
]


def _label(obj):
    mod = getattr(obj, "__module__", None)
    name = getattr(obj, "__qualname__", None) or getattr(obj, "__name__", None) or repr(obj)
    if inspect.ismodule(obj):
        return obj.__name__
    return f"{mod}.{name}" if mod and not name.startswith(mod) else name


def _slots(cls):
    out = set()
    for c in cls.__mro__:
        s = c.__dict__.get("__slots__", ())
        out.update((s,) if isinstance(s, str) else s)
    return out


def _mentioned(cls):
    """Every name the code of the class's own methods (and its bases', up to object) uses."""
    names = set()
    for c in cls.__mro__:
        if c is object:
            continue
        for v in vars(c).values():
            f = v.fget if isinstance(v, property) else getattr(v, "__func__", v)
            code = getattr(f, "__code__", None)
            if code is not None:
                names.update(code.co_names)
    return names


def problems():
    """What no longer matches: one line per part, naming it and what uses it (empty when all fit)."""
    out = []
    mentioned = {}
    for where, names, check, used_by in PARTS:
        label = _label(where)
        try:
            if check == HAS:
                missing = [n for n in names if not hasattr(where, n)]
                if missing:
                    out.append(f"{label} has no {', '.join(missing)} ({used_by})")
            elif check == SLOTS:
                missing = [n for n in names if n not in _slots(where)]
                if missing:
                    out.append(f"{label} has no slot {', '.join(missing)} ({used_by})")
            elif check == MENTIONS:
                if where not in mentioned:
                    mentioned[where] = _mentioned(where)
                missing = [n for n in names if n not in mentioned[where]]
                if missing:
                    out.append(f"{label} no longer uses the attribute {', '.join(missing)} ({used_by})")
            elif check == PARAMS:
                attr, want = names[0], names[1:]
                params = list(inspect.signature(getattr(where, attr)).parameters)
                if params[:len(want)] != want:
                    out.append(f"{label}.{attr} takes ({', '.join(params)}), expected ({', '.join(want)}, ...) "
                               f"({used_by})")
        except Exception as e:  # a part that cannot even be inspected has changed too
            out.append(f"{label}: {type(e).__name__}: {e} ({used_by})")
    if FUTURE_ITER is None or FUTURE_ITER.__name__ != "FutureIter":
        what = "nothing that can be made here" if FUTURE_ITER is None else f"a {FUTURE_ITER.__name__}"
        out.append(f"awaiting a C future leaves {what} in cr_await, not a FutureIter (bridge.chain_id)")
    return out


def check():
    """Raise ImportError naming every private part of asyncio that changed."""
    found = problems()
    if found:
        raise ImportError(
            f"Loopscope does not fit this Python's asyncio ({sys.version.split()[0]}): "
            + "; ".join(found)
            + ". Update src/runtime/python/loopscope (and compat.py) for it.")
