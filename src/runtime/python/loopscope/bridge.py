"""The per-run link between Python and the TypeScript engine and recorder.

One `Run` exists while a program runs (module global `current`). Everything
that crosses into JavaScript goes through bound methods cached here, with ints
and floats only on the hot path (a Python->JS call with an int costs ~0.4 us;
a proxy per handle would cost ~27 us). Strings are interned on the Python side
first, so each distinct label crosses once.
"""

import reprlib
import sys

# Task states, mirrored from src/trace/schema.ts (TaskState).
PENDING, READY, RUNNING, WAITING, DONE, CANCELLED, FAILED = range(7)

current = None  # the Run in progress, or None


class Run:
    def __init__(self, engine, recorder, filename, options):
        self.filename = filename
        self.options = options
        # Engine (scheduling) methods.
        self.soon = engine.callSoon
        self.at = engine.callAt
        self.cancel = engine.cancel
        self.begin = engine.beginIteration
        self.pop = engine.popReady
        self.finish = engine.finish
        self.block_js = engine.block
        self._engine = engine
        # Recorder (facts) methods.
        self._intern_js = recorder.intern
        self.task_new = recorder.taskNew
        self.task_state = recorder.taskState
        self.fut_new = recorder.futNew
        self.fut_cb_js = recorder.futCb
        self.fut_done_js = recorder.futDone
        self.out_js = recorder.out
        self.loop_event = recorder.loop
        self.limit_js = recorder.limit
        self.error_js = recorder.error
        self.net_js = recorder.net
        self.line_js = recorder.line
        self._strings = {"": 0}
        self._next_obj = 0
        self._next_task_no = 0
        self._next_future_no = 0
        self._next_loop = 0
        self._chains = {}
        self.in_executor = None  # label of the function run by run_in_executor
        self._repr = reprlib.Repr()
        self._repr.maxstring = 24
        self._repr.maxother = 24
        self._repr.maxlist = 3
        self._repr.maxdict = 2
        self._repr.maxtuple = 3
        self.loops = []
        self.out_last = None

    def flush_output(self):
        w = self.out_last
        if w is not None and w.buf:
            text = "".join(w.buf)
            w.buf.clear()
            self.out_js(w._fd, text)

    # ---- strings and ids ---------------------------------------------------
    def s(self, text):
        """Intern a string; returns its id in the trace's string table."""
        sid = self._strings.get(text)
        if sid is None:
            sid = self._intern_js(text)
            self._strings[text] = sid
        return sid

    def new_obj(self):
        n = self._next_obj
        self._next_obj = n + 1
        return n

    def next_task_name(self):
        self._next_task_no += 1
        return f"Task-{self._next_task_no}"

    def next_future_name(self):
        self._next_future_no += 1
        return f"Future-{self._next_future_no}"

    def new_loop_id(self):
        self._next_loop += 1
        return self._next_loop

    def now(self):
        # float(): a JS number with an integral value arrives as a Python int.
        return float(self._engine.now)

    def block(self, seconds, kind, label):
        self.block_js(seconds, kind, self.s(label))

    # ---- where in the user's code ------------------------------------------
    def user_line(self, frame):
        """Line of the innermost frame of the user's file at or above `frame` (0 if none)."""
        fn = self.filename
        while frame is not None:
            if frame.f_code.co_filename == fn:
                return frame.f_lineno
            frame = frame.f_back
        return 0

    def chain_id(self, coro):
        """String id of the await chain of a suspended coroutine: user lines, outermost first."""
        fn = self.filename
        lines = []
        depth = 0
        while coro is not None and depth < 64:
            depth += 1
            frame = getattr(coro, "cr_frame", None)
            if frame is None:
                frame = getattr(coro, "gi_frame", None)
                if frame is None:
                    frame = getattr(coro, "ag_frame", None)
                nxt = getattr(coro, "gi_yieldfrom", None)
            else:
                nxt = coro.cr_await
            if frame is None:
                break
            if frame.f_code.co_filename == fn:
                lines.append(frame.f_lineno)
            coro = nxt
        if not lines:
            return -1
        key = tuple(lines)
        cid = self._chains.get(key)
        if cid is None:
            cid = self.s(">".join(map(str, lines)))
            self._chains[key] = cid
        return cid

    # ---- labels --------------------------------------------------------------
    def short(self, obj):
        """How a person would name an argument in a label."""
        ls = getattr(obj, "_ls_name", None)
        if ls is not None:
            return ls
        try:
            from asyncio import AbstractEventLoop

            if isinstance(obj, AbstractEventLoop):
                return "loop"
            return self._repr.repr(obj)
        except Exception:
            return type(obj).__name__

    def callable_name(self, cb):
        name = getattr(cb, "__qualname__", None) or getattr(cb, "__name__", None)
        if name is None:
            inner = getattr(cb, "func", None)  # functools.partial
            if inner is not None:
                return "partial(" + self.callable_name(inner) + ")"
            return type(cb).__name__
        if name.startswith("BaseEventLoop.") or name.startswith("VirtualEventLoop."):
            name = "loop." + name.split(".", 1)[1]
        return name

    def call_label(self, cb, args):
        try:
            name = self.callable_name(cb)
            return name + "(" + ", ".join(self.short(a) for a in args) + ")"
        except Exception:
            return "callback"


def fut_text(fut):
    """Result or exception repr of a finished future, without marking its exception retrieved."""
    try:
        state = fut._state
        if state == "CANCELLED":
            return CANCELLED, ""
        exc = fut._exception
        if exc is not None:
            return FAILED, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        r = reprlib.repr(fut._result)
        return DONE, r
    except Exception:
        return DONE, ""
