"""Run one user program the way `python3 FILE.py` would, on the virtual loop.

Fresh `__main__` module every run; stdout/stderr recorded; tracebacks printed
as CPython prints them but without our runtime's frames; at the end the
module's globals are dropped and the garbage collected, so that late messages
("Task was destroyed but it is pending!", "coroutine ... was never awaited",
"Task exception was never retrieved") appear as they do at CPython's exit.
"""

import builtins
import gc
import importlib.machinery
import io
import linecache
import os
import sys
import traceback
import types
import weakref

from . import budget, bridge, isolation, patches, signals
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
    # As `python3 NAME.py` run from the program's own directory: argv[0] is the
    # name as typed, the working directory is the program's, and the file is there.
    sys.argv = ["-" if filename == "<stdin>" else os.path.basename(filename)]
    cwd = _enter_own_directory(filename, source)
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
        # As python3's __main__: a loader that can read the file (warnings and
        # linecache ask it for source lines); from stdin, none can.
        module.__loader__ = (importlib.machinery.BuiltinImporter if filename.startswith("<")
                             else importlib.machinery.SourceFileLoader("__main__", filename))
        sys.modules["__main__"] = module
        patches.install(run)
        budget.start(code, cpu_budget, LoopscopeLimit)
        try:
            exec(code, module.__dict__)
        except signals.ProcessExit as e:
            # os._exit(): the process is gone, nothing more prints (signals.py).
            sys.stdout = sys.stderr = io.StringIO()
            code_status = e.status
        except SystemExit as e:
            code_status = _exit_status(e)
        except LoopscopeLimit as e:
            run.flush_output()
            code_status = _report_limit(run, e)
        except BaseException as e:
            traceback.print_exception(e)  # without our frames (frames.py)
            run.flush_output()
            run.error_js(ERROR_UNCAUGHT, _user_line(e, filename), 0, "".join(traceback.format_exception_only(e)).strip())
            # CPython ends an uncaught KeyboardInterrupt by re-raising SIGINT: status 128 + 2.
            code_status = 130 if isinstance(e, KeyboardInterrupt) else 1
            e = None
        # Interpreter shutdown: drop the program's globals and collect, so that
        # finalizers report what they report at CPython's exit.
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
            # release() put the traceback and warnings modules back: keep our frames
            # out of the last finalizers' output, and their warnings at no frame.
            patches.at_exit()
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
            if cwd is not None:
                os.chdir(cwd)
            bridge.current = None
            for loop in run.loops:
                loop._ls_run = None
            run.loops.clear()
            isolation.restore(before)


def _enter_own_directory(filename, source):
    """Write the program where its name says it is (in Pyodide's in-memory
    file system) and make that directory the working one. Returns the
    previous working directory, or None if nothing changed."""
    if filename.startswith("<"):
        return None
    try:
        before = os.getcwd()
        here = os.path.dirname(os.path.abspath(filename))
        os.makedirs(here, exist_ok=True)
        with open(os.path.join(here, os.path.basename(filename)), "w") as f:
            f.write(source)
        os.chdir(here)
        return before
    except OSError:
        return None


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
