"""The per-run link between Python and the TypeScript engine and recorder.

One `Run` exists while a program runs (module global `current`). Everything
that crosses into JavaScript goes through bound methods cached here, with ints
and floats only on the hot path (a Python->JS call with an int costs ~0.4 us;
a proxy per handle would cost ~27 us). Strings are interned on the Python side
first, so each distinct label crosses once.
"""

import reprlib
from types import BuiltinMethodType as _BuiltinMethodType, FunctionType as _FunctionType, MethodType as _MethodType
from asyncio import AbstractEventLoop as _AbstractEventLoop

# Task states, mirrored from src/trace/schema.ts (TaskState).
PENDING, READY, RUNNING, WAITING, DONE, CANCELLED, FAILED = range(7)

# Packing of label and owner into one number (src/runtime/bridge.ts).
OWNER_SPAN = 1 << 26


def pack_owner_none(label):
    return label * OWNER_SPAN


def pack_callback_of(label, fid):
    return label * OWNER_SPAN + (2 + 2 * fid if fid >= 0 else 0)


def pack_task_state(state, wait_on, chain):
    return ((chain + 1) * OWNER_SPAN + wait_on + 1) * 8 + state

current = None  # the Run in progress, or None


class Run:
    def __init__(self, js, filename, options):
        self.filename = filename
        self.options = options
        # Scheduling (src/runtime/bridge.ts): ids are assigned on the JS side.
        self.soon = js.soon
        self.soon_task = js.soonTask
        self.at = js.at
        self.cancel = js.cancel
        self.begin = js.begin
        self.pop = js.pop
        self.pop_task = js.popTask
        self.finish = js.finish
        self.block_js = js.block
        self._now = js.now
        # Facts.
        self._intern_js = js.intern
        self.task_new = js.taskNew
        self.task_state = js.taskState
        self.fut_new = js.futNew
        self.fut_new_text = js.futNewText  # label as text: interned on the JS side (one crossing)
        self.fut_cb_js = js.futCb
        self.fut_done_js = js.futDone
        self.out_js = js.out
        self.loop_event = js.loop
        self.limit_js = js.limit
        self.error_js = js.error
        self.net_js = js.net
        self.line_js = js.line
        self._strings = {"": 0}
        self._next_obj = 0
        self._next_task_no = 0
        self._next_future_no = 0
        self._next_loop = 0
        self._chains = {}
        self.in_executor = None  # label of the function run by run_in_executor
        self._names = {}
        self._label_counts = {}
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
        return float(self._now())

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
            elif lines:
                break  # below the user's code: asyncio's own frames
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
    # Labels say what a handle will do the way a person would ("fire('late')",
    # "hello_world(loop)"). They are built on the hot path, so common argument
    # types take a fast path, and a callable that has already produced
    # LABELS_PER_CALLABLE distinct labels gets "name(...)" from then on: a
    # million-step program would otherwise intern a million strings.
    LABELS_PER_CALLABLE = 200

    def short(self, obj):
        """How a person would name an argument in a label."""
        t = type(obj)
        if t is int or t is float or t is bool or obj is None:
            return str(obj)
        if t is str:
            return repr(obj) if len(obj) <= 24 else repr(obj[:21]) + "..."
        ls = getattr(obj, "_ls_name", None)
        if ls is not None:
            return ls
        if isinstance(obj, _AbstractEventLoop):
            return "loop"
        try:
            return self._repr.repr(obj)
        except Exception:
            return t.__name__

    def callable_name(self, cb):
        # The cache must not keep callbacks alive: a closure (gather's
        # _done_callback holds the outer future) or a bound method (its
        # __self__) would then outlive the program's last reference, and their
        # finalizers ("exception was never retrieved") would never run. So
        # functions are not cached and methods are keyed by what outlives them.
        t = type(cb)
        if t is _FunctionType:
            return cb.__qualname__
        if t is _MethodType:
            key = cb.__func__
        elif t is _BuiltinMethodType:
            key = (type(cb.__self__), cb.__name__)
        else:
            key = None  # partials and callable objects may hold anything
        name = self._names.get(key) if key is not None else None
        if name is not None:
            return name
        name = getattr(cb, "__qualname__", None) or getattr(cb, "__name__", None)
        if name is None:
            inner = getattr(cb, "func", None)  # functools.partial
            name = "partial(" + self.callable_name(inner) + ")" if inner is not None else type(cb).__name__
        elif name.startswith("BaseEventLoop.") or name.startswith("VirtualEventLoop."):
            name = "loop." + name.split(".", 1)[1]
        if key is not None and len(self._names) < 10_000:
            self._names[key] = name
        return name

    def call_label(self, cb, args):
        try:
            name = self.callable_name(cb)
            if not args:
                return name + "()"
            n = self._label_counts.get(name, 0)
            template = _FRIENDLY.get(name)
            if n >= self.LABELS_PER_CALLABLE:
                return template.format("...") if template else name + "(...)"
            self._label_counts[name] = n + 1
            if template:
                return template.format(self.short(args[0]))
            return name + "(" + ", ".join([self.short(a) for a in args]) + ")"
        except Exception:
            return "callback"


# asyncio's own callbacks, said the way a person would: {0} is the first argument.
_FRIENDLY = {
    "_set_result_unless_cancelled": "end of sleep: resolve {0}",
    "_run_until_complete_cb": "run_until_complete: {0} finished, stop the loop",
    "_release_waiter": "timeout: release {0}",
}


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
