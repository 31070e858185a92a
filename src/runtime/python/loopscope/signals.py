"""os.kill() during a run: signals the program sends, delivered as on Linux.

Pyodide's own os.kill ends the whole interpreter (it exits with 128 + the
signal), which in the page is the worker. During a run:
- to its own pid: a handler set with loop.add_signal_handler runs as asyncio
  runs it (the loop's next poll notices the signal, as select() notices the
  self-pipe, and the handler runs in the iteration after); a Python handler set with signal.signal runs at
  once (SIGINT's default raises KeyboardInterrupt); an ignored signal does
  nothing; a signal whose default is to end the process ends the program with
  exit status 128 + the signal, as a shell reports it;
- to a simulated child process: its send_signal();
- to any other pid: ProcessLookupError, as no such process exists.
signal.raise_signal() is os.kill to itself; os._exit(n) ends the program at
once with status n (Pyodide's would end the interpreter).
"""

import os
import signal

from asyncio import events

from . import bridge

# Signals whose default action is not to end the process.
_HARMLESS = {signal.SIGCHLD, signal.SIGCONT, signal.SIGURG, signal.SIGWINCH, signal.SIGSTOP,
             signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU}


def kill(pid, sig):
    R = bridge.current
    if R is None:
        return _saved["kill"](pid, sig)
    sig = int(sig)
    if sig != 0 and sig not in signal.valid_signals():
        raise OSError(22, "Invalid argument")
    if pid == os.getpid() or pid == 0:
        if sig != 0:
            _to_self(R, sig)
        return None
    net = getattr(R, "_ls_net", None)
    proc = net.processes.get(pid) if net is not None else None
    if proc is None:
        raise ProcessLookupError(3, "No such process")
    if sig != 0:
        proc.send_signal(sig)
    return None


def _to_self(R, sig):
    running = events._get_running_loop()
    loops = ([running] if running is not None else []) + [l for l in reversed(R.loops) if l is not running]
    for loop in loops:
        if sig in getattr(loop, "_signal_handlers", {}) and not loop.is_closed():
            loop._ls_signal(sig)
            return
    handler = signal.getsignal(sig)
    if callable(handler):
        import sys
        handler(sig, sys._getframe(2))
    elif handler == signal.SIG_IGN or sig in _HARMLESS:
        return
    else:
        raise SystemExit(128 + sig)


def raise_signal(sig):
    """signal.raise_signal: as os.kill to itself (Pyodide's would end the interpreter too)."""
    if bridge.current is None:
        return _saved["raise_signal"](sig)
    kill(os.getpid(), sig)


class ProcessExit(SystemExit):
    """os._exit(n) during a run: the program ends at once with status n. The
    runner catches it: nothing after it runs, not even finalizers' messages.
    A SystemExit, so that asyncio lets it out of tasks and callbacks at once
    as it does sys.exit() (only an `except SystemExit` could stop it, which
    nothing can do to CPython's os._exit)."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


def _exit(status):
    R = bridge.current
    if R is None:
        return _saved["_exit"](status)
    status = int(status)
    # From here on the process is gone: what the program's finally blocks and
    # finalizers would print goes nowhere (the runner puts the streams back).
    import io
    import sys
    R.flush_output()
    sys.stdout = sys.stderr = io.StringIO()
    raise ProcessExit(status)


# The interpreter's own, for what is not the program's to simulate.
_saved = {"kill": os.kill, "raise_signal": signal.raise_signal, "_exit": os._exit}


def patches():
    """(object, name, value) to set for one run (patches.py sets and puts back)."""
    return [(os, "kill", kill), (signal, "raise_signal", raise_signal), (os, "_exit", _exit)]
