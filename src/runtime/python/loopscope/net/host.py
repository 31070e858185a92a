"""The simulated host of one run (split out of sock.py): its fds, the port
table (bind rules, ephemeral ports, lookup of listeners), processes and the
latency every delivery takes."""

import weakref

from . import addr as A
from .. import wire as W


class Network:
    """The simulated host of one run: fds, the port table, processes, latency."""

    def __init__(self, run):
        self.run = run
        self.net_js = run.net_js
        self.s = run.s
        self.latency = 0.0
        self.next_fd = 100
        self.fds = {}          # fd -> SimSocket / pipe end / pidfd
        self.bound = {}        # (type, family, port) -> [SimSocket]
        self.next_port = 0
        self.next_pid = 4000
        self.next_dgram = 0
        self.processes = {}
        self._loop = None      # weakref to the loop that schedules deliveries (the running one)

    # Weak: the run holds its network to its very end, and a loop the program
    # dropped must be finalized in the program's own run, not the next one.
    @property
    def loop(self):
        return self._loop() if self._loop is not None else None

    @loop.setter
    def loop(self, loop):
        self._loop = weakref.ref(loop) if loop is not None else None

    def emit(self, kind, a=0, b=0, c=0, d=0):
        self.net_js(kind, a, b, c, d)

    def new_fd(self, obj):
        fd = self.next_fd
        self.next_fd = fd + 1
        self.fds[fd] = obj
        return fd

    def set_latency(self, seconds):
        seconds = float(seconds)
        if not seconds >= 0:
            raise ValueError("latency must be a non-negative number of seconds")
        self.latency = seconds
        self.emit(W.NET_LATENCY, int(round(seconds * 1e6)))

    # ---- the port table -------------------------------------------------------
    def _port_free(self, type_, family, port):
        return not any(s.state in ("bound", "listening") or s.type_ == A.SOCK_DGRAM
                       for s in self.bound.get((type_, family, port), ()))

    def ephemeral(self, type_, family):
        span = A.EPHEMERAL_HIGH - A.EPHEMERAL_LOW + 1
        for _ in range(span):
            p = A.EPHEMERAL_LOW + (self.next_port * 7919 + 10000) % span
            self.next_port += 1
            if not self.bound.get((type_, family, p)):
                return p
        raise A.oserror(A.EADDRINUSE)

    def bind(self, sock, host, port):
        key_fam = sock.family
        if not A.is_local(key_fam, host):
            raise A.oserror(A.EADDRNOTAVAIL, A.BindError)
        if port == 0:
            port = self.ephemeral(sock.type_, key_fam)
        else:
            for other in self.bound.get((sock.type_, key_fam, port), ()):
                if other is sock or other.state == "closed":
                    continue
                if sock.type_ == A.SOCK_STREAM and other.state not in ("bound", "listening"):
                    continue  # connected sockets do not block SO_REUSEADDR binds
                if other.host == host or other.host in ("0.0.0.0", "::") or host in ("0.0.0.0", "::"):
                    if not (sock.reuse_port and other.reuse_port):
                        raise A.oserror(A.EADDRINUSE, A.BindError)
        self.bound.setdefault((sock.type_, key_fam, port), []).append(sock)
        sock.host, sock.port = host, port
        self.emit(W.NET_BIND, sock.fd, self.s(host), port)
        return port

    def unbind(self, sock):
        lst = self.bound.get((sock.type_, sock.family, sock.port))
        if lst and sock in lst:
            lst.remove(sock)
            if not lst:
                del self.bound[(sock.type_, sock.family, sock.port)]

    def find(self, type_, family, host, port, listening=True):
        best = None
        for s in self.bound.get((type_, family, port), ()):
            if s.state == "closed" or (listening and s.state != "listening"):
                continue
            if s.host == host:
                return s
            if s.host in ("0.0.0.0", "::"):
                best = s
        return best

    # ---- delivery --------------------------------------------------------------
    def later(self, callback, *args):
        """Run callback after the latency (as a loop timer, so the loop is never idle meanwhile)."""
        loop = self.loop
        loop.call_at(loop.time() + self.latency, callback, *args)
