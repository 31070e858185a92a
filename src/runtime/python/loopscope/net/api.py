"""What a user program may call: `import loopscope; loopscope.set_latency(0.05)`."""


def set_latency(seconds):
    """Make every byte and datagram take `seconds` of virtual time to arrive
    (default 0: loopback, where event order matches CPython's)."""
    from . import current_network
    current_network().set_latency(seconds)


def get_latency():
    from . import current_network
    return current_network().latency


def socket(family=-1, type=-1, proto=-1):
    """A socket of the simulated network, for loop.sock_* methods."""
    from .sock import SimSocket
    return SimSocket(family, type, proto)
