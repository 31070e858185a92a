"""Simulated network and process table on virtual time (transports issue).

NetworkMixin is mixed into VirtualEventLoop ahead of BaseEventLoop, so its
methods replace BaseEventLoop's socket- and process-based ones. It *is* a
BaseSelectorEventLoop: CPython's own create_server / create_connection /
create_datagram_endpoint, Server, selector transports, sock_* methods and
subprocess transport run unchanged, over in-memory sockets and pipes
(sock.py, pipes.py, process.py) and a selector (selector.py) that the loop polls at
the start of each iteration (VirtualEventLoop._run_once calls _ls_poll where
CPython calls select()).

Modules: addr (names, ports' rules, errors), host (Network: fds, port table,
latency), sock (SimSocket), selector (SimSelector), transports (recording
transports), pipes, process (processes), commands (built-in commands), shell
(sh -c), subprocess (the subprocess transport), shims (socket/os stand-ins for
asyncio's modules). NET trace event kinds are NET_* in the generated
loopscope.wire (from src/trace/wire.ts).
"""

import selectors
import weakref
from asyncio import base_events, events, selector_events, unix_events


from .. import bridge, frames
from ..wire import NO_ID
from . import addr
from .host import Network
from .selector import SimSelector

_EVENT_READ = selectors.EVENT_READ
_EVENT_WRITE = selectors.EVENT_WRITE


def current_network(required=True):
    """The simulated host of the run in progress (made on first use)."""
    R = bridge.current
    if R is None:
        if required:
            raise RuntimeError("Loopscope: the simulated network exists only while a program runs")
        return None
    net = getattr(R, "_ls_net", None)
    if net is None:
        net = R._ls_net = Network(R)
    return net


class _IOHandle(events.Handle):
    """A reader/writer callback. Queued in the engine each time its fd is
    ready; cancelling it while queued drops it, as CPython's _run_once does."""

    __slots__ = ("_ls_id", "_ls_label")

    def cancel(self):
        if not self._cancelled:
            loop = self._loop
            if loop is not None and hasattr(self, "_ls_id") and hasattr(loop, "_ls_cancelled"):
                loop._ls_cancelled(self)
        super().cancel()


def _label(R, what, fd, callback):
    return R.s(f"fd {fd} {what}: {R.callable_name(callback)}()")


class NetworkMixin(selector_events.BaseSelectorEventLoop):
    def __init__(self):
        base_events.BaseEventLoop.__init__(self)
        net = current_network(required=False)
        if net is not None:
            net.loop = self
        self._ls_net = net
        self._selector = SimSelector(net) if net is not None else selectors.DefaultSelector()
        # As BaseSelectorEventLoop.__init__ (which this one stands in for) logs it.
        selector_events.logger.debug("Using selector: %s", self._selector.__class__.__name__)
        self._ssock = self._csock = None
        self._internal_fds = 0
        self._transports = weakref.WeakValueDictionary()
        self._ls_io = False  # set once an fd is watched: _run_once then polls

    # ---- the poll the loop makes where CPython calls select() ---------------------------
    def _ls_poll(self):
        sel = self._selector
        if sel is None or not sel._fd_to_key:
            return
        net = self._ls_net
        if net is not None:
            net.loop = self
        for key, mask in sel.select(0):
            reader, writer = key.data
            if mask & _EVENT_READ and reader is not None:
                if reader._cancelled:
                    self._remove_reader(key.fileobj)
                else:
                    self._ls_queue(reader)
            if mask & _EVENT_WRITE and writer is not None:
                if writer._cancelled:
                    self._remove_writer(key.fileobj)
                else:
                    self._ls_queue(writer)

    def _ls_queue(self, handle):
        hid = self._ls_run.soon(handle._ls_label, NO_ID)
        handle._ls_id = hid
        self._handles[hid] = handle

    def _add_reader(self, fd, callback, *args):
        return self._ls_add_io(fd, callback, args, _EVENT_READ, "readable")

    def _add_writer(self, fd, callback, *args):
        return self._ls_add_io(fd, callback, args, _EVENT_WRITE, "writable")

    def _ls_add_io(self, fd, callback, args, event, what):
        """selector_events' _add_reader/_add_writer: the handle is the (reader, writer) slot of `event`."""
        self._check_closed()
        handle = _IOHandle(callback, args, self, None)
        handle._ls_label = _label(self._ls_run, what, fd, callback)
        self._ls_io = True
        slot = 0 if event == _EVENT_READ else 1
        key = self._selector.get_map().get(fd)
        if key is None:
            data = [None, None]
            data[slot] = handle
            self._selector.register(fd, event, tuple(data))
        else:
            data = list(key.data)
            old, data[slot] = data[slot], handle
            self._selector.modify(fd, key.events | event, tuple(data))
            if old is not None:
                old.cancel()
        return handle

    # asyncio's own, so that a refused connection's traceback ends in its frame
    # as on Linux; only its OSError(err, ...) gives Linux's class for the errno
    # (ConnectionRefusedError for 111), which Pyodide's OSError would not.
    _sock_connect_cb = frames.recompiled(selector_events.BaseSelectorEventLoop._sock_connect_cb,
                                         OSError=lambda err, text: addr.oserror(err, text=text))

    def _close_self_pipe(self):
        pass

    def _make_self_pipe(self):
        pass

    # ---- transports that record their state ----------------------------------------------
    def _make_socket_transport(self, sock, protocol, waiter=None, *, extra=None, server=None):
        from .transports import SocketTransport
        self._ensure_fd_no_transport(sock)
        return SocketTransport(self, sock, protocol, waiter, extra, server)

    def _make_datagram_transport(self, sock, protocol, address=None, waiter=None, extra=None):
        from .transports import DatagramTransport
        self._ensure_fd_no_transport(sock)
        return DatagramTransport(self, sock, protocol, address, waiter, extra)

    def _make_ssl_transport(self, *args, **kwargs):
        raise NotImplementedError("Loopscope does not simulate TLS: pass ssl=None")

    # ---- pipes and subprocesses ---------------------------------------------------------------
    async def connect_read_pipe(self, protocol_factory, pipe):
        _check_sim_fd(self, pipe, "connect_read_pipe")
        protocol = protocol_factory()
        waiter = self.create_future()
        transport = unix_events._UnixReadPipeTransport(self, pipe, protocol, waiter)
        try:
            await waiter
        except BaseException:
            transport.close()
            raise
        return transport, protocol

    async def connect_write_pipe(self, protocol_factory, pipe):
        _check_sim_fd(self, pipe, "connect_write_pipe")
        protocol = protocol_factory()
        waiter = self.create_future()
        transport = unix_events._UnixWritePipeTransport(self, pipe, protocol, waiter)
        try:
            await waiter
        except BaseException:
            transport.close()
            raise
        return transport, protocol

    async def _make_subprocess_transport(self, protocol, args, shell, stdin, stdout, stderr,
                                         bufsize, extra=None, **kwargs):
        from .subprocess import make_subprocess_transport
        return await make_subprocess_transport(self, protocol, args, shell, stdin, stdout,
                                               stderr, bufsize, extra=extra, **kwargs)

    # ---- what the simulation does not cover ---------------------------------------------
    async def create_unix_connection(self, *args, **kwargs):
        raise NotImplementedError("Loopscope simulates TCP/UDP on localhost only: Unix sockets are not available")

    async def create_unix_server(self, *args, **kwargs):
        raise NotImplementedError("Loopscope simulates TCP/UDP on localhost only: Unix sockets are not available")



def _check_sim_fd(loop, obj, what):
    fd = obj if isinstance(obj, int) else getattr(obj, "fileno", lambda: -1)()
    net = loop._ls_net
    if net is None or fd not in net.fds:
        raise NotImplementedError(
            f"Loopscope: loop.{what}() works only on pipes of simulated subprocesses; "
            "the browser has no file descriptors")


def _sim_sock_only(name):
    base = getattr(selector_events.BaseSelectorEventLoop, name)

    async def method(self, sock, *args, **kwargs):
        from .sock import SimSocket
        if not isinstance(sock, SimSocket):
            raise NotImplementedError(
                f"Loopscope: loop.{name}() needs a socket of the simulated network "
                "(the browser has no real sockets); make one with "
                "`import loopscope; loopscope.socket(...)` or use create_connection / open_connection")
        return await base(self, sock, *args, **kwargs)
    method.__name__ = method.__qualname__ = name
    return method


for _name in ("sock_recv", "sock_recv_into", "sock_recvfrom", "sock_recvfrom_into",
              "sock_sendall", "sock_sendto", "sock_connect", "sock_accept"):
    if hasattr(selector_events.BaseSelectorEventLoop, _name):
        setattr(NetworkMixin, _name, _sim_sock_only(_name))
