"""The per-run link between Python and the TypeScript engine and recorder.

One `Run` exists while a program runs (module global `current`). A Python->JS
call costs ~0.25 us plus ~0.15-0.3 us per argument in Pyodide, more than a
whole CPython loop step, so facts and scheduling requests are not sent one by
one: they are appended to a list (`ev`: records B_* of the generated
loopscope.wire, from src/trace/wire.ts; handle ids assigned here), packed
into float64s and handed over once per loop iteration in `begin`, which replays them into
the engine and recorder in order (src/runtime/bridge.ts)
and answers with the ids of the handles the next iteration runs. Strings and
await chains are interned here; each new one travels once, with the next
flush, in `_fresh` (a str is the next string id, a tuple of user lines the
next chain id: one list, so that the per-iteration call takes no extra argument).
"""

import reprlib
from struct import pack as _pack
from types import CoroutineType as _CoroutineType

from .compat import FUTURE_ITER as _FutureIter
from .labels import Labels
from .wire import (B_BLOCK, B_CANCEL, B_ERROR, B_FUT_CB, B_FUT_DONE, B_FUT_NEW, B_LIMIT, B_LOOP, B_NET, B_OUT,
                   B_SOON, B_TASK_NEW, B_TASK_STATE, NO_ID, TASK_CANCELLED, TASK_DONE, TASK_FAILED)


current = None  # the Run in progress, or None


class Run(Labels):
    def __init__(self, js, filename):
        self.filename = filename
        self._js_begin = js.begin
        self._js_flush = js.flush
        # The records, as Python numbers until the flush packs them into
        # float64s: list.extend of a tuple copies pointers, where
        # array("d").extend converted each number through PyArg_Parse (about
        # 2.5x the cost per record, measured in Pyodide).
        self.ev = []
        self._put = self.ev.append
        self._extend = self.ev.extend
        self._fresh = [""]  # strings and chains not yet sent to JS, in the order they got their ids
        self._strings = {"": 0}
        self._next_handle = 0
        self.clock = 0.0  # mirror of the engine's virtual clock
        self._next_obj = 0
        self._next_task_no = 0
        self._next_future_no = 0
        self.purposes = {}  # code object -> what futures it creates are for (objects.py)
        self._next_loop = 0
        self._chains = {}  # line, or tuple of lines -> chain id
        self.chain_lines = []  # chain id -> tuple of user lines, outermost first
        self.in_executor = None  # label of the function run by run_in_executor
        self._names = {}
        self._label_counts = {}
        self._capped = {}
        self._fixed_no_args = {}  # qualname -> label id (label_id)
        self._fixed_with_args = {}
        self._repr = reprlib.Repr()
        self._repr.maxstring = 24
        self._repr.maxother = 24
        self._repr.maxlist = 3
        self._repr.maxdict = 2
        self._repr.maxtuple = 3
        self.loops = []
        self.out_last = None
        self.limit = None  # the first LoopscopeLimit raised in this run
        self.limit_reported = False

    # ---- the buffer ------------------------------------------------------------
    def _take_fresh(self):
        if not self._fresh:
            return None
        new = self._fresh
        self._fresh = []
        return new

    def _packed(self):
        """The buffered records as float64 bytes (and the buffer emptied)."""
        ev = self.ev
        data = _pack("%dd" % len(ev), *ev)
        ev.clear()
        return data

    def flush(self):
        """Hand every buffered record to JS now (end of run)."""
        self.flush_output()
        self._js_flush(self._packed(), self._take_fresh())

    def begin(self, stopping):
        """Flush, and start the next loop iteration: returns (n, ids)."""
        res = self._js_begin(self._packed(), self._take_fresh(), stopping).to_memoryview()
        self.clock = res[0:2].cast("B").cast("d")[0]
        return res[2], res[3:].tolist()

    # ---- scheduling ------------------------------------------------------------
    def soon(self, label, owner):
        """Queue a handle: owner is a task id (its step), OWNER_CALLBACK_BASE - f (a done callback of f) or NO_ID."""
        h = self._next_handle
        self._next_handle = h + 1
        self._extend((B_SOON, h, label, owner))
        return h

    def cancel(self, h):
        self._extend((B_CANCEL, h))

    def now(self):
        return self.clock

    def block(self, seconds, kind, label):
        if not seconds > 0:
            return
        self._extend((B_BLOCK, kind, self.s(label), seconds))
        self.clock += seconds

    # ---- facts -------------------------------------------------------------------
    def task_new(self, t, name, coro, line):
        self._extend((B_TASK_NEW, t, name, coro, line))

    def task_state(self, t, state, wait_on, chain):
        self._extend((B_TASK_STATE, t, state, wait_on, chain))

    def fut_new(self, f, label, line):
        self._extend((B_FUT_NEW, f, label, line))

    def fut_cb_js(self, f, label):
        self._extend((B_FUT_CB, f, label))

    def fut_done_js(self, f, state, text):
        self._extend((B_FUT_DONE, f, state, text))

    def out_js(self, fd, text):
        self._extend((B_OUT, fd, self.s(text)))

    def loop_event(self, loop_id, what):
        self._extend((B_LOOP, loop_id, what))

    def limit_js(self, kind, message):
        self._extend((B_LIMIT, kind, self.s(message)))

    def error_js(self, kind, line, col, message):
        self._extend((B_ERROR, kind, line, col, self.s(message)))

    def net_js(self, kind, a=0, b=0, c=0, d=0):
        self._extend((B_NET, kind, a, b, c, d))

    def flush_output(self):
        w = self.out_last
        if w is not None and w.buf:
            text = "".join(w.buf)
            w.buf.clear()
            self.out_js(w._fd, text)

    # ---- strings and ids ---------------------------------------------------
    def s(self, text):
        """Intern a string; returns its id (sent to JS with the next flush)."""
        sid = self._strings.get(text)
        if sid is None:
            sid = len(self._strings)
            self._strings[text] = sid
            self._fresh.append(text)
        return sid

    def _new_chain(self, key, lines):
        """Intern an await chain (a tuple of user lines) under `key`; returns its id."""
        cid = len(self.chain_lines)
        self.chain_lines.append(lines)
        self._chains[key] = cid
        self._fresh.append(lines)
        return cid

    def new_obj(self):
        n = self._next_obj
        self._next_obj = n + 1
        return n

    def next_task_name(self):
        self._next_task_no += 1
        return f"Task-{self._next_task_no}"

    def new_loop_id(self):
        self._next_loop += 1
        return self._next_loop

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
        """Chain id of the await chain of a suspended coroutine: user lines, outermost first."""
        fn = self.filename
        if type(coro) is _CoroutineType:
            # The common case, a coroutine suspended in a call to asyncio
            # (sleep, a future, a queue): one user line, no walk needed.
            frame = coro.cr_frame
            if frame is not None and frame.f_code.co_filename == fn:
                inner = coro.cr_await
                ti = type(inner)
                if ti is _CoroutineType:
                    inner_frame = inner.cr_frame
                    simple = inner_frame is None or inner_frame.f_code.co_filename != fn
                else:
                    simple = inner is None or ti is _FutureIter
                if simple:
                    line = frame.f_lineno
                    cid = self._chains.get(line)
                    if cid is None:
                        cid = self._new_chain(line, (line,))
                    return cid
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
            elif lines:
                break  # below the user's code: asyncio's own frames
            coro = nxt
        if not lines:
            return NO_ID
        lines = tuple(lines)
        key = lines if len(lines) > 1 else lines[0]
        cid = self._chains.get(key)
        if cid is None:
            cid = self._new_chain(key, lines)
        return cid


def fut_text(fut):
    """Result or exception repr of a finished future, without marking its exception retrieved."""
    try:
        state = fut._state
        if state == "CANCELLED":
            return TASK_CANCELLED, ""
        exc = fut._exception
        if exc is not None:
            return TASK_FAILED, f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        r = fut._result
        if r is None:
            return TASK_DONE, "None"
        r = reprlib.repr(r)
        return TASK_DONE, r
    except Exception:
        return TASK_DONE, ""
