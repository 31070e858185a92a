"""Instrumented Future and Task.

Subclasses of the C `_asyncio.Future` / `_asyncio.Task` (kept for speed: the
pure-Python ones cost ~1 us more per step). They add only what the loop
cannot see from its side: creation (with a per-run name and the user line that
created them), done callbacks added, and plain futures finishing. Task steps
are observed by the loop after each handle it runs (see loop.py).

Names: CPython numbers tasks Task-1, Task-2... with a counter that lives as
long as the interpreter; we run many programs in one interpreter, so the
counter is per run and we always pass an explicit name.
"""

import sys
from sys import _getframe
from types import GeneratorType as _GeneratorType
from asyncio import coroutines, tasks

from . import bridge
from .frames import PKG_DIR
from .wire import B_FUT_NUM, NO_ID

_CFuture = sys.modules["_asyncio"].Future
_CTask = sys.modules["_asyncio"].Task


def obj_id(fut):
    """The trace id of any future-like object, registering it on first sight."""
    try:
        return fut._ls_id
    except AttributeError:
        pass
    R = bridge.current
    if R is None:
        return NO_ID
    oid = R.new_obj()
    name = type(fut).__name__ + "-" + str(oid)
    try:
        fut._ls_id = oid
        fut._ls_name = name
    except AttributeError:
        return NO_ID  # an object that takes no attributes: not tracked
    R.fut_new(oid, R.s(name), 0)
    return oid


class _StandsForBase(type):
    """asyncio.Future / asyncio.Task are replaced by our subclasses during a run,
    but futures that asyncio makes from the C classes (e.g. gather's
    _GatheringFuture) must still pass isinstance(x, asyncio.Future)."""

    def __instancecheck__(cls, obj):
        base = cls.__dict__.get("_ls_stands_for")
        return isinstance(obj, base) if base is not None else type.__instancecheck__(cls, obj)

    def __subclasscheck__(cls, sub):
        base = cls.__dict__.get("_ls_stands_for")
        return issubclass(sub, base) if base is not None else type.__subclasscheck__(cls, sub)


class Future(_CFuture, metaclass=_StandsForBase):
    _ls_stands_for = _CFuture
    __module__ = "_asyncio"  # print(type(fut)) shows <class '_asyncio.Future'>, as in CPython

    def __init__(self, *, loop=None):
        super().__init__(loop=loop)
        tb = self._source_traceback
        if tb:  # debug mode: name the creator, not this __init__ or our loop's create_future
            while tb and tb[-1].filename.startswith(PKG_DIR):
                del tb[-1]
        R = bridge.current
        if R is not None:
            # The hot path of every sleep and every awaited I/O: ids inlined,
            # and the label goes as its parts (number, purpose) for the bridge
            # to put together, so no per-future string is built or interned here.
            oid = R._next_obj
            R._next_obj = oid + 1
            self._ls_id = oid
            no = R._next_future_no + 1
            R._next_future_no = no
            self._ls_no = no
            frame = _getframe(1)
            code = frame.f_code
            purpose = R.purposes.get(code)
            if purpose is None:
                purpose = R.purposes[code] = _purpose(R, code)
            if purpose == _CLIMB:  # loop.create_future(): name its caller
                frame = frame.f_back
                code = frame.f_code if frame is not None else None
                purpose = R.purposes.get(code)
                if purpose is None:
                    purpose = R.purposes[code] = _purpose(R, code)
                if purpose == _CLIMB:
                    purpose = NO_ID
            R._extend((B_FUT_NUM, oid, no, purpose,
                       frame.f_lineno if code is not None and code.co_filename == R.filename else R.user_line(frame)))

    @property
    def _ls_name(self):
        return f"Future-{self._ls_no}"

    def add_done_callback(self, fn, *, context=None):
        super().add_done_callback(fn, context=context)
        R = bridge.current
        if R is not None and not isinstance(getattr(fn, "__self__", None), _CTask):
            # A task waiting on this future is recorded by its WAITING state.
            R.fut_cb_js(obj_id(self), R.s(R.callable_name(fn)))

    def set_result(self, result):
        super().set_result(result)
        _finished(self)

    def set_exception(self, exception):
        super().set_exception(exception)
        _finished(self)

    def cancel(self, msg=None):
        done = super().cancel(msg=msg)
        if done:
            _finished(self)
        return done


_CLIMB = -2


def _purpose(R, code):
    """What a future made by `code` is for: its string id ("sleep"), NO_ID when
    the user made it, or _CLIMB for create_future (look one frame further)."""
    if code is None:
        return NO_ID
    name = code.co_name
    if name == "create_future":
        return _CLIMB
    if code.co_filename == R.filename or name == "<module>":
        return NO_ID
    return R.s(name.lstrip("_"))


def _finished(fut):
    R = bridge.current
    if R is not None:
        state, text = bridge.fut_text(fut)
        R.fut_done_js(obj_id(fut), state, R.s(text))


class GatheringFuture(tasks._GatheringFuture):
    """gather()'s outer future, recorded finishing like ours: asyncio's
    _GatheringFuture derives from the C Future (it was defined before a run
    replaced futures.Future), so its end went unrecorded. patches.install puts
    this in tasks._GatheringFuture for a run; the name and repr are asyncio's."""
    __module__ = tasks._GatheringFuture.__module__
    __qualname__ = tasks._GatheringFuture.__qualname__

    def set_result(self, result):
        super().set_result(result)
        _finished(self)

    def set_exception(self, exception):
        super().set_exception(exception)
        _finished(self)

    # No cancel(): asyncio's only cancels the children (the outer future ends
    # later, through the two above); and these are not shared with Future
    # through a mixin, because labels show the method's qualified name
    # (a timer reads "Future.set_result('ok')").


GatheringFuture.__name__ = tasks._GatheringFuture.__name__


class Task(_CTask, metaclass=_StandsForBase):
    _ls_stands_for = _CTask
    __module__ = "_asyncio"  # print(type(task)) shows <class '_asyncio.Task'>, as in CPython

    def __init__(self, coro, *, loop=None, name=None, context=None, eager_start=False):
        R = bridge.current
        if type(coro) is _GeneratorType and not coroutines.iscoroutine(coro):
            # The C check caches by type, so once an @asyncio.coroutine
            # generator has made a task it would take any generator.
            raise TypeError(f"a coroutine was expected, got {coro!r}")
        if R is not None and coroutines.iscoroutine(coro) or (R is not None and hasattr(coro, "gi_frame")):
            oid = R.new_obj()
            self._ls_id = oid
            if name is None:
                name = R.next_task_name()
            self._ls_name = str(name)
            qual = getattr(coro, "__qualname__", None) or type(coro).__name__
            self._ls_step = R.s(f"{name}: step {qual}()")
            self._ls_ready_at = -2  # chain id of its last recorded READY state (loop.py)
            R.task_new(oid, R.s(str(name)), R.s(qual + "()"), R.user_line(sys._getframe(1)))
        elif name is None and R is not None:
            name = R.next_task_name()
        super().__init__(coro, loop=loop, name=name, context=context, eager_start=eager_start)
        if self._source_traceback:
            # Debug mode: the C init dropped one frame (this __init__); the C
            # class alone would have dropped create_task's, so drop that too.
            del self._source_traceback[-1]

    def set_name(self, value):
        super().set_name(value)
        R = bridge.current
        if R is not None and hasattr(self, "_ls_id"):
            self._ls_name = str(value)
            qual = getattr(self.get_coro(), "__qualname__", "coroutine")
            self._ls_step = R.s(f"{value}: step {qual}()")
            R.task_new(self._ls_id, R.s(str(value)), R.s(qual + "()"), 0)

    def add_done_callback(self, fn, *, context=None):
        super().add_done_callback(fn, context=context)
        R = bridge.current
        if R is not None and hasattr(self, "_ls_id") and not isinstance(getattr(fn, "__self__", None), _CTask):
            R.fut_cb_js(self._ls_id, R.s(R.callable_name(fn)))
