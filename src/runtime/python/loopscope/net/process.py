"""The simulated process table: Popen-like processes (pipes in pipes.py, the
built-in commands in commands.py, `sh -c` in shell.py).

A process is a generator run by loop callbacks: it yields what it waits for
("read" stdin, "write" room in a full pipe, "sleep" seconds of virtual time)
and is stepped again when that happens. Anything that is not a built-in fails
as a missing program does: FileNotFoundError for exec, `/bin/sh: 1: NAME: not
found` and status 127 for the shell.
"""

import collections
import sys

from .. import wire as W
from .pipes import PIPE_CAPACITY, Pipe
from .sock import _Waitable

PIPE, STDOUT, DEVNULL = -1, -2, -3


class PidFd(_Waitable):
    """Becomes readable when its process exits (like Linux's pidfd)."""

    def __init__(self, proc):
        self.proc = proc
        self.fd = proc.net.new_fd(self)

    def fileno(self):
        return self.fd

    def _readable(self):
        return self.proc.returncode is not None

    def close(self):
        self.proc.net.fds.pop(self.fd, None)


# ---- the process ----------------------------------------------------------------------
class SimProcess:
    """What subprocess.Popen gives asyncio's subprocess transport."""

    def __init__(self, net, loop, argv, label, program, stdin, stdout, stderr, env=None):
        self.net = net
        self.env = dict(env) if env is not None else {"HOME": "/home/pyodide", "PATH": "/usr/local/bin:/usr/bin:/bin"}
        self.loop = loop
        self.args = argv
        self.pid = net.next_pid
        net.next_pid += 1
        net.processes[self.pid] = self
        self.returncode = None
        self.stdin = self.stdout = self.stderr = None
        self._in = self._out = self._err = None
        net.emit(W.NET_PROC_SPAWN, self.pid, net.s(label))
        if stdin == PIPE:
            self._in = Pipe(net, self, 0)
            self.stdin = self._in.w.attach()
            net.emit(W.NET_PIPE_OPEN, self.pid, 0)
        if stdout == PIPE:
            self._out = Pipe(net, self, 1)
            self.stdout = self._out.r.attach()
            net.emit(W.NET_PIPE_OPEN, self.pid, 1)
        if stderr == PIPE:
            self._err = Pipe(net, self, 2)
            self.stderr = self._err.r.attach()
            net.emit(W.NET_PIPE_OPEN, self.pid, 2)
        elif stderr == STDOUT:
            self._err = self._out if self._out is not None else "inherit-out"
        self._devnull = {0: stdin == DEVNULL, 1: stdout == DEVNULL, 2: stderr == DEVNULL}
        self.pidfd = PidFd(self)
        self._gen = program(self)
        self._waiting = None
        self._timer = None
        self._scheduled = False
        step = self._step
        def run_process():
            step()
        run_process.__qualname__ = run_process.__name__ = f"process {label[:40]} (pid {self.pid})"
        self._run = run_process
        self._wake()

    def __repr__(self):
        return f"<loopscope process pid={self.pid} args={self.args!r} returncode={self.returncode}>"

    # ---- running -----------------------------------------------------------------------
    def _wake(self):
        if self._scheduled or self.returncode is not None:
            return
        self._scheduled = True
        self.loop.call_soon(self._run)

    def _step(self):
        self._scheduled = False
        self._timer = None
        if self.returncode is not None:
            return
        try:
            while True:
                want = next(self._gen)
                kind = want[0]
                if kind == "read":
                    p = self._in
                    if p is None or p.buf or p.w_closed:
                        continue
                    p.on_readable = self._wake
                    return
                if kind == "write":
                    p = want[1]
                    if p.r_closed or len(p.buf) < PIPE_CAPACITY:
                        continue
                    p.on_writable = self._wake
                    return
                if kind == "sleep":
                    self._timer = self.loop.call_later(want[1], self._run)
                    self._scheduled = True
                    return
        except StopIteration as stop:
            self._exit(stop.value or 0)
        except _Killed as k:
            self._exit(-k.sig)

    def read_stdin(self, n=1 << 16):
        """Generator: bytes from stdin (b'' at EOF)."""
        while True:
            p = self._in
            if p is None:
                return b""
            if p.buf:
                return p.take(n)
            if p.w_closed:
                return b""
            yield ("read",)

    def write(self, fd, data):
        """Generator: write all of data to fd 1 or 2."""
        if isinstance(data, str):
            data = data.encode()
        target = self._out if fd == 1 else self._err
        if target == "inherit-out":
            target = None
            fd = 1
        if self._devnull.get(fd):
            return
        if target is None:
            # Inherited: the program's own stdout/stderr.
            stream = sys.stdout if fd == 1 else sys.stderr
            stream.write(data.decode("utf-8", "replace"))
            return
        while data:
            if target.r_closed:
                raise _Killed(13)  # SIGPIPE
            space = PIPE_CAPACITY - len(target.buf)
            if space <= 0:
                yield ("write", target)
                continue
            n = target.put(data[:space])
            data = data[n:]

    def _exit(self, code):
        if self.returncode is not None:
            return
        self.returncode = code
        if self._timer is not None:
            self._timer.cancel()
        for p in (self._out, self._err):
            if isinstance(p, Pipe):
                p.close_w()
        if self._in is not None:
            self._in.close_r()
            self._in.on_readable = None
        self.net.emit(W.NET_PROC_EXIT, self.pid, code)
        self.pidfd._notify()

    # ---- Popen API ---------------------------------------------------------------------
    def poll(self):
        return self.returncode

    def wait(self, timeout=None):
        return self.returncode

    def send_signal(self, sig):
        if self.returncode is None:
            self._gen.close()
            self._exit(-int(sig))

    def terminate(self):
        self.send_signal(15)

    def kill(self):
        self.send_signal(9)


class _Killed(Exception):
    def __init__(self, sig):
        self.sig = sig
