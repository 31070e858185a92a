"""Simulated network and process table on virtual time (transports issue).

NetworkMixin is mixed into VirtualEventLoop ahead of BaseEventLoop, so its
methods replace BaseEventLoop's socket- and process-based ones.
"""


class NetworkMixin:
    pass
