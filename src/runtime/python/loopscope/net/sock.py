"""In-memory sockets on virtual time (the host they live in: host.py).

SimSocket behaves like a non-blocking socket.socket as asyncio's selector
transports use it (send/sendmsg/recv/recv_into/recvfrom/sendto/shutdown/
accept/connect/bind/listen/getsockopt...), so CPython's own transports,
servers and sock_* methods run unchanged on top of it. Readiness is reported
by SimSelector (selector.py), which the loop polls at the start of each
iteration, exactly where CPython calls select().

Bytes sent land in the peer's receive buffer at once (loopback), or after the
run's latency (an engine timer). A direction holds at most STREAM_CAPACITY
bytes not yet read by the peer; beyond that send() would block, which is what
makes transports buffer and call pause_writing().
"""

import collections
import itertools
import socket as _socket

from . import addr as A
from .. import wire as W

STREAM_CAPACITY = 256 * 1024
DGRAM_QUEUE = 256  # datagrams a socket queues before dropping
DGRAM_MAX = 65507

_seq = itertools.count(1)


class _Waitable:
    """Something the selector can watch: readiness plus a FIFO wake-up order."""
    _seq = None

    def _notify(self):
        if self._seq is None:
            self._seq = next(_seq)

    def _readable(self):
        return False

    def _writable(self):
        return False


class SimSocket(_Waitable):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        from . import current_network
        if fileno is not None:
            raise OSError(A.EBADF, "Loopscope: sockets from file descriptors are not simulated")
        net = current_network()
        if family == -1:
            family = A.AF_INET
        if type == -1:
            type = A.SOCK_STREAM
        family = int(family)
        type_ = int(type) & 0xF
        if family not in (A.AF_INET, A.AF_INET6):
            raise A.oserror(A.EAFNOSUPPORT)
        if type_ not in (A.SOCK_STREAM, A.SOCK_DGRAM):
            raise OSError(A.EPROTONOSUPPORT, "Protocol not supported")
        self.net = net
        self.family = _socket.AddressFamily(family)
        self.type = _socket.SocketKind(type_)
        self.type_ = type_
        self.proto = 0 if proto in (-1, None) else int(proto)
        self.fd = net.new_fd(self)
        self.state = "new"       # new | bound | listening | connected | closed
        self.host, self.port = A.WILDCARD[family], 0
        self.peer = None         # stream: the other end; dgram: connected remote (host, port)
        self.peer_id = -1
        self.rbuf = bytearray()
        self.inflight = 0        # bytes on their way to this socket (latency > 0)
        self.eof = False         # the peer shut down its writing side and it has arrived
        self.wshut = False
        self.reset = False       # an RST arrived: the connection is gone
        self.error = 0           # pending SO_ERROR / error for the next call
        self.accept_q = collections.deque()
        self.backlog = 0
        self.dq = collections.deque()  # datagrams: (data, addr, src id, datagram id)
        self.reuse_port = False
        self.timeout = None
        self.connected_once = False
        net.emit(W.NET_SOCKET, self.fd, W.PROTO_TCP if type_ == A.SOCK_STREAM else W.PROTO_UDP, 4 if family == A.AF_INET else 6)

    def __repr__(self):
        s = f"<loopscope.socket fd={self.fd if self.state != 'closed' else -1}, family={self.family}, type={self.type}, proto={self.proto}"
        if self.state != "closed" and self.state != "new":
            s += f", laddr={self.getsockname()}"
            if self.type_ == A.SOCK_STREAM and self.peer is not None and self.state == "connected":
                s += f", raddr={self.getpeername()}"
        return s + ">"

    # ---- plumbing ---------------------------------------------------------------
    def fileno(self):
        return self.fd if self.state != "closed" else -1

    def _check_open(self):
        if self.state == "closed":
            raise A.oserror(A.EBADF)

    def setblocking(self, flag):
        self._check_open()
        self.timeout = None if flag else 0.0

    def settimeout(self, value):
        self.timeout = value

    def gettimeout(self):
        return self.timeout

    def getblocking(self):
        return self.timeout != 0.0

    def setsockopt(self, level, opt, value, *rest):
        self._check_open()
        if level == _socket.SOL_SOCKET and opt == 15:  # SO_REUSEPORT
            self.reuse_port = bool(value)

    def getsockopt(self, level, opt, buflen=None):
        self._check_open()
        if level == _socket.SOL_SOCKET and opt == _socket.SO_ERROR:
            e, self.error = self.error, 0
            return e
        if level == _socket.SOL_SOCKET and opt == _socket.SO_TYPE:
            return self.type_
        if level == _socket.SOL_SOCKET and opt in (_socket.SO_SNDBUF, _socket.SO_RCVBUF):
            return STREAM_CAPACITY
        return 0

    def getsockname(self):
        self._check_open()
        return A.sockaddr(self.family, self.host, self.port)

    def getpeername(self):
        self._check_open()
        if self.type_ == A.SOCK_STREAM:
            if self.peer is None or self.state != "connected":
                raise A.oserror(A.ENOTCONN)
            return A.sockaddr(self.family, self.peer.host, self.peer.port)
        if self.peer is None:
            raise A.oserror(A.ENOTCONN)
        return A.sockaddr(self.family, *self.peer)

    def bind(self, address):
        self._check_open()
        host, port = A.check_address(self.family, address)
        if self.state != "new":
            raise A.oserror(A.EINVAL)
        self.net.bind(self, host, port)
        self.state = "bound"

    def _autobind(self):
        if self.state == "new":
            self.net.bind(self, A.WILDCARD[self.family] if self.type_ == A.SOCK_DGRAM else A.LOOPBACK[self.family], 0)
            self.state = "bound"

    def listen(self, backlog=128):
        self._check_open()
        if self.type_ != A.SOCK_STREAM:
            raise A.oserror(A.EOPNOTSUPP)
        if self.state == "new":
            self._autobind()
        if self.state not in ("bound", "listening"):
            raise A.oserror(A.EINVAL)
        if self.state != "listening":
            self.net.emit(W.NET_LISTEN, self.fd, int(backlog))
        self.state = "listening"
        self.backlog = max(int(backlog), 0) + 1

    # ---- stream: connect / accept ---------------------------------------------------
    def connect(self, address):
        err = self.connect_ex(address, raise_now=True)
        if err:
            raise A.oserror(err)

    def connect_ex(self, address, raise_now=False):
        self._check_open()
        host, port = A.check_address(self.family, address)
        if host in ("0.0.0.0", "::"):
            host = A.LOOPBACK[self.family]
        net = self.net
        if self.type_ == A.SOCK_DGRAM:
            self._autobind()
            self.peer = (host, port)
            return 0
        if self.state == "connected":
            return A.EISCONN
        if self.state == "listening":
            return A.EINVAL
        if self.connected_once:
            e, self.error = self.error, 0
            return e
        self.connected_once = True
        if not A.is_local(self.family, host):
            self.error = A.ENETUNREACH
            net.emit(W.NET_REFUSED, self.fd, net.s(host), port, A.ENETUNREACH)
            self._notify()
            return A.EINPROGRESS
        if self.state == "new":
            self.net.bind(self, A.LOOPBACK[self.family], 0)
            self.state = "bound"
        listener = net.find(A.SOCK_STREAM, self.family, host, port)
        if listener is None or len(listener.accept_q) >= listener.backlog:
            self.error = A.ECONNREFUSED
            net.emit(W.NET_REFUSED, self.fd, net.s(host), port, A.ECONNREFUSED)
            self._notify()
            return A.EINPROGRESS
        srv = SimSocket(self.family, A.SOCK_STREAM, self.proto)
        srv.state = "connected"
        srv.host, srv.port = host, port
        srv.peer, self.peer = self, srv
        self.state = "connected"
        net.emit(W.NET_CONNECT, self.fd, srv.fd, listener.fd)
        listener.accept_q.append(srv)
        listener._notify()
        self._notify()
        return A.EINPROGRESS

    def accept(self):
        self._check_open()
        if self.state != "listening":
            raise A.oserror(A.EINVAL)
        if not self.accept_q:
            raise A.oserror(A.EAGAIN)
        srv = self.accept_q.popleft()
        srv.timeout = None
        self.net.emit(W.NET_ACCEPT, srv.fd, self.fd)
        return srv, A.sockaddr(self.family, srv.peer.host, srv.peer.port)

    # ---- stream: bytes ---------------------------------------------------------------
    def _space(self):
        p = self.peer
        return STREAM_CAPACITY - len(p.rbuf) - p.inflight

    def send(self, data, flags=0):
        if self.type_ == A.SOCK_DGRAM:
            if self.peer is None:
                raise A.oserror(A.EDESTADDRREQ)
            return self.sendto(data, self.peer)
        self._check_open()
        if self.state != "connected":
            raise A.oserror(A.EPIPE if self.connected_once else A.ENOTCONN)
        if self.error:
            e, self.error = self.error, 0
            raise A.oserror(e)
        if self.wshut or self.reset:
            raise A.oserror(A.EPIPE)
        peer = self.peer
        if peer.state == "closed":
            # The peer is gone: this send "succeeds"; the RST that comes back resets us.
            self._arrive_reset()
            return len(data)
        n = len(data)
        space = STREAM_CAPACITY - len(peer.rbuf) - peer.inflight
        if n > space:
            if space <= 0:
                raise A.oserror(A.EAGAIN)
            n = space
            data = memoryview(data)[:n]
        net = self.net
        net.net_js(W.NET_SEND, self.fd, peer.fd, n, 0)
        if net.latency > 0:
            peer.inflight += n
            net.later(peer._arrive, bytes(data), self.fd)
        else:
            peer.rbuf += data
            if peer._seq is None:
                peer._seq = next(_seq)
        return n

    def sendall(self, data, flags=0):
        n = self.send(data)
        if n < len(data):
            raise A.oserror(A.EAGAIN)

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None):
        return self.send(b"".join(buffers))

    def _arrive(self, data, src):
        self.inflight -= len(data)
        if self.state == "closed":
            return
        self.rbuf += data
        self.net.emit(W.NET_ARRIVE, src, self.fd, len(data))
        self._notify()

    def _arrive_eof(self):
        self.eof = True
        self._notify()

    def _arrive_reset(self):
        if self.reset or self.state == "closed":
            return
        self.reset = True
        self.error = A.ECONNRESET
        self.net.emit(W.NET_RESET, self.fd, A.ECONNRESET)
        self._notify()

    def recv(self, n, flags=0):
        if self.type_ == A.SOCK_DGRAM:
            return self.recvfrom(n)[0]
        self._check_open()
        if self.error and not self.rbuf:
            e, self.error = self.error, 0
            raise A.oserror(e)
        buf = self.rbuf
        if buf:
            if n >= len(buf):
                data = bytes(buf)
                buf.clear()
            else:
                data = bytes(buf[:n])
                del buf[:n]
            peer = self.peer
            self.net.net_js(W.NET_RECV, self.fd, peer.fd if peer is not None else -1, len(data), 0)
            if peer is not None and peer._seq is None:
                peer._seq = next(_seq)  # the sender may be writable again
            return data
        if self.eof or self.reset or self.state != "connected":
            if self.eof:
                self.net.emit(W.NET_EOF_SEEN, self.fd)
            return b""
        raise A.oserror(A.EAGAIN)

    def recv_into(self, buffer, nbytes=0, flags=0):
        mv = memoryview(buffer).cast("B")
        n = nbytes or len(mv)
        data = self.recv(n)
        mv[:len(data)] = data
        return len(data)

    def shutdown(self, how):
        self._check_open()
        if self.type_ != A.SOCK_STREAM or self.state != "connected" or self.reset:
            raise A.oserror(A.ENOTCONN)
        if how in (_socket.SHUT_WR, _socket.SHUT_RDWR) and not self.wshut:
            self.wshut = True
            peer = self.peer
            self.net.emit(W.NET_SHUT_WR, self.fd, peer.fd)
            if self.net.latency > 0:
                self.net.later(peer._arrive_eof)
            else:
                peer.eof = True
                peer._notify()

    def close(self):
        if self.state == "closed":
            return
        net = self.net
        was = self.state
        self.state = "closed"
        net.unbind(self)
        net.fds.pop(self.fd, None)
        if was == "listening":
            for srv in self.accept_q:  # connections never accepted are reset
                srv.state = "closed"
                net.fds.pop(srv.fd, None)
                if srv.peer is not None:
                    srv.peer._arrive_reset()
            self.accept_q.clear()
        elif self.type_ == A.SOCK_STREAM and was == "connected":
            peer = self.peer
            if peer is not None and peer.state != "closed":
                if self.rbuf:  # unread data: Linux answers with RST
                    reset = peer._arrive_reset
                    if net.latency > 0:
                        net.later(reset)
                    else:
                        reset()
                elif not self.wshut:
                    self.wshut = True
                    if net.latency > 0:
                        net.later(peer._arrive_eof)
                    else:
                        peer.eof = True
                        peer._notify()
        net.emit(W.NET_CLOSE, self.fd)

    def detach(self):
        fd = self.fd
        self.close()
        return fd

    # ---- datagrams ---------------------------------------------------------------------
    def sendto(self, data, flags_or_addr, addr=None):
        address = flags_or_addr if addr is None else addr
        self._check_open()
        if self.type_ != A.SOCK_DGRAM:
            if self.state == "connected":
                raise A.oserror(A.EISCONN)
            raise A.oserror(A.EPIPE)
        host, port = A.check_address(self.family, address)
        if host in ("0.0.0.0", "::"):
            host = A.LOOPBACK[self.family]
        data = bytes(data)
        if len(data) > DGRAM_MAX:
            raise A.oserror(A.EMSGSIZE)
        if not A.is_local(self.family, host):
            raise A.oserror(A.ENETUNREACH)
        self._autobind()
        net = self.net
        dest = net.find(A.SOCK_DGRAM, self.family, host, port, listening=False)
        did = net.next_dgram
        net.next_dgram = did + 1
        net.net_js(W.NET_DGRAM_SEND, self.fd, dest.fd if dest is not None else -1, len(data), did)
        src_host = host if self.host in ("0.0.0.0", "::") else self.host
        item = (data, A.sockaddr(self.family, src_host, self.port), self.fd, did)
        if dest is None:
            if self.peer is not None:  # connected: the ICMP port-unreachable comes back
                if net.latency > 0:
                    net.later(self._icmp_refused)
                else:
                    self._icmp_refused()
        elif net.latency > 0:
            net.later(dest._arrive_dgram, item)
        else:
            dest._arrive_dgram(item)
        return len(data)

    def _icmp_refused(self):
        if self.state == "closed":
            return
        self.error = A.ECONNREFUSED
        self.net.emit(W.NET_DGRAM_ERROR, self.fd, A.ECONNREFUSED)
        self._notify()

    def _arrive_dgram(self, item):
        if self.state == "closed" or len(self.dq) >= DGRAM_QUEUE:
            return
        if self.peer is not None and item[1][:2] != tuple(self.peer):
            return  # a connected UDP socket only takes datagrams from its peer
        self.dq.append(item)
        self._notify()

    def recvfrom(self, n, flags=0):
        self._check_open()
        if self.type_ != A.SOCK_DGRAM:
            return self.recv(n), None
        if self.error:
            e, self.error = self.error, 0
            raise A.oserror(e)
        if not self.dq:
            raise A.oserror(A.EAGAIN)
        data, src, sid, did = self.dq.popleft()
        self.net.net_js(W.NET_DGRAM_RECV, self.fd, sid, len(data), did)
        return data[:n], src

    def recvfrom_into(self, buffer, nbytes=0, flags=0):
        mv = memoryview(buffer).cast("B")
        data, src = self.recvfrom(nbytes or len(mv))
        mv[:len(data)] = data
        return len(data), src

    # ---- readiness ---------------------------------------------------------------------
    def _readable(self):
        st = self.state
        if st == "closed":
            return False
        if st == "listening":
            return bool(self.accept_q)
        if self.type_ == A.SOCK_DGRAM:
            return bool(self.dq) or bool(self.error)
        return bool(self.rbuf) or self.eof or bool(self.error) or (st != "connected" and self.connected_once)

    def _writable(self):
        st = self.state
        if st == "closed" or st == "listening":
            return False
        if self.type_ == A.SOCK_DGRAM:
            return True
        if st != "connected":
            return self.connected_once  # a failed connect reports writable (SO_ERROR set)
        if self.error or self.wshut:
            return True
        return self._space() > 0

    # context manager, like socket.socket
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
