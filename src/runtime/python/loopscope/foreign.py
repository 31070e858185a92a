"""Event loops that are not Loopscope's own, on virtual time.

During a run, asyncio.SelectorEventLoop and asyncio.EventLoop (and the loop
factory of asyncio's default policy) *are* Loopscope's loop (patches.py), so
`asyncio.run(main(), loop_factory=asyncio.EventLoop)` or a subclass of
SelectorEventLoop is recorded and shown like any other run. What is left are
loops built on BaseEventLoop or BaseSelectorEventLoop themselves (CPython's own
tests do that). They read the virtual clock, which only Loopscope moves, so
their timers would never come due and they would spin for ever. For them,
BaseEventLoop._run_once is wrapped here (Loopscope's loop has its own):
- when the loop's select() finds nothing and would have waited for its next
  timer, the clock moves on by that timeout, recorded as the program blocking
  in that loop's select() (which is what it does);
- an iteration that runs callbacks takes ITERATION_SECONDS of virtual time, as
  on a real clock: a loop that keeps itself busy (tasks looping on sleep(0))
  still sees its timers come due;
- a loop that would wait with nothing ready, no timer and no I/O can never
  wake up (no threads, no signals here): the run ends as idle, and says why;
- every iteration counts against the CPU budget, which resets only when
  Loopscope's own loop runs a step: a foreign loop that spins is stopped too.
  An iteration weighs ITERATION_WEIGHT loop iterations of user code (it takes
  ~16 us of Python where `while True: pass` takes ~0.3 us an iteration), so
  the page's budget stops a spinning loop after 100,000 iterations, ~2 s.
A loop with a clock of its own (its own time(), like CPython's TestLoop) keeps
it; only the last two apply.
"""

import selectors

from asyncio import base_events

from . import bridge, budget
from .wire import BLOCK_SLEEP, LIMIT_IDLE

ITERATION_WEIGHT = 50
ITERATION_SECONDS = 1e-5  # about what one busy iteration of CPython's loop takes

_base_run_once = base_events.BaseEventLoop._run_once
_base_time = base_events.BaseEventLoop.time


def _name(loop):
    return type(loop).__name__


class _Clocked:
    """Stands in for a foreign loop's selector during one _run_once."""

    __slots__ = ("_ls_sel", "_ls_loop")

    def __init__(self, sel, loop):
        self._ls_sel = sel
        self._ls_loop = loop

    def __getattr__(self, name):
        return getattr(self._ls_sel, name)

    def select(self, timeout=None):
        events = self._ls_sel.select(timeout)
        if events:
            return events
        loop = self._ls_loop
        R = bridge.current
        if R is None:
            return events
        if timeout is None:
            if not loop._ready and not loop._scheduled and not loop._stopping:
                from .loop import LoopscopeLimit
                raise LoopscopeLimit(
                    LIMIT_IDLE, f"another event loop ({_name(loop)}, not Loopscope's) is idle: nothing is "
                    "ready, no timer is set and nothing else can wake it, so CPython would wait here forever")
        elif timeout > 0 and type(loop).time is _base_time:
            R.block(float(timeout), BLOCK_SLEEP, f"{_name(loop)}.select({timeout:.6g}): waits for its next timer")
        return events


def _run_once(self):
    """BaseEventLoop._run_once for loops that are not Loopscope's, on virtual time."""
    if bridge.current is None:
        return _base_run_once(self)
    budget.tick(f"another event loop ({_name(self)}, not Loopscope's) ran", ITERATION_WEIGHT)
    busy = bool(self._ready) and type(self).time is _base_time
    sel = self._selector
    if sel is None or type(sel) is _Clocked:
        _base_run_once(self)
    else:
        self._selector = clocked = _Clocked(sel, self)
        try:
            _base_run_once(self)
        finally:
            if self._selector is clocked:
                self._selector = sel
    if busy and (R := bridge.current) is not None:
        R.block(ITERATION_SECONDS, BLOCK_SLEEP, f"{_name(self)}: one iteration")


def patches():
    """(object, name, value) to set for one run (patches.py sets and puts back)."""
    from .net.selector import SimSelector
    # A foreign selector loop's self-pipe and sockets are simulated: so is its selector.
    return [(base_events.BaseEventLoop, "_run_once", _run_once),
            (selectors, "DefaultSelector", SimSelector)]
