"""Run one user program the way `python3 FILE.py` would, on the virtual loop.

Fresh `__main__` module every run; stdout/stderr recorded; tracebacks printed
as CPython prints them but without our runtime's frames; at the end the
module's globals are dropped and the garbage collected, so that late messages
("Task was destroyed but it is pending!", "coroutine ... was never awaited",
"Task exception was never retrieved") appear as they do at CPython's exit.
"""

import builtins
import gc
import linecache
import sys
import traceback
import types
import warnings
import weakref

from . import budget, bridge, frames, isolation, patches
from .loop import LoopscopeLimit
from .output import Recorder
from .wire import ERROR_SYNTAX, ERROR_UNCAUGHT


EXIT_LIMIT = 3  # exit status of a run ended by a Loopscope cap


def _user_line(exc, filename):
    line = 0
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def run_program(js, source, filename, cpu_budget):
    # What the program may change in the interpreter, put back at the end (isolation.py).
    before = isolation.baseline()
    run = bridge.Run(js, filename)
    bridge.current = run
    out = Recorder(run, 1, "<stdout>")
    err = Recorder(run, 2, "<stderr>")
    saved = (sys.stdout, sys.stderr, sys.argv, sys.modules.get("__main__"))
    sys.stdout, sys.stderr = out, err
    sys.argv = [filename]
    code_status = 0
    try:
        try:
            code = compile(source, filename, "exec", dont_inherit=True)
        except SyntaxError as e:
            e.__traceback__ = None
            traceback.print_exception(e)
            run.flush_output()
            run.error_js(ERROR_SYNTAX, e.lineno or 0, e.offset or 0, f"{type(e).__name__}: {e.msg}")
            return 1
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
        module = types.ModuleType("__main__")
        module.__file__ = filename
        module.__builtins__ = builtins
        sys.modules["__main__"] = module
        patches.install(run)
        budget.start(code, cpu_budget, LoopscopeLimit)
        try:
            exec(code, module.__dict__)
        except SystemExit as e:
            code_status = _exit_status(e)
        except LoopscopeLimit as e:
            run.flush_output()
            code_status = _report_limit(run, e)
        except BaseException as e:
            frames.clean(e)
            traceback.print_exception(e)
            run.flush_output()
            run.error_js(ERROR_UNCAUGHT, _user_line(e, filename), 0, "".join(traceback.format_exception_only(e)).strip())
            # CPython ends an uncaught KeyboardInterrupt by re-raising SIGINT: status 128 + 2.
            code_status = 130 if isinstance(e, KeyboardInterrupt) else 1
            e = None
        # Interpreter shutdown: drop the program's globals and collect, so that
        # finalizers report what they report at CPython's exit.
        unawaited = warnings._warn_unawaited_coroutine
        warnings._warn_unawaited_coroutine = _warn_unawaited_at_exit
        try:
            sys.last_exc = sys.last_value = sys.last_traceback = sys.last_type = None
            budget.reset()
            module.__dict__.clear()
            gc.collect()
            gc.collect()
            # What only the interpreter's state still holds (a loop kept by the loop
            # policy, its tasks; the frames of a limit's traceback) is finalized now
            # too, as at python3's exit, not in the next run.
            if run.limit is not None:
                run.limit.__traceback__ = None
            isolation.release(before)
            warnings._warn_unawaited_coroutine = _warn_unawaited_at_exit  # release() put the module back
            patches.release_policy()
            # The run's own list of its loops must not keep them alive through this
            # collection (a loop the program never ran, with a task in its queue,
            # was finalized in the next run); the survivors are detached below.
            loops = [weakref.ref(loop) for loop in run.loops]
            run.loops.clear()
            gc.collect()
            run.loops[:] = [loop for ref in loops if (loop := ref()) is not None]
        except LoopscopeLimit as e:
            code_status = _report_limit(run, e)
        except BaseException:
            pass
        finally:
            warnings._warn_unawaited_coroutine = unawaited
        if run.limit is not None and not run.limit_reported:
            # The program caught the limit (except KeyboardInterrupt) and ended
            # on its own: the run was still capped, so say so.
            code_status = _report_limit(run, run.limit)
        return code_status
    finally:
        budget.stop()
        try:
            patches.uninstall()
        finally:
            run.flush()  # everything still buffered goes to the engine and recorder
            sys.stdout, sys.stderr, sys.argv = saved[0], saved[1], saved[2]
            if saved[3] is not None:
                sys.modules["__main__"] = saved[3]
            linecache.cache.pop(filename, None)
            bridge.current = None
            for loop in run.loops:
                loop._ls_run = None
            run.loops.clear()
            isolation.restore(before)


def _warn_unawaited_at_exit(coro):
    """'coroutine ... was never awaited' for a coroutine finalized at the end of a run.

    At python3's exit no Python frame is running, so the warning names none
    ('<sys>:0:' on 3.14, 'sys:1:' on 3.11); here the runner's frames are, and
    the warning named runner.py. The warnings module calls this (C looks the
    name up in `warnings` each time) with a stack level past every frame.
    """
    depth, f = 0, sys._getframe()
    while f is not None:
        depth, f = depth + 1, f.f_back
    # No "Coroutine created at" lines (origin tracking): python3 prints none at exit either.
    warnings.warn(f"coroutine '{coro.__qualname__}' was never awaited", RuntimeWarning, stacklevel=depth + 1, source=coro)


def _exit_status(e):
    c = e.code
    if c is None:
        return 0
    if isinstance(c, int):
        return c
    print(c, file=sys.stderr)
    return 1


def _report_limit(run, e):
    run.limit_reported = True
    msg = f"Loopscope stopped the program: {e.message}."
    print(msg, file=sys.stderr)
    run.flush_output()
    run.limit_js(e.kind, e.message)
    return EXIT_LIMIT
