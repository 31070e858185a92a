"""Each run as isolated as a run in a fresh interpreter.

One interpreter runs many programs (the page's worker, `loopscope record`, the
test suites), so whatever a program changes in the interpreter is put back
when it ends: modules it imported are forgotten (the next program that imports
them runs their code again, as python3 would), names it rebound in modules
that were already loaded (asyncio, builtins, the loop policy, warnings.warn)
and attributes of their classes (asyncio.Task.__repr__) get their old values,
and so do the interpreter's settings a program may change: the working
directory, the environment, sys.path, the recursion limit, warning filters,
the garbage collector's state, trace and profile functions, and logging's
handlers and levels (logging.basicConfig adds to the root logger in place).

Caches that live inside module objects (dicts and lists filled in place) are
kept: they change no program's output. tests/isolation.test.ts checks that a
program run after others records the trace it records in a fresh interpreter.
"""

import gc
import os
import sys
import warnings

_MISSING = object()


def _classes(module_dict, seen):
    """(class, copy of its __dict__, name, qualname) for the classes in a module's
    namespace not seen before (a class's __module__ may name another module)."""
    out = []
    for value in module_dict.values():
        if isinstance(value, type) and id(value) not in seen:
            seen.add(id(value))
            out.append((value, dict(value.__dict__), value.__name__, value.__qualname__))
    return out


def _runtime(name):
    """True for this package's own modules (their state is the runtime's)."""
    return name == _PACKAGE or name.startswith(_PACKAGE + ".")


_PACKAGE = __name__.partition(".")[0]


class State:
    __slots__ = ("modules", "dicts", "classes", "cwd", "environ", "path", "meta_path", "path_hooks",
                 "recursion", "origin_depth", "filters", "defaultaction", "onceregistry", "gc", "thresholds",
                 "loggers")


_baseline = None


def baseline():
    """The state every run starts from: taken before the first run, put back after each."""
    global _baseline
    if _baseline is None:
        _baseline = save()
    return _baseline


def save():
    """What a run may change, as it is now."""
    s = State()
    s.modules = dict(sys.modules)
    s.dicts = []
    s.classes = []
    seen = set()
    for name, module in s.modules.items():
        d = getattr(module, "__dict__", None)
        if type(d) is dict:
            s.dicts.append((name, d, d.copy()))
            s.classes.extend((name, *c) for c in _classes(d, seen))
    s.cwd = os.getcwd()
    s.environ = dict(os.environ)
    s.path = sys.path[:]
    s.meta_path = sys.meta_path[:]
    s.path_hooks = sys.path_hooks[:]
    s.recursion = sys.getrecursionlimit()
    s.origin_depth = sys.get_coroutine_origin_tracking_depth()
    s.filters = warnings.filters[:]
    s.defaultaction = warnings.defaultaction
    s.onceregistry = dict(warnings.onceregistry)
    s.gc = gc.isenabled()
    s.thresholds = gc.get_threshold()
    s.loggers = _loggers()
    return s


def _loggers():
    """logging's loggers as they are configured now (logging.basicConfig adds a
    handler to the root logger in place: its list of handlers is no module name)."""
    import logging
    loggers = [logging.root] + [l for l in logging.Logger.manager.loggerDict.values()
                                if isinstance(l, logging.Logger)]
    return [(l, l.handlers[:], l.level, l.propagate, l.disabled) for l in loggers]


def _put_back(current, saved, delete, assign):
    """Make the mapping `current` hold what `saved` holds again (dict equality first,
    in C and by identity for unchanged values; then only the keys that differ)."""
    try:
        if current == saved:
            return
    except Exception:
        pass
    for k in [k for k in current if k not in saved]:
        delete(k)
    for k, v in saved.items():
        if current.get(k, _MISSING) is not v:
            assign(k, v)


def _quietly(f, *args):
    try:
        f(*args)
    except (AttributeError, TypeError):
        pass  # a slot or attribute that cannot be set or deleted


def _put_back_class(cls, saved, name, qualname):
    if cls.__name__ != name:
        _quietly(setattr, cls, "__name__", name)
    if cls.__qualname__ != qualname:
        _quietly(setattr, cls, "__qualname__", qualname)
    _put_back(cls.__dict__, saved, lambda k: _quietly(delattr, cls, k), lambda k, v: _quietly(setattr, cls, k, v))


def _put_back_modules(s, final):
    """Forget modules imported since `s` (but this package's own, imported on first
    use), and put back the names in the others and the classes. This package's own
    modules keep their names: their state is the runtime's. `sys` waits for the
    `final` call (while the run records, sys.stdout is the run's)."""
    if len(sys.modules) != len(s.modules) or sys.modules != s.modules:
        for name in [name for name in sys.modules if name not in s.modules]:
            if not _runtime(name):
                del sys.modules[name]
        for name, module in s.modules.items():
            if sys.modules.get(name, _MISSING) is not module:
                sys.modules[name] = module
    for name, current, saved in s.dicts:
        if not _runtime(name) and (final or name != "sys"):
            _put_back(current, saved, current.__delitem__, current.__setitem__)
    # Classes, this package's too: a program may patch the Task and Future it is given.
    for _name, cls, saved, cls_name, qualname in s.classes:
        _put_back_class(cls, saved, cls_name, qualname)


def release(s):
    """At the end of the program, while its run still records: let go of what the
    program's imports and rebindings keep alive (a loop held by the loop policy, its
    tasks), so that a collection now finalizes it in this run, as python3 does at exit."""
    _put_back_modules(s, final=False)


def restore(s):
    """After the run: put back everything the run changed (see the module's docstring)."""
    sys.settrace(None)
    sys.setprofile(None)
    _put_back_modules(s, final=True)
    try:
        if os.getcwd() != s.cwd:
            os.chdir(s.cwd)
    except OSError:
        os.chdir(s.cwd)
    if dict(os.environ) != s.environ:
        os.environ.clear()
        os.environ.update(s.environ)
    sys.path[:] = s.path
    sys.meta_path[:] = s.meta_path
    sys.path_hooks[:] = s.path_hooks
    sys.setrecursionlimit(s.recursion)
    sys.set_coroutine_origin_tracking_depth(s.origin_depth)
    warnings.filters[:] = s.filters
    warnings.defaultaction = s.defaultaction
    warnings.onceregistry.clear()
    warnings.onceregistry.update(s.onceregistry)
    warnings._filters_mutated()
    (gc.enable if s.gc else gc.disable)()
    gc.set_threshold(*s.thresholds)
    import logging
    known = set()
    for logger, handlers, level, propagate, disabled in s.loggers:
        known.add(logger)
        if logger.handlers != handlers:
            logger.handlers[:] = handlers
        logger.level, logger.propagate, logger.disabled = level, propagate, disabled
    for logger in logging.Logger.manager.loggerDict.values():
        if isinstance(logger, logging.Logger) and logger not in known:
            logger.handlers.clear()  # a logger the program made: configured afresh next time
    logging.Logger.manager._clear_cache()
