"""Module stand-ins that route asyncio's own socket and pipe code to the
simulation: base_events/selector_events see a `socket` module whose socket()
makes SimSockets and whose getaddrinfo knows localhost; unix_events sees an
`os` module whose read/write/fstat work on simulated pipe fds.

Installed for each run by patches.install (and taken out again after it).
"""

import os as _os
import socket as _socket
import stat as _stat
import types

from . import addr
from .sock import SimSocket


class _SocketModule(types.ModuleType):
    def __getattr__(self, name):
        return getattr(_socket, name)


def _socketpair(family=None, type=_socket.SOCK_STREAM, proto=0):
    fam = int(family) if family is not None else addr.AF_INET
    a = SimSocket(fam, type, proto)
    if int(type) & 0xF == addr.SOCK_STREAM:
        lst = SimSocket(fam, type, proto)
        lst.bind((addr.LOOPBACK[fam], 0))
        lst.listen(1)
        a.setblocking(False)
        try:
            a.connect(lst.getsockname())
        except BlockingIOError:
            pass
        b, _ = lst.accept()
        lst.close()
        a.error = 0
        a.setblocking(True)
        return a, b
    b = SimSocket(fam, type, proto)
    a.bind((addr.LOOPBACK[fam], 0))
    b.bind((addr.LOOPBACK[fam], 0))
    a.connect(b.getsockname())
    b.connect(a.getsockname())
    return a, b


def program_socketpair(family=None, type=_socket.SOCK_STREAM, proto=0):
    """socket.socketpair() in the program (patches.py): a connected pair of the
    simulated network. Linux's default is an AF_UNIX pair; Unix sockets are not
    simulated, so that pair is a TCP pair on localhost underneath (only its
    family and addresses tell)."""
    if family is None or family == getattr(_socket, "AF_UNIX", -1):
        family = addr.AF_INET
    return _socketpair(family, type, proto)


socket_shim = _SocketModule("socket")
socket_shim.socket = SimSocket
socket_shim.SO_REUSEADDR = 2
socket_shim.SO_REUSEPORT = 15
socket_shim.getaddrinfo = addr.getaddrinfo
socket_shim.getnameinfo = addr.getnameinfo
socket_shim.socketpair = _socketpair


class _OsModule(types.ModuleType):
    def __getattr__(self, name):
        return getattr(_os, name)


def _sim(fd):
    from . import current_network
    net = current_network(required=False)
    return net.fds.get(fd) if net is not None else None


class _FifoStat:
    st_mode = _stat.S_IFIFO | 0o600


def _fstat(fd):
    return _FifoStat() if _sim(fd) is not None else _os.fstat(fd)


def _set_blocking(fd, flag):
    if _sim(fd) is None:
        _os.set_blocking(fd, flag)


def _read(fd, n):
    obj = _sim(fd)
    return obj.read(n) if obj is not None else _os.read(fd, n)


def _write(fd, data):
    obj = _sim(fd)
    return obj.write(data) if obj is not None else _os.write(fd, data)


os_shim = _OsModule("os")
os_shim.fstat = _fstat
os_shim.set_blocking = _set_blocking
os_shim.read = _read
os_shim.write = _write


def patches():
    """(module, name, stand-in) for each module global a run swaps (patches.install sets and restores them)."""
    from asyncio import base_events, selector_events, unix_events
    return [(base_events, "socket", socket_shim), (selector_events, "socket", socket_shim), (unix_events, "os", os_shim)]
