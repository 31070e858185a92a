"""Runs CPython's own asyncio tests inside Pyodide, one test at a time.

Loaded as the module `_ls_cpython` by tests/cpython/suite.ts. Two modes:
- Loopscope: every test is its own Loopscope run (a two-line program that calls
  run_one), so each test gets fresh caps (steps, virtual time, idle loop, CPU)
  and a cap ends that test only, as a failure that says why.
- stock: asyncio's own loop in plain Pyodide, without Loopscope (install_stock),
  to measure what the unmodified loop passes: the baseline.

Results go to `results` (test id -> [outcome, message]); the runner reads them.
"""

import sys
import types
import unittest

results = {}


def setup(lib_dir):
    """Make `test.test_asyncio.*` importable from lib_dir without running the
    package's __init__, which skips the whole package on Emscripten
    (support.requires_working_socket(module=True)) before any test runs."""
    if lib_dir not in sys.path:
        sys.path.insert(0, lib_dir)
    import test  # noqa: F401  (Lib/test/__init__.py is empty)
    if "test.test_asyncio" not in sys.modules:
        pkg = types.ModuleType("test.test_asyncio")
        pkg.__path__ = [lib_dir + "/test/test_asyncio"]
        pkg.__file__ = lib_dir + "/test/test_asyncio/__init__.py"
        pkg.__package__ = "test.test_asyncio"
        sys.modules["test.test_asyncio"] = pkg
        sys.modules["test"].test_asyncio = pkg


def _ids(suite):
    for t in suite:
        if isinstance(t, unittest.TestSuite):
            yield from _ids(t)
        else:
            yield t.id()


# Modules a suite's import brought in. Loopscope forgets a run's imports when it
# ends (every program starts as in a fresh interpreter), so each test's run
# gets them back, as one unittest process would have them: imported once.
_imported = {}


def list_tests(module_name):
    """Import a suite's module and name its tests (into results['__list__'])."""
    before = set(sys.modules)
    __import__(module_name)
    _imported.update((k, v) for k, v in sys.modules.items() if k not in before)
    mod = sys.modules[module_name]
    suite = unittest.defaultTestLoader.loadTestsFromModule(mod)
    results["__list__"] = list(_ids(suite))


class _Result(unittest.TestResult):
    def __init__(self):
        super().__init__()
        self.outcome = None
        self.message = ""

    def _set(self, outcome, message=""):
        # A test's first failure decides; a later error in tearDown adds to it.
        if self.outcome in (None, "pass"):
            self.outcome, self.message = outcome, message
        elif message:
            self.message += "\n" + message

    def addSuccess(self, test):
        self._set("pass")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._set("fail", self._exc_info_to_string(err, test))

    def addError(self, test, err):
        super().addError(test, err)
        self._set("error", self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        self._set("skip", reason)

    def addExpectedFailure(self, test, err):
        self._set("pass")

    def addUnexpectedSuccess(self, test):
        self._set("fail", "unexpected success")

    def addSubTest(self, test, subtest, err):
        if err is not None:
            if issubclass(err[0], test.failureException):
                self._set("fail", str(subtest) + "\n" + self._exc_info_to_string(err, test))
            else:
                self._set("error", str(subtest) + "\n" + self._exc_info_to_string(err, test))


def run_one(test_id):
    """Run one test (its module fixtures included) and record its outcome."""
    results[test_id] = ["error", "the test did not finish"]
    for name, module in _imported.items():
        sys.modules.setdefault(name, module)
        parent, _, child = name.rpartition(".")
        if parent in sys.modules:
            setattr(sys.modules[parent], child, module)
    suite = unittest.defaultTestLoader.loadTestsFromName(test_id)
    result = _Result()
    suite.run(result)
    # Errors in setUpModule/tearDownModule/setUpClass are reported against a
    # _ErrorHolder, not the test: they count as this test's error too.
    for holder, text in result.errors:
        if not isinstance(holder, unittest.TestCase):
            result._set("error", text)
    results[test_id] = [result.outcome or "error", result.message]


# ---- stock mode: asyncio's own loop in plain Pyodide ------------------------------------
# Plain Pyodide cannot make asyncio's stock loop at all: socket.socketpair()
# (the loop's self-pipe) fails with OSError 28, and a selector would wait in
# real time. So the baseline changes only that: no self-pipe, and a virtual
# clock that moves on by the timeout whenever a loop's select() finds nothing
# (select returns at once). A loop that would wait forever, or spins without
# end, fails the test instead. Everything else is asyncio as shipped.

class StockLimit(Exception):
    pass


_clock = [0.0]
_spins = [0]
SPIN_LIMIT = 2_000_000


class _Clocked:
    """A loop's selector during one _run_once: the clock moves when it finds nothing."""

    def __init__(self, sel, loop):
        self._sel, self._loop = sel, loop

    def __getattr__(self, name):
        return getattr(self._sel, name)

    def select(self, timeout=None):
        events = self._sel.select(timeout)
        if not events:
            loop = self._loop
            if timeout is None:
                if not loop._ready and not loop._scheduled and not loop._stopping:
                    raise StockLimit("the loop would wait forever (nothing ready, no timer)")
            elif timeout > 0:
                _clock[0] += timeout
        return events


def install_stock():
    import asyncio
    import selectors
    import time
    from asyncio import base_events, events, selector_events

    class VirtualTimeSelector(selectors._BaseSelectorImpl):
        def select(self, timeout=None):
            return []

    base_run_once = base_events.BaseEventLoop._run_once

    def _run_once(self):
        _spins[0] += 1
        if _spins[0] > SPIN_LIMIT:
            raise StockLimit(f"the loop ran {SPIN_LIMIT:,} iterations in one test")
        sel = self._selector
        if sel is None or type(sel) is _Clocked:
            return base_run_once(self)
        self._selector = clocked = _Clocked(sel, self)
        try:
            return base_run_once(self)
        finally:
            if self._selector is clocked:
                self._selector = sel

    base_events.BaseEventLoop._run_once = _run_once
    selectors.DefaultSelector = VirtualTimeSelector
    time.monotonic = lambda: _clock[0]
    selector_events.BaseSelectorEventLoop._make_self_pipe = lambda self: setattr(self, "_ssock", None)
    selector_events.BaseSelectorEventLoop._close_self_pipe = lambda self: None
    selector_events.BaseSelectorEventLoop._write_to_self = lambda self: None
    # Pyodide's own loop (WebLoop: the browser schedules, no run_until_complete
    # without stack switching) and its asyncio.run give way to asyncio's.
    asyncio.run = asyncio.runners.run
    events._set_event_loop_policy(None)
    events._set_running_loop(None)


def run_one_stock(test_id):
    _spins[0] = 0
    run_one(test_id)
