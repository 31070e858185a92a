"""Simulated pipes: a bounded byte buffer between a process and its parent,
with the parent's end as a file-like object with a (simulated) fd that the
selector can watch (split out of process.py)."""

from . import addr as A
from .. import wire as W
from .sock import _Waitable

PIPE_CAPACITY = 64 * 1024


class Pipe:
    def __init__(self, net, proc, fd):
        self.net = net
        self.proc = proc
        self.fd = fd          # the child's fd this pipe serves: 0, 1 or 2
        self.buf = bytearray()
        self.w_closed = False
        self.r_closed = False
        self.r = PipeEnd(self, "r")
        self.w = PipeEnd(self, "w")
        self.on_readable = None  # the child waiting to read (stdin)
        self.on_writable = None  # the child waiting for room (stdout/stderr)

    def put(self, data):
        if self.r_closed:
            raise A.oserror(A.EPIPE)
        space = PIPE_CAPACITY - len(self.buf)
        if space <= 0:
            raise A.oserror(A.EAGAIN)
        data = bytes(data[:space])
        self.buf += data
        self.net.emit(W.NET_PIPE_WRITE, self.proc.pid, self.fd, len(data))
        self.r._notify()
        if self.on_readable is not None:
            self.on_readable()
        return len(data)

    def take(self, n):
        if self.buf:
            data = bytes(self.buf[:n])
            del self.buf[:n]
            self.net.emit(W.NET_PIPE_READ, self.proc.pid, self.fd, len(data))
            self.w._notify()
            if self.on_writable is not None:
                self.on_writable()
            return data
        if self.w_closed:
            return b""
        raise A.oserror(A.EAGAIN)

    def close_w(self):
        if not self.w_closed:
            self.w_closed = True
            self.net.emit(W.NET_PIPE_CLOSE, self.proc.pid, self.fd)
            self.r._notify()
            if self.on_readable is not None:
                self.on_readable()

    def close_r(self):
        if not self.r_closed:
            self.r_closed = True
            self.w._notify()
            if self.on_writable is not None:
                self.on_writable()


class PipeEnd(_Waitable):
    """The parent's end of a pipe, a file-like object with a (simulated) fd."""

    def __init__(self, pipe, mode):
        self.pipe = pipe
        self.mode = mode
        self.fd = -1
        self.closed = False

    def __repr__(self):
        return f"<loopscope pipe fd={self.fd} mode={self.mode!r}>"

    def attach(self):
        self.fd = self.pipe.net.new_fd(self)
        return self

    def fileno(self):
        return self.fd

    def read(self, n=-1):
        return self.pipe.take(n if n >= 0 else 1 << 30)

    def write(self, data):
        return self.pipe.put(data)

    def close(self):
        if self.closed:
            return
        self.closed = True
        self.pipe.net.fds.pop(self.fd, None)
        if self.mode == "r":
            self.pipe.close_r()
        else:
            self.pipe.close_w()

    def _readable(self):
        p = self.pipe
        if self.mode == "r":
            return bool(p.buf) or p.w_closed
        return p.r_closed  # the reader went away (POLLHUP/POLLERR)

    def _writable(self):
        p = self.pipe
        return self.mode == "w" and (p.r_closed or len(p.buf) < PIPE_CAPACITY)
