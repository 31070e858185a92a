"""CPython's selector transports, recording their state and write buffer.

Only what the trace needs is added (STATE and WBUF events, cheap: a WBUF
event only when the buffer size changes); every behaviour is CPython's.
"""

from asyncio import selector_events

from .. import frames
from .. import wire as W


class _Record:
    def _ls_init(self):
        from . import current_network
        self._ls_net = current_network()
        self._ls_fd = self._sock_fd
        self._ls_wb = 0
        self._ls_state = W.CONN_OPEN
        self._ls_net.emit(W.NET_STATE, self._ls_fd, W.CONN_OPEN)

    def _ls_set_state(self, st):
        if st > self._ls_state:
            self._ls_state = st
            self._ls_net.emit(W.NET_STATE, self._ls_fd, st)

    def _ls_buffer(self):
        size = self.get_write_buffer_size()
        if size != self._ls_wb:
            self._ls_wb = size
            self._ls_net.emit(W.NET_WBUF, self._ls_fd, size, 1 if self._protocol_paused else 0)

    def close(self):
        super().close()
        if self._closing:
            self._ls_set_state(W.CONN_CLOSING)

    def _force_close(self, exc):
        super()._force_close(exc)
        self._ls_set_state(W.CONN_CLOSING)

    def _call_connection_lost(self, exc):
        try:
            super()._call_connection_lost(exc)
        finally:
            if self._ls_wb:
                self._ls_wb = 0
                self._ls_net.emit(W.NET_WBUF, self._ls_fd, 0, 0)
            self._ls_set_state(W.CONN_CLOSED)



class SocketTransport(_Record, selector_events._SelectorSocketTransport):
    def __init__(self, loop, sock, protocol, waiter=None, extra=None, server=None):
        super().__init__(loop, sock, protocol, waiter, extra, server)
        self._ls_init()
        inner = self._write_ready

        def _write_ready():
            inner()
            if self._ls_wb or self._buffer:
                self._ls_buffer()
        _write_ready.__name__, _write_ready.__qualname__ = inner.__name__, inner.__qualname__
        self._write_ready = _write_ready

    def write(self, data):
        super().write(data)
        if self._buffer or self._ls_wb:
            self._ls_buffer()

    def writelines(self, list_of_data):
        super().writelines(list_of_data)
        if self._buffer or self._ls_wb:
            self._ls_buffer()


for _name in ("write", "writelines"):
    getattr(SocketTransport, _name).__qualname__ = f"_SelectorSocketTransport.{_name}"


class DatagramTransport(_Record, selector_events._SelectorDatagramTransport):
    def __init__(self, loop, sock, protocol, address=None, waiter=None, extra=None):
        super().__init__(loop, sock, protocol, address, waiter, extra)
        self._ls_init()

    def get_write_buffer_size(self):
        return self._buffer_size
    get_write_buffer_size.__qualname__ = "_SelectorDatagramTransport.get_write_buffer_size"

    def sendto(self, data, addr=None):
        super().sendto(data, addr)
        if self._buffer or self._ls_wb:
            self._ls_buffer()

    def _sendto_ready(self):
        super()._sendto_ready()
        self._ls_buffer()



# A transport's repr (<_SelectorSocketTransport fd=7 ...>) and a handle's ("Exception in
# callback _SelectorTransport._call_connection_lost()") name CPython's classes and methods.
frames.name_as_asyncio(SocketTransport)
frames.name_as_asyncio(DatagramTransport)
