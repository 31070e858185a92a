"""Names and addresses of the simulated network: which hosts exist
(localhost, 127.0.0.1, ::1 and the wildcards), getaddrinfo / getnameinfo as
a Linux host with `127.0.0.1 localhost` in /etc/hosts answers them, and the
OSErrors with their real errno and text."""

import ipaddress
import socket as _socket

AF_INET = int(_socket.AF_INET)
AF_INET6 = int(_socket.AF_INET6)
SOCK_STREAM = int(_socket.SOCK_STREAM)
SOCK_DGRAM = int(_socket.SOCK_DGRAM)
SOCK_RAW = 3
IPPROTO_TCP = 6
IPPROTO_UDP = 17

WILDCARD = {AF_INET: "0.0.0.0", AF_INET6: "::"}
LOOPBACK = {AF_INET: "127.0.0.1", AF_INET6: "::1"}
# Names this host knows, as /etc/hosts here lists them (localhost is IPv4 only).
NAMES = {"localhost": [(AF_INET, "127.0.0.1")]}
REVERSE = {"127.0.0.1": "localhost"}
SERVICES = {"http": 80, "https": 443, "ftp": 21, "ssh": 22, "smtp": 25, "domain": 53, "echo": 7}
SERVICE_NAMES = {v: k for k, v in SERVICES.items()}

EPHEMERAL_LOW, EPHEMERAL_HIGH = 32768, 60999


# Linux errno numbers: CPython on Linux reports these (Pyodide's errno module
# has Emscripten's numbers, e.g. ECONNREFUSED 14; patches.install sets the
# socket-related names so user code comparing e.errno == errno.X agrees).
EPIPE, EBADF, EAGAIN, EINVAL = 32, 9, 11, 22
EADDRINUSE, EADDRNOTAVAIL, ECONNREFUSED, ECONNRESET, ECONNABORTED = 98, 99, 111, 104, 103
EINPROGRESS, ENOTCONN, EISCONN, EMSGSIZE, EDESTADDRREQ = 115, 107, 106, 90, 89
EAFNOSUPPORT, ENETUNREACH, EOPNOTSUPP, EPROTONOSUPPORT, ETIMEDOUT, EHOSTUNREACH = 97, 101, 95, 93, 110, 113

_STRERROR = {
    EADDRINUSE: "Address already in use",
    EADDRNOTAVAIL: "Cannot assign requested address",
    ECONNREFUSED: "Connection refused",
    ECONNRESET: "Connection reset by peer",
    ECONNABORTED: "Software caused connection abort",
    EPIPE: "Broken pipe",
    EBADF: "Bad file descriptor",
    EAGAIN: "Resource temporarily unavailable",
    EINPROGRESS: "Operation now in progress",
    ENOTCONN: "Transport endpoint is not connected",
    EISCONN: "Transport endpoint is already connected",
    EINVAL: "Invalid argument",
    EMSGSIZE: "Message too long",
    EDESTADDRREQ: "Destination address required",
    EAFNOSUPPORT: "Address family not supported by protocol",
    ENETUNREACH: "Network is unreachable",
    EOPNOTSUPP: "Operation not supported",
    EPROTONOSUPPORT: "Protocol not supported",
    ETIMEDOUT: "Connection timed out",
    EHOSTUNREACH: "No route to host",
}
_CLASS = {
    ECONNREFUSED: ConnectionRefusedError, ECONNRESET: ConnectionResetError,
    ECONNABORTED: ConnectionAbortedError, EPIPE: BrokenPipeError,
    EAGAIN: BlockingIOError, EINPROGRESS: BlockingIOError, ETIMEDOUT: TimeoutError,
}
ERRNO_NAMES = {  # set in errno for each run (patches.install)
    "EADDRINUSE": EADDRINUSE, "EADDRNOTAVAIL": EADDRNOTAVAIL, "ECONNREFUSED": ECONNREFUSED,
    "ECONNRESET": ECONNRESET, "ECONNABORTED": ECONNABORTED, "EINPROGRESS": EINPROGRESS,
    "ENOTCONN": ENOTCONN, "EISCONN": EISCONN, "EMSGSIZE": EMSGSIZE, "EDESTADDRREQ": EDESTADDRREQ,
    "ENETUNREACH": ENETUNREACH, "EHOSTUNREACH": EHOSTUNREACH, "ETIMEDOUT": ETIMEDOUT,
}


def oserror(code, cls=None, text=None):
    """The OSError Linux would raise for errno `code` (its subclass, number and text)."""
    cls = cls or _CLASS.get(code, OSError)
    return cls(code, text or _STRERROR.get(code, "Unknown error"))


def error_class(code):
    return _CLASS.get(code, OSError)


class BindError(OSError):
    """A bind() failure. Its str() is the bare strerror, so that asyncio 3.14's
    'error while attempting to bind on address ...: {str(exc).lower()}' reads
    as CPython 3.11 and Linux print it ('... : address already in use')."""

    def __str__(self):
        return self.strerror or super().__str__()


def parse_ip(host):
    """(family, canonical text) of a numeric address, or None."""
    if not isinstance(host, str):
        return None
    try:
        ip = ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return None
    return (AF_INET if ip.version == 4 else AF_INET6), str(ip)


def is_local(family, host):
    if family == AF_INET:
        return host == "0.0.0.0" or host.startswith("127.")
    return host in ("::", "::1")


def _port(port):
    if port is None:
        return 0
    if isinstance(port, bytes):
        port = port.decode()
    if isinstance(port, str):
        if port.isdigit():
            return int(port)
        if port in SERVICES:
            return SERVICES[port]
        raise _socket.gaierror(-8, "Servname not supported for ai_socktype")
    if isinstance(port, int):
        return port
    raise TypeError("getaddrinfo() argument 2 must be integer or string")


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    if isinstance(host, bytes):
        host = host.decode("idna")
    p = _port(port)
    family = int(family)
    if host is None or host == "":
        if host is None and port is None:
            raise _socket.gaierror(-2, "Name or service not known")
        table = WILDCARD if flags & int(_socket.AI_PASSIVE) else LOOPBACK
        addrs = [(AF_INET, table[AF_INET]), (AF_INET6, table[AF_INET6])]
    else:
        ip = parse_ip(host)
        if ip is not None:
            addrs = [ip]
        elif host.lower() in NAMES:
            addrs = NAMES[host.lower()]
        else:
            raise _socket.gaierror(-2, "Name or service not known")
    if family:
        addrs = [a for a in addrs if a[0] == family]
        if not addrs:
            raise _socket.gaierror(-9, "Address family for hostname not supported")
    kinds = [(SOCK_STREAM, IPPROTO_TCP), (SOCK_DGRAM, IPPROTO_UDP), (SOCK_RAW, 0)]
    if type:
        kinds = [k for k in kinds if k[0] == int(type)]
    if proto:
        kinds = [k for k in kinds if k[1] == int(proto)]
    out = []
    for fam, h in addrs:
        sa = (h, p) if fam == AF_INET else (h, p, 0, 0)
        for t, pr in kinds:
            out.append((_socket.AddressFamily(fam), _socket.SocketKind(t), pr, "", sa))
    return out


def getnameinfo(sockaddr, flags):
    if not isinstance(sockaddr, tuple) or len(sockaddr) < 2:
        raise TypeError("getnameinfo() argument 1 must be a tuple")
    host, port = sockaddr[0], sockaddr[1]
    ip = parse_ip(host)
    if ip is None:
        if host in NAMES:
            ip = NAMES[host][0]
        else:
            raise _socket.gaierror(-2, "Name or service not known")
    numeric_host = flags & int(getattr(_socket, "NI_NUMERICHOST", 1))
    numeric_serv = flags & int(getattr(_socket, "NI_NUMERICSERV", 2))
    name = ip[1] if numeric_host else REVERSE.get(ip[1], ip[1])
    serv = str(port) if numeric_serv else SERVICE_NAMES.get(port, str(port))
    return name, serv


def sockaddr(family, host, port):
    return (host, port) if family == AF_INET else (host, port, 0, 0)


def check_address(family, address):
    """(host, port) of a socket address given to bind/connect/sendto."""
    if family == AF_INET:
        if not isinstance(address, tuple) or len(address) != 2:
            raise TypeError(f"AF_INET address must be tuple, not {type(address).__name__}")
    else:
        if not isinstance(address, tuple) or not 2 <= len(address) <= 4:
            raise TypeError(f"AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])")
    host, port = address[0], address[1]
    if not isinstance(port, int):
        raise TypeError(f"'{type(port).__name__}' object cannot be interpreted as an integer")
    if not 0 <= port <= 65535:
        raise OverflowError(f"bind(): port must be 0-65535." if True else "")
    if host == "":
        return WILDCARD[family], port
    ip = parse_ip(host)
    if ip is None:
        if isinstance(host, str) and host.lower() in NAMES:
            for fam, h in NAMES[host.lower()]:
                if fam == family:
                    return h, port
        raise _socket.gaierror(-2, "Name or service not known")
    if ip[0] != family:
        raise _socket.gaierror(-9, "Address family for hostname not supported")
    return ip[1], port
