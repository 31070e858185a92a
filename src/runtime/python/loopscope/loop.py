"""VirtualEventLoop: asyncio's BaseEventLoop with the ready queue, timer heap
and clock handed to the TypeScript engine.

We keep BaseEventLoop for everything above scheduling (run_forever, stop,
run_until_complete, exception handlers, shutdown_asyncgens, create_task...),
so those behave exactly as CPython's; only call_soon / call_at / time /
_run_once change. The engine sees integer handle ids; `_handles` maps them
back to Handle objects.
"""

import collections
import contextvars
import signal
import sys
import threading
import weakref
from asyncio import base_events, coroutines, events, unix_events

from concurrent.futures import Future as _ConcurrentFuture
from concurrent.futures.thread import WorkerContext as _WorkerContext, _WorkItem

from . import bridge, budget, frames
from types import FunctionType as _FunctionType, MethodType as _MethodType

from .bridge import fut_text
from .net import NetworkMixin
from .objects import Future, Task, _CTask, obj_id
from .wire import (B_AT, B_END, B_LINE, B_RUN, B_SKIP, B_SOON, B_TASK_STATE, BEGIN_IDLE, BEGIN_SIZE_LIMIT, BEGIN_STEP_LIMIT,
                   LIMIT_IDLE, LIMIT_MEMORY, LIMIT_STEPS, LIMIT_TIME, LOOP_CLOSED, LOOP_CREATED, LOOP_RUNNING,
                   LOOP_STOPPED, NO_ID, OWNER_CALLBACK_BASE, TASK_READY, TASK_WAITING)


def _engine_loop(R):
    """The loop whose handles the engine holds now (several loops, one engine),
    or None. The run holds it weakly: a loop the program dropped is finalized
    in the program's own run (runner.py)."""
    ref = getattr(R, "_ls_engine_loop", None)
    return ref() if ref is not None else None


class LoopscopeLimit(KeyboardInterrupt):
    """Ends a run that hit a cap. A KeyboardInterrupt so that it passes
    through Handle._run, Task steps and `except Exception` the way Ctrl-C does."""

    def __init__(self, kind, message):  # kind: a LIMIT_* code
        super().__init__(message)
        self.kind = kind
        self.message = message
        # A program may catch it: `except KeyboardInterrupt:` around
        # run_forever() is how tutorials wait for Ctrl-C. Like Ctrl-C, that
        # handler and any cleanup run, but the run stays capped: the first
        # limit is kept for the runner to report at the end. A second limit
        # means the program went back to waiting (or spinning) after catching
        # the first: then the CPU budget raises it at the user's next backward
        # jump, so a `while True` around run_forever() cannot loop on.
        R = bridge.current
        if R is not None:
            if R.limit is None:
                R.limit = self
            else:
                budget.trip(R.limit)


class _Handle(events.Handle):
    # _ls_id: the handle id, or ~id (< 0) for a task's step, tagged when it is
    # queued so that _run_once need not probe the callback after it ran
    # (a tag in the one slot: a second would change the object's size class,
    # and with it the heap's layout and the order of sets of tasks).
    __slots__ = ("_ls_id",)

    def cancel(self):
        if not self._cancelled:
            self._loop._ls_cancelled(self)
        super().cancel()


class _TimerHandle(events.TimerHandle):
    __slots__ = ("_ls_id",)


_WORKER = _WorkerContext(None, ())
_new_handle = object.__new__
_copy_context = contextvars.copy_context
_future_types = {}


def _is_future(obj):
    """asyncio.isfuture, answered once per type: hasattr on an object that
    lacks the attribute raises and catches inside, too slow for every step."""
    t = type(obj)
    known = _future_types.get(t)
    if known is None:
        known = _future_types[t] = hasattr(t, "_asyncio_future_blocking")
    return known


# Programs see these through type(h).__name__ and repr(h) (<TimerHandle when=...>):
# they must read as asyncio's own classes.
_Handle.__name__ = _Handle.__qualname__ = "Handle"
_TimerHandle.__name__ = _TimerHandle.__qualname__ = "TimerHandle"
_Handle.__module__ = _TimerHandle.__module__ = "asyncio.events"


class VirtualEventLoop(NetworkMixin, unix_events._UnixSelectorEventLoop):
    """asyncio.SelectorEventLoop and asyncio.EventLoop during a run (patches.py).
    It is a _UnixSelectorEventLoop, as Linux's loop is, and is named like it
    (repr(loop), type(loop).__name__); `selector` is accepted and not used:
    the simulated network has its own."""

    def __init__(self, selector=None):
        super().__init__()
        self._signal_handlers = {}  # signal number -> Handle (add_signal_handler; close() removes them)
        self._ls_signals_sent = []  # signals the program sent itself (signals.py), seen at the next poll
        self._unix_server_sockets = {}
        R = bridge.current
        self._ls_run = R
        self._clock_resolution = 1e-9
        self._handles = {}
        self._next_handle = 0
        self._ls_loop_id = R.new_loop_id()
        R.loops.append(self)
        R.loop_event(self._ls_loop_id, LOOP_CREATED)
        # The engine has one ready queue and one timer heap: they hold the
        # handles of one loop at a time, the last one that ran (or the first
        # made). Another loop keeps its handles here, parked, until it runs.
        owner = _engine_loop(R)
        self._ls_parked = None
        if owner is None or owner.is_closed():
            R._ls_engine_loop = weakref.ref(self)
        else:
            self._ls_park([])

    # ---- asyncio's own queues, for programs that look at them -----------------------
    # (a SelectorEventLoop subclass that prints its queue before each iteration).
    # The engine holds the queue and the timers; these are fresh views of this
    # loop's share, as BaseEventLoop would hold them: _ready in order, and
    # _scheduled as a heap (sorted) of the timers not yet due. Assigning to them
    # (BaseEventLoop.__init__ does) changes nothing.
    def _ls_pending(self):
        parked = self.__dict__.get("_ls_parked")
        return parked if parked is not None else list(self.__dict__.get("_handles", {}).values())

    @property
    def _ready(self):
        R = self.__dict__.get("_ls_run")
        due = (R.clock if R is not None else 0.0) + self._clock_resolution
        return collections.deque(h for h in self._ls_pending()
                                 if not h._cancelled and (type(h) is not _TimerHandle or h._when < due))

    @_ready.setter
    def _ready(self, value):
        pass

    @property
    def _scheduled(self):
        R = self.__dict__.get("_ls_run")
        due = (R.clock if R is not None else 0.0) + self._clock_resolution
        return sorted((h for h in self._ls_pending()
                       if not h._cancelled and type(h) is _TimerHandle and h._when >= due),
                      key=lambda h: h._when)

    @_scheduled.setter
    def _scheduled(self, value):
        pass

    # ---- clock ---------------------------------------------------------------
    def time(self):
        return self._ls_run.clock

    # ---- scheduling ----------------------------------------------------------
    def call_soon(self, callback, *args, context=None):
        if self._closed:  # BaseEventLoop._check_closed, called only to raise (a call less per step)
            self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_soon")
        return self._call_soon(callback, args, context)

    def _call_soon(self, callback, args, context):
        if self._debug:
            handle = _Handle(callback, args, self, context)
            if handle._source_traceback:
                del handle._source_traceback[-1]
        else:
            # events.Handle.__init__ inlined (it would ask get_debug() again):
            # this runs once per loop step.
            handle = _new_handle(_Handle)
            handle._context = _copy_context() if context is None else context
            handle._loop = self
            handle._callback = callback
            handle._args = args
            handle._cancelled = False
            handle._repr = None
            handle._source_traceback = None
        R = self._ls_run
        # isinstance against the C base: our Task's metaclass makes
        # isinstance(x, Task) a Python-level call.
        if type(callback) is not _FunctionType and isinstance(target := getattr(callback, "__self__", None), _CTask) \
                and (step := getattr(target, "_ls_step", None)) is not None:
            # A task step: its first, after a bare yield, or a wakeup (args = (future,)).
            # A Python method of a Task subclass is probed by its function instead.
            label = step
            owner = target._ls_id
            tag = -1 if type(callback) is not _MethodType else 0
        else:
            tag = 0
            # A done callback: futures call their callbacks as callback(fut).
            # (_is_future inlined: this is once per step.) First, so that a
            # future seen here for the first time has its name for the label.
            if args:
                a0 = type(args[0])
                is_future = _future_types.get(a0)
                if is_future is None:
                    is_future = _future_types[a0] = hasattr(a0, "_asyncio_future_blocking")
                owner = OWNER_CALLBACK_BASE - obj_id(args[0]) if is_future else NO_ID
            else:
                owner = NO_ID
            if type(callback) is _FunctionType:  # label_id's first lookup, inlined
                label = (R._fixed_with_args if args else R._fixed_no_args).get(callback.__qualname__)
                if label is None:
                    label = R.label_id(callback, args)
            else:
                label = R.label_id(callback, args)
        hid = R._next_handle
        R._next_handle = hid + 1
        R._extend((B_SOON, hid, label, owner))
        handle._ls_id = ~hid if tag else hid
        self._handles[hid] = handle
        return handle

    def call_soon_threadsafe(self, callback, *args, context=None):
        return self.call_soon(callback, *args, context=context)

    def call_later(self, delay, callback, *args, context=None):
        if delay is None:
            raise TypeError("delay must not be None")
        return self.call_at(self.time() + delay, callback, *args, context=context)

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
            timer = _TimerHandle(when, callback, args, self, context)
            if timer._source_traceback:
                del timer._source_traceback[-1]
        else:
            # events.TimerHandle.__init__ and Handle.__init__ inlined, as in
            # _call_soon: once per sleep.
            timer = _new_handle(_TimerHandle)
            timer._context = _copy_context() if context is None else context
            timer._loop = self
            timer._callback = callback
            timer._args = args
            timer._cancelled = False
            timer._repr = None
            timer._source_traceback = None
            timer._when = when
        timer._scheduled = True
        if self._ls_parked is not None:  # another loop holds the engine
            self._ls_parked.append(timer)
            return timer
        R = self._ls_run
        owner = OWNER_CALLBACK_BASE - obj_id(args[0]) if args and _is_future(args[0]) else NO_ID
        # After obj_id: a future seen first here gets its name. label_id's first lookup inlined.
        label = (R._fixed_with_args if args else R._fixed_no_args).get(callback.__qualname__) \
            if type(callback) is _FunctionType else None
        if label is None:
            label = R.label_id(callback, args)
        hid = R._next_handle
        R._next_handle = hid + 1
        R._extend((B_AT, hid, label, owner, float(when)))
        timer._ls_id = hid
        self._handles[hid] = timer
        return timer

    def _timer_handle_cancelled(self, handle):
        self._ls_cancelled(handle)

    def _ls_cancelled(self, handle):
        try:
            hid = handle._ls_id
        except AttributeError:  # parked (another loop holds the engine): never queued there
            return
        if hid < 0:  # a task step's tag (_Handle)
            hid = ~hid
        if self._handles.pop(hid, None) is not None:
            self._ls_run.cancel(hid)

    # ---- one iteration --------------------------------------------------------
    def _run_once(self):
        R = self._ls_run
        out = R.out_last
        if out is not None and out.buf:
            R.flush_output()  # what the top level printed belongs before this iteration
        if self._ls_io:
            self._ls_poll()  # the simulated network's select(): ready fds queue their callbacks
        # One call into JS per iteration: it replays what this side recorded
        # since the last one, then starts the iteration (timers due, clock
        # jump) and names the handles that were ready when it began.
        n, ids = R.begin(self._stopping)
        if n < 0:
            self._ls_limit(n)
        handles = self._handles
        extend = R._extend
        user_file = R.filename
        for hid in ids:
            handle = handles.pop(hid, None)
            if handle is None:  # cancelled after it was queued: dropped unrun
                extend((B_SKIP, hid))
                continue
            extend((B_RUN, hid))
            cb = handle._callback
            if type(handle) is _TimerHandle:
                handle._scheduled = False
            budget._count = 0
            if self._debug:
                # As BaseEventLoop._run_once: in debug mode a slow step is
                # logged. On virtual time only time.sleep / executor calls take time.
                self._current_handle = handle
                try:
                    t0 = self.time()
                    handle._run()
                    dt = self.time() - t0
                    if dt >= self.slow_callback_duration:
                        base_events.logger.warning("Executing %s took %.3f seconds",
                                                   base_events._format_handle(handle), dt)
                finally:
                    self._current_handle = None
            else:
                handle._run()
            out = R.out_last
            if out is not None and out.buf:
                R.flush_output()
            # What the step did, by what ran: a task step records the task's
            # state; a function of the user's file records its def line for
            # the editor. A task step tagged when it was queued needs no probe;
            # the rest are dispatched on the type: getattr with a default on a
            # missing attribute raises and catches inside, slow on every step.
            if handle._ls_id < 0:
                task = cb.__self__
            else:
                task = None
                t = type(cb)
                if t is _FunctionType:
                    code = cb.__code__
                    if code.co_filename == user_file:
                        extend((B_LINE, NO_ID, code.co_firstlineno))
                elif t is _MethodType:
                    code = getattr(cb.__func__, "__code__", None)
                    if code is not None and code.co_filename == user_file:
                        extend((B_LINE, NO_ID, code.co_firstlineno))
                else:
                    target = getattr(cb, "__self__", None)
                    if isinstance(target, _CTask) and getattr(target, "_ls_id", None) is not None:
                        task = target
                    else:
                        code = getattr(cb, "__code__", None)
                        if code is not None and code.co_filename == user_file:
                            extend((B_LINE, NO_ID, code.co_firstlineno))
            if task is not None:
                # Where the task stands after its step. A step that leaves it
                # ready at the same await chain as its last recorded state
                # (`await asyncio.sleep(0)` in a loop) records nothing: the
                # trace reader puts a task whose step reported no state back in
                # the state it had, and that halves the trace of task-switching
                # programs. (Inlined: once per task step.)
                tid = task._ls_id
                if task.done():
                    _record_task_end(R, task, tid)
                else:
                    waiter = task._fut_waiter
                    chain = R.chain_id(task._coro)
                    if waiter is None:
                        if task._ls_ready_at != chain:
                            extend((B_TASK_STATE, tid, TASK_READY, NO_ID, chain))
                            task._ls_ready_at = chain
                    else:
                        extend((B_TASK_STATE, tid, TASK_WAITING, obj_id(waiter), chain))
                        task._ls_ready_at = -2
            # Hold nothing of this handle while the next one runs: CPython frees
            # a callback (a bound method's object, a closure's cells) as soon
            # as its handle has run, and __del__ output shows when.
            cb = target = task = waiter = handle = None
        R._put(B_END)

    def _ls_limit(self, code):
        if code == BEGIN_IDLE:
            raise LoopscopeLimit(LIMIT_IDLE, _idle_message(self))
        if code == BEGIN_STEP_LIMIT:
            raise LoopscopeLimit(LIMIT_STEPS, "the step limit was reached")
        if code == BEGIN_SIZE_LIMIT:
            raise LoopscopeLimit(LIMIT_MEMORY, "the recording of the run reached its size cap")
        raise LoopscopeLimit(LIMIT_TIME, "the virtual-time limit was reached")

    # ---- lifecycle ----------------------------------------------------------------
    def run_forever(self):
        self._ls_run.loop_event(self._ls_loop_id, LOOP_RUNNING)
        try:
            return super().run_forever()
        finally:
            self._ls_run.loop_event(self._ls_loop_id, LOOP_STOPPED)

    def close(self):
        # A loop left open is finalized (BaseEventLoop.__del__ closes it) when its last
        # reference goes, which can be after its run ended: nothing to record then.
        run = self._ls_run
        if run is not None and not self.is_closed():
            run.loop_event(self._ls_loop_id, LOOP_CLOSED)
        super().close()
        if run is not None:
            for hid in list(self._handles):
                run.cancel(hid)
        self._handles.clear()
        if self._ls_parked is not None:
            self._ls_parked = []
        elif _engine_loop(self._ls_run) is self:
            self._ls_run._ls_engine_loop = None

    # ---- several loops, one engine ---------------------------------------------------
    # A parked loop (another one holds the engine) keeps its handles in
    # _ls_parked; instance attributes stand in for _call_soon and _run_once
    # (call_at checks _ls_parked itself), and its next iteration takes the
    # engine back. The loop that holds the engine pays nothing for this on the
    # hot path of call_soon and _run_once.
    _PARKED = ("_call_soon", "_run_once")

    def _ls_park(self, held):
        self._ls_parked = held
        self._call_soon = self._ls_parked_soon
        self._run_once = self._ls_parked_run_once

    def _ls_parked_soon(self, callback, args, context):
        handle = _Handle(callback, args, self, context)
        self._ls_parked.append(handle)
        return handle

    def _ls_parked_run_once(self):
        self._ls_take_engine()
        type(self)._run_once(self)  # a subclass's own _run_once, if it has one

    def _ls_take_engine(self):
        """This loop is about to run while another holds the engine: that one's
        pending handles leave the engine (recorded as cancelled there) and wait
        with it; this one's go in, in the order they were scheduled."""
        R = self._ls_run
        owner = _engine_loop(R)
        if owner is not None and owner is not self and not owner.is_closed():
            held = []
            for hid, handle in owner._handles.items():
                R.cancel(hid)
                held.append(handle)
            owner._handles.clear()
            owner._ls_park(held)
        parked, self._ls_parked = self._ls_parked, None
        for name in self._PARKED:
            self.__dict__.pop(name, None)
        R._ls_engine_loop = weakref.ref(self)
        for handle in parked or ():
            if not handle._cancelled:
                self._ls_schedule(handle)

    def _ls_schedule(self, handle):
        """Put a parked handle into the engine (as _call_soon / call_at would have)."""
        R = self._ls_run
        cb, args = handle._callback, handle._args
        target = getattr(cb, "__self__", None)
        if isinstance(target, _CTask) and getattr(target, "_ls_step", None) is not None:
            label, owner = target._ls_step, target._ls_id
        else:
            label = R.label_id(cb, args)
            owner = -obj_id(args[0]) - 2 if args and _is_future(args[0]) else -1
        hid = R._next_handle
        R._next_handle = hid + 1
        if type(handle) is _TimerHandle:
            R._extend((B_AT, hid, label, owner, float(handle._when)))
        else:
            R._extend((B_SOON, hid, label, owner))
        handle._ls_id = hid
        self._handles[hid] = handle

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass

    def create_future(self):
        return Future(loop=self)

    # ---- signals: handlers are kept, as on Unix; no signal ever arrives ---------
    # Tutorials set SIGINT/SIGTERM handlers to stop run_forever() on Ctrl+C.
    # Nobody can press Ctrl+C in a browser, so such a loop goes idle, and the
    # idle message names the signals it waits for (CPython waits forever).
    def add_signal_handler(self, sig, callback, *args):
        if coroutines.iscoroutine(callback) or coroutines._iscoroutinefunction(callback):
            raise TypeError("coroutines cannot be used with add_signal_handler()")
        self._check_signal(sig)
        self._check_closed()
        if sig in (signal.SIGKILL, signal.SIGSTOP):
            raise RuntimeError(f"sig {sig} cannot be caught")
        self._signal_handlers[sig] = events.Handle(callback, args, self, None)

    def _ls_signal(self, sig):
        """A signal arrived (os.kill to itself): the next iteration's poll sees it,
        as select() sees the self-pipe, after the handles already ready."""
        self._ls_signals_sent.append(sig)
        self._ls_io = True

    def _ls_poll(self):
        sent = self._ls_signals_sent
        if sent:
            # _read_from_self's part: _handle_signal runs in this iteration and
            # queues the handler for the next one.
            for sig in sent:
                self._call_soon(self._handle_signal, (sig,), None)
            sent.clear()
        super()._ls_poll()

    def _add_callback(self, handle):
        """BaseEventLoop's puts a handle in _ready: here, the handle's call goes to
        the engine (a signal handler that _handle_signal queues, signals.py)."""
        if not handle._cancelled:
            self._call_soon(handle._callback, handle._args, handle._context)

    def remove_signal_handler(self, sig):
        self._check_signal(sig)
        return self._signal_handlers.pop(sig, None) is not None

    def _check_signal(self, sig):
        if not isinstance(sig, int):
            raise TypeError(f"sig must be an int, not {sig!r}")
        if sig not in signal.valid_signals():
            raise ValueError(f"invalid signal number {sig}")

    # ---- no threads in the browser: executors run the function in place -------
    def run_in_executor(self, executor, func, *args):
        """The function runs now, in place, through concurrent.futures' own
        work item: an exception's traceback shows the executor's frames, as
        with a thread. The future is done when this returns."""
        self._check_closed()
        if self._debug:
            self._check_callback(func, "run_in_executor")
        if executor is None:
            self._check_default_executor()  # after shutdown_default_executor(): RuntimeError, as CPython's
        fut = self.create_future()
        R = self._ls_run
        previous = R.in_executor
        R.in_executor = R.callable_name(func)
        done = _ConcurrentFuture()
        try:
            _WorkItem(done, (func, args, {})).run(_WORKER)
        finally:
            R.in_executor = previous
        exc = done._exception
        if exc is None:
            fut.set_result(done._result)
        elif isinstance(exc, LoopscopeLimit):
            raise exc  # a cap ends the run, from wherever it was reached
        else:
            fut.set_exception(exc)
        return fut

    async def shutdown_default_executor(self, timeout=None):
        # As BaseEventLoop's, without the thread it waits for the executor on:
        # run_in_executor ran every function in place, so no worker is left.
        self._executor_shutdown_called = True
        if self._default_executor is not None:
            self._default_executor.shutdown(wait=True)

    def set_default_executor(self, executor):
        self._default_executor = executor


# In tracebacks, our _run_once reads as the one it stands in for.
frames.stand_in(VirtualEventLoop._run_once, base_events.BaseEventLoop._run_once, "handle._run()")
# Programs see it and its methods as asyncio's: _UnixSelectorEventLoop, and
# BaseEventLoop.shutdown_default_executor() where we stand in for that one.
frames.name_as_asyncio(VirtualEventLoop)


def _record_task_end(R, task, tid):
    """Record a task that finished in the step that just ran (_run_once)."""
    state, text = fut_text(task)
    R.fut_done_js(tid, state, R.s(text))
    R.task_state(tid, state, NO_ID, NO_ID)
    task._ls_ready_at = -2


def _idle_message(loop):
    import asyncio

    waiting = []
    try:
        for t in asyncio.all_tasks(loop):
            w = t._fut_waiter
            on = getattr(w, "_ls_name", None) or (type(w).__name__ if w is not None else "nothing")
            R = bridge.current
            chain = R.chain_id(t.get_coro()) if R is not None else NO_ID
            where = f" at line {R.chain_lines[chain][-1]}" if chain != NO_ID else ""
            waiting.append(f"{t.get_name()} waits on {on}{where}")
    except Exception:
        pass
    signals = sorted(signal.Signals(s).name for s in loop._signal_handlers)
    if signals:
        msg = ("the event loop is idle: nothing is ready and no timer is set; only a signal "
               f"could wake it ({', '.join(signals)} handler{'s' if len(signals) > 1 else ''} set), "
               "and none is ever sent here, so CPython would wait here until one came (Ctrl+C)")
    else:
        msg = ("the event loop is idle: nothing is ready, no timer is set and nothing "
               "else can wake it, so CPython would wait here forever")
    if waiting:
        msg += ". Waiting: " + "; ".join(sorted(waiting))
    return msg


class Policy(events._AbstractEventLoopPolicy):
    """CPython 3.11's default policy: get_event_loop() in the main thread
    creates a loop when none was ever set (tutorial-style module-level code)."""

    class _Local(threading.local):
        _loop = None
        _set_called = False

    def __init__(self):
        self._local = self._Local()

    def get_event_loop(self):
        if self._local._loop is None and not self._local._set_called:
            self.set_event_loop(self.new_event_loop())
        if self._local._loop is None:
            raise RuntimeError("There is no current event loop in thread %r."
                               % threading.current_thread().name)
        return self._local._loop

    def set_event_loop(self, loop):
        self._local._set_called = True
        if loop is not None and not isinstance(loop, events.AbstractEventLoop):
            raise TypeError(f"loop must be an instance of AbstractEventLoop or None, not '{type(loop).__name__}'")
        self._local._loop = loop

    def new_event_loop(self):
        return VirtualEventLoop()

    # Child watchers were part of the 3.11 policy API.
    def get_child_watcher(self):
        return None

    def set_child_watcher(self, watcher):
        pass
