"""Tracebacks without Loopscope in them, however they are printed.

During a run, the traceback module's frame walkers (used by print_exc,
format_exception, logging's exc_info, TracebackException, print_stack,
extract_stack and the interpreter's own display of an uncaught exception)
skip the frames of this package. Where one of our functions stands in for one
of asyncio's (the loop's _run_once runs each handle, as BaseEventLoop's does),
its frame is shown as asyncio's: that file, that function, that line.
"""

import inspect
import os
import sys
import traceback
import types

PKG_DIR = os.path.dirname(os.path.abspath(__file__)) + os.sep
_stand_ins = {}  # our code object -> (_Frame as it should read, positions)


class _Frame:
    """As much of a frame as the traceback module reads."""

    __slots__ = ("f_code", "f_globals", "f_locals", "f_lineno", "f_back")

    def __init__(self, code, globals_, lineno):
        self.f_code = code
        self.f_globals = globals_
        self.f_locals = {}
        self.f_lineno = lineno
        self.f_back = None


def stand_in(ours, theirs, line):
    """Frames of function `ours` read as function `theirs` (asyncio's) at its
    line whose text is `line`, as CPython would show that line."""
    src, first = inspect.getsourcelines(theirs)
    for i, text in enumerate(src):
        if text.strip() == line:
            lineno = first + i
            col = len(text) - len(text.lstrip())
            break
    else:  # a different Python: show the function's first line rather than fail
        lineno, col = first, 0
    pos = (lineno, lineno, col, col + len(line))
    _stand_ins[ours.__code__] = (_Frame(theirs.__code__, theirs.__globals__, lineno), pos)


def recompiled(func, **names):
    """asyncio's `func` compiled again from its own source, with its own file
    name and line numbers, in a copy of its module's namespace where `names`
    stand in for some of its globals. Its frames in a traceback are asyncio's
    own, down to the carets; only what those names do is ours."""
    src, first = inspect.getsourcelines(func)
    qual = func.__qualname__.split(".")
    if len(qual) > 1:  # a method: its class again around it (same indentation, same name mangling)
        text = "\n" * (first - 2) + f"class {qual[-2]}:\n" + "".join(src)
    else:
        text = "\n" * (first - 1) + "".join(src)
    ns = dict(func.__globals__)
    ns.update(names)
    exec(compile(text, func.__code__.co_filename, "exec", dont_inherit=True), ns)
    new = ns[qual[-2]].__dict__[func.__name__] if len(qual) > 1 else ns[func.__name__]
    new.__qualname__ = func.__qualname__
    return new


def ours(code):
    return code.co_filename.startswith(PKG_DIR)


def caller(frame):
    """The innermost frame at or above `frame` as a traceback shows it, with
    its line: (frame, lineno), or (None, 0) when only our frames are left."""
    while frame is not None:
        code = frame.f_code
        if not code.co_filename.startswith(PKG_DIR):
            return frame, frame.f_lineno
        s = _stand_ins.get(code)
        if s is not None:
            return s[0], s[0].f_lineno
        frame = frame.f_back
    return None, 0


def _walk_tb_with_full_positions(tb):
    for frame, pos in _saved["_walk_tb_with_full_positions"](tb):
        code = frame.f_code
        if code.co_filename.startswith(PKG_DIR):
            s = _stand_ins.get(code)
            if s is not None:
                yield s
        else:
            yield frame, pos


def _lines(gen):
    for frame, lineno in gen:
        code = frame.f_code
        if code.co_filename.startswith(PKG_DIR):
            s = _stand_ins.get(code)
            if s is not None:
                yield s[0], s[0].f_lineno
        else:
            yield frame, lineno


def walk_tb(tb):
    return _lines(_saved["walk_tb"](tb))


def walk_stack(f):
    if f is None:
        f = sys._getframe().f_back  # as traceback.walk_stack: the caller's frame
    return _lines(_saved["walk_stack"](f))


# The traceback module's own walkers, which ours filter.
_saved = {name: getattr(traceback, name) for name in ("_walk_tb_with_full_positions", "walk_tb", "walk_stack")}


def patches():
    """(object, name, value) to set for one run (patches.py sets and puts back)."""
    return [(traceback, "_walk_tb_with_full_positions", _walk_tb_with_full_positions),
            (traceback, "walk_tb", walk_tb), (traceback, "walk_stack", walk_stack)]


def name_as_asyncio(cls, shown=None):
    """Name our class `cls` (a subclass of asyncio's) and its methods as the
    program would see CPython's: a method of ours that stands in for one of
    asyncio's takes that one's qualified name (a Task running
    `BaseEventLoop.shutdown_default_executor()`, not our class's), and one of
    our own takes the name of the asyncio class `cls` passes for (`shown`,
    or the first of asyncio's it subclasses). The names show in task, handle
    and transport reprs, the Tasks panel and warnings."""
    mine = [c for c in cls.__mro__ if _is_ours(c)]
    shown = shown or next(c for c in cls.__mro__ if c not in mine)
    for klass in mine:
        for name, value in vars(klass).items():
            func = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
            if not isinstance(func, types.FunctionType) or not ours(func.__code__):
                continue
            theirs = next((vars(c)[name] for c in cls.__mro__ if c not in mine and name in vars(c)), None)
            theirs = theirs.fget if isinstance(theirs, property) else getattr(theirs, "__func__", theirs)
            func.__qualname__ = getattr(theirs, "__qualname__", None) or f"{shown.__qualname__}.{name}"
    cls.__name__, cls.__qualname__, cls.__module__ = shown.__name__, shown.__qualname__, shown.__module__


def _is_ours(klass):
    return (klass.__module__ or "").startswith(__name__.rpartition(".")[0] + ".")
