"""Loopscope's own frames, left out of every traceback a program is shown.

Tracebacks print as CPython prints them: our runtime's frames (the runner, our
loop's and transports' overrides on their way to asyncio's own methods) are
not there in CPython, so they go.
"""

import os
import types

PKG_DIR = os.path.dirname(os.path.abspath(__file__))


def filtered_tb(tb):
    """The traceback without frames of our own package."""
    frames = []
    while tb is not None:
        if not tb.tb_frame.f_code.co_filename.startswith(PKG_DIR):
            frames.append(tb)
        tb = tb.tb_next
    new = None
    for t in reversed(frames):
        new = types.TracebackType(new, t.tb_frame, t.tb_lasti, t.tb_lineno)
    return new


def clean(exc, seen=None):
    """Drop our frames from an exception's traceback, its cause, context and group members."""
    seen = seen if seen is not None else set()
    if exc is None or id(exc) in seen:
        return
    seen.add(id(exc))
    exc.__traceback__ = filtered_tb(exc.__traceback__)
    clean(exc.__cause__, seen)
    clean(exc.__context__, seen)
    for sub in getattr(exc, "exceptions", ()) or ():
        clean(sub, seen)
