"""CPU budget: stop code that never returns to the loop (`while True: pass`).

sys.monitoring JUMP events, switched on only for the user's code objects, count
loop iterations (backward jumps); the count restarts at every handle the loop
runs, so the budget bounds the work of one step, not of the whole run. Cost:
one Python call per loop iteration in user code, nothing elsewhere.
"""

import sys

from .wire import LIMIT_CPU

_TOOL = 4  # sys.monitoring ids 3 and 4 are free for tools like us
_count = 0
_limit = 1 << 62
_error = None
_active = False
_budget = 1 << 62
_tripped = None  # a limit already raised: every further user jump re-raises it


def reset():
    """Fresh count and the normal budget again (for finalizers run at exit)."""
    global _count, _limit, _tripped
    _count = 0
    _limit = _budget
    _tripped = None


def trip(exc):
    """A limit was raised: from now on any backward jump in user code raises it again."""
    global _limit, _tripped
    _tripped = exc
    _limit = 0


def _on_jump(code, offset, target):
    global _count
    _count += 1
    if _count > _limit:
        if _tripped is not None:
            raise _error(_tripped.kind, _tripped.message)
        raise _error(LIMIT_CPU, f"a step ran more than {_limit:,} loop iterations without returning to the "
                     "event loop (an endless loop?), so it was stopped")


def tick(what, weight):
    """One iteration of work that does not return to Loopscope's loop, counted
    as `weight` backward jumps in user code (foreign.py: another event loop's
    iterations, each of which runs a good deal of Python). `what` names it in
    the message."""
    global _count
    _count += weight
    if _count > _limit and _error is not None:
        if _tripped is not None:
            raise _error(_tripped.kind, _tripped.message)
        raise _error(LIMIT_CPU, f"{what} more than {_limit // weight:,} iterations without returning to "
                     "Loopscope's event loop (an endless loop?), so it was stopped")


def _codes(code):
    yield code
    for c in code.co_consts:
        if hasattr(c, "co_code"):
            yield from _codes(c)


def start(code, limit, error_class):
    """Watch every code object of the user's module for backward jumps."""
    global _limit, _error, _active, _count, _budget, _tripped
    _limit = _budget = limit
    _error = error_class
    _count = 0
    _tripped = None
    mon = getattr(sys, "monitoring", None)
    if mon is None or limit <= 0:
        return
    try:
        mon.use_tool_id(_TOOL, "loopscope")
    except ValueError:
        pass  # still registered from an earlier run
    mon.register_callback(_TOOL, mon.events.JUMP, _on_jump)
    for c in _codes(code):
        mon.set_local_events(_TOOL, c, mon.events.JUMP)
    _active = True


def watch(code):
    """Also watch code compiled during the run (a Python child process's -c code)."""
    mon = getattr(sys, "monitoring", None)
    if mon is None or not _active:
        return
    for c in _codes(code):
        mon.set_local_events(_TOOL, c, mon.events.JUMP)


def stop():
    global _active, _limit, _budget, _tripped
    _limit = _budget = 1 << 62
    _tripped = None
    mon = getattr(sys, "monitoring", None)
    if mon is None or not _active:
        return
    _active = False
    mon.register_callback(_TOOL, mon.events.JUMP, None)
    mon.free_tool_id(_TOOL)
