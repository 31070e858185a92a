"""SimSelector: a selectors.BaseSelector over the simulated fds.

select() reports the registered fds that are ready, in the order they became
ready (like epoll's ready list); a level-triggered fd that stays ready goes to
the back of the line after being reported. It never blocks: the virtual
clock moves only through the engine's timers.
"""

import selectors

from .sock import _seq

EVENT_READ = selectors.EVENT_READ
EVENT_WRITE = selectors.EVENT_WRITE


class SimSelector(selectors._BaseSelectorImpl):
    def __init__(self, net=None):
        super().__init__()
        if net is None:  # made as selectors.DefaultSelector() (foreign.py)
            from . import current_network
            net = current_network()
        self.net = net

    def register(self, fileobj, events, data=None):
        key = super().register(fileobj, events, data)
        self._queue(key.fd)
        return key

    def modify(self, fileobj, events, data=None):
        key = super().modify(fileobj, events, data)
        self._queue(key.fd)
        return key

    def _queue(self, fd):
        obj = self.net.fds.get(fd)
        if obj is not None and obj._seq is None:
            obj._seq = next(_seq)

    def select(self, timeout=None):
        fds = self.net.fds
        ready = []
        for fd, key in self._fd_to_key.items():
            obj = fds.get(fd)
            if obj is None:
                continue
            ev = 0
            want = key.events
            if want & EVENT_READ and obj._readable():
                ev = EVENT_READ
            if want & EVENT_WRITE and obj._writable():
                ev |= EVENT_WRITE
            if ev:
                if obj._seq is None:
                    obj._seq = next(_seq)
                ready.append((obj._seq, fd, key, ev))
            else:
                obj._seq = None
        if not ready:
            return []
        ready.sort(key=lambda r: (r[0], r[1]))
        out = []
        for _, fd, key, ev in ready:
            fds[fd]._seq = next(_seq)  # level-triggered: back of the line
            out.append((key, ev))
        return out


# It presents itself as Linux's selector: asyncio's debug log names it
# ("Using selector: EpollSelector"), and so does type(loop._selector).
SimSelector.__name__ = SimSelector.__qualname__ = "EpollSelector"
