"""Handle labels: what a handle will do, said the way a person would (split
out of bridge.py). `Labels` is a part of bridge.Run: the caches it reads
(_names, _label_counts, _capped, _fixed_no_args, _fixed_with_args, _repr)
are set up in Run.__init__."""

from types import BuiltinMethodType as _BuiltinMethodType, FunctionType as _FunctionType, MethodType as _MethodType
from asyncio import AbstractEventLoop as _AbstractEventLoop


class Labels:
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
        elif name.startswith("BaseEventLoop.") or name.startswith("_UnixSelectorEventLoop."):
            name = "loop." + name.split(".", 1)[1]
        if key is not None and len(self._names) < 10_000:
            self._names[key] = name
        return name

    def label_id(self, cb, args):
        """String id of call_label(cb, args). A Python function or method's
        label stops depending on the arguments once it takes none or its labels
        are capped: from then on its id comes from one dict lookup, keyed by
        qualified name (what the label is made of; code objects are shared by
        functools.wraps wrappers of different names)."""
        t = type(cb)
        if t is _FunctionType:
            key = cb.__qualname__
        elif t is _MethodType and type(cb.__func__) is _FunctionType:
            key = cb.__func__.__qualname__
        else:
            return self.s(self.call_label(cb, args))
        fixed = self._fixed_with_args if args else self._fixed_no_args
        sid = fixed.get(key)
        if sid is not None:
            return sid
        label = self.call_label(cb, args)
        sid = self.s(label)
        if not args or label == self._capped.get(self.callable_name(cb)):
            fixed[key] = sid
        return sid

    def call_label(self, cb, args):
        try:
            name = self.callable_name(cb)
            if not args:
                return name + "()"
            n = self._label_counts.get(name, 0)
            if n >= self.LABELS_PER_CALLABLE:
                capped = self._capped.get(name)
                if capped is None:
                    template = _FRIENDLY.get(name)
                    capped = self._capped[name] = template.format("...") if template else name + "(...)"
                return capped
            template = _FRIENDLY.get(name)
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
