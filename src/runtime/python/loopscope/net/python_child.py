"""`python3 -c CODE` (and `sys.executable`): a Python child process.

The asyncio docs' subprocess examples start `sys.executable -c ...`. A page
cannot start a second interpreter, so the child's code runs in this one, in a
fresh namespace, inside the simulated process:

- Output is recorded with the child's own clock: `time.sleep` in the child
  delays its later output (replayed through the pipes on virtual time), not the
  parent's loop.
- stdin: the code first runs at once; if it reads stdin before the parent has
  closed it, that attempt is dropped (nothing it printed is kept) and the code
  runs again once stdin is at EOF, with all of it. So `communicate(input=...)`
  works, a line-by-line conversation with a Python child does not.
- It exits with its SystemExit code, or 1 after a traceback in `<string>`
  terms. It cannot run an event loop of its own (the parent's is running).
"""

import io
import sys
import time
import traceback
from asyncio import base_events, events

from .. import bridge, budget

VERSION = "Python %d.%d.%d" % sys.version_info[:3]


class _NeedStdin(BaseException):
    """The child read stdin before the parent closed it: run again after EOF."""


class _Out(io.TextIOBase):
    """The child's stdout or stderr: (child time, fd, text) entries."""

    def __init__(self, child, fd):
        self._child = child
        self._fd = fd
        self.buffer = _OutBytes(self)

    def writable(self):
        return True

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError(f"write() argument must be str, not {type(s).__name__}")
        self._child.out.append((self._child.offset, self._fd, s.encode("utf-8", "surrogateescape")))
        return len(s)


class _OutBytes(io.RawIOBase):
    def __init__(self, text):
        self._text = text

    def writable(self):
        return True

    def write(self, b):
        b = bytes(b)
        child = self._text._child
        child.out.append((child.offset, self._text._fd, b))
        return len(b)


class _In(io.TextIOBase):
    """The child's stdin: everything the parent wrote, once it is at EOF."""

    def __init__(self, data):
        self._data = data
        self._io = io.StringIO(data.decode("utf-8", "replace")) if data is not None else None

    @property
    def buffer(self):
        if self._data is None:
            raise _NeedStdin
        return io.BytesIO(self._data)

    def readable(self):
        return True

    def _src(self):
        if self._io is None:
            raise _NeedStdin
        return self._io

    def read(self, n=-1):
        return self._src().read(n)

    def readline(self, n=-1):
        return self._src().readline(n)

    def readlines(self, hint=-1):
        return self._src().readlines(hint)

    def __iter__(self):
        return iter(self._src())


class _Child:
    def __init__(self, parent_now):
        self.parent_now = parent_now
        self.offset = 0.0
        self.out = []

    def sleep(self, secs):
        if not isinstance(secs, (int, float)):
            raise TypeError(f"'{type(secs).__name__}' object cannot be interpreted as an integer or float")
        if secs < 0:
            raise ValueError("sleep length must be non-negative")
        self.offset += float(secs)

    def now(self):
        return self.parent_now + self.offset


class _ChildSelector:
    """select() of the child's loop: waiting for a timer moves the child's clock."""

    def __init__(self, child):
        self._child = child

    def select(self, timeout):
        if timeout is None:
            raise RuntimeError("Loopscope: the Python child's event loop has nothing to wait for but I/O, "
                               "and a child process has none here")
        if timeout > 0:
            self._child.offset += timeout
        return []


class _ChildLoop(base_events.BaseEventLoop):
    def __init__(self, child):
        super().__init__()
        self._child = child
        self._selector = _ChildSelector(child)
        self._clock_resolution = 1e-9

    def time(self):
        return self._child.now()

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass


class _ChildPolicy(events._AbstractEventLoopPolicy):
    def __init__(self, child):
        self._child = child
        self._loop = None

    def get_event_loop(self):
        if self._loop is None:
            self._loop = _ChildLoop(self._child)
        return self._loop

    def set_event_loop(self, loop):
        self._loop = loop

    def new_event_loop(self):
        return _ChildLoop(self._child)


def run_code(code, argv, stdin, parent_now):
    """Run the child's code. Returns (status, [(time offset, fd, bytes)]);
    raises _NeedStdin when it read stdin that is not complete yet."""
    child = _Child(parent_now)
    saved = (sys.stdin, sys.stdout, sys.stderr, sys.argv,
             {k: getattr(time, k) for k in ("sleep", "time", "monotonic", "perf_counter")})
    run, policy, running = bridge.current, events._event_loop_policy, events._get_running_loop()
    wall0 = saved[4]["time"]() - parent_now
    sys.stdin, sys.stdout, sys.stderr = _In(stdin), _Out(child, 1), _Out(child, 2)
    sys.argv = argv
    time.sleep = child.sleep
    time.monotonic = time.perf_counter = child.now
    time.time = lambda: wall0 + child.now()
    # Another process: nothing it does is recorded (our Future and Task
    # record only while bridge.current is set), and its asyncio gets a loop
    # of its own instead of finding the parent's running.
    bridge.current = None
    events._event_loop_policy = _ChildPolicy(child)
    events._set_running_loop(None)
    status = 0
    try:
        try:
            compiled = compile(code, "<string>", "exec")
        except SyntaxError:
            traceback.print_exception(*sys.exc_info(), limit=0)
            return 1, child.out
        budget.watch(compiled)  # an endless loop in the child is stopped like one in the program
        try:
            exec(compiled, {"__name__": "__main__", "__builtins__": __builtins__})
        except _NeedStdin:
            raise
        except KeyboardInterrupt as e:
            # The CPU budget stopping an endless loop in the child: the run's
            # limit, which the runner reports (it was raised with no run set).
            if getattr(e, "kind", None) is not None and run is not None and run.limit is None:
                run.limit = e
            raise
        except SystemExit as e:
            status = _exit_status(e.code)
        except Exception as e:
            tb = e.__traceback__
            while tb is not None and tb.tb_frame.f_code.co_filename != "<string>":
                tb = tb.tb_next
            sys.stderr.write("".join(traceback.format_exception(type(e), e, tb)))
            status = 1
        return status, child.out
    finally:
        bridge.current = run
        events._event_loop_policy = policy
        events._set_running_loop(running)
        sys.stdin, sys.stdout, sys.stderr, sys.argv = saved[:4]
        for k, v in saved[4].items():
            setattr(time, k, v)


def _exit_status(code):
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    sys.stderr.write(f"{code}\n")
    return 1


_FLAGS = set("uIEBSsqbOdvPR")


def cmd_python(p, args, shell=False):
    """The python3 command: -c CODE, `-` or no argument (program from stdin), -V."""
    name = p.args[0] if p.args else "python3"
    code = None
    argv = [""]
    i = 0
    while i < len(args):
        a = args[i]
        if a == "-c":
            if i + 1 >= len(args):
                yield from p.write(2, "Argument expected for the -c option\n"
                                      f"usage: {name} [option] ... [-c cmd | -m mod | file | -] [arg] ...\n"
                                      f"Try `python -h' for more information.\n")
                return 2
            code = args[i + 1]
            argv = ["-c"] + list(args[i + 2:])
            break
        if a in ("-V", "--version"):
            yield from p.write(1, VERSION + "\n")
            return 0
        if a == "-":
            argv = ["-"] + list(args[i + 1:])
            break
        if a.startswith("-") and len(a) > 1 and set(a[1:]) <= _FLAGS:
            i += 1
            continue
        if a.startswith("-"):
            yield from p.write(2, f"Loopscope's {name} takes -c CODE or a program on stdin; "
                                  f"option {a} is not simulated\n")
            return 2
        path = a if a.startswith("/") else "/home/pyodide/" + a
        yield from p.write(2, f"{name}: can't open file {path!r}: [Errno 2] No such file or directory\n")
        return 2

    stdin = None
    if code is not None and p._in is None:
        stdin = b""  # not piped: nothing to read (a terminal would be)
    while True:
        if code is not None:
            try:
                status, out = run_code(code, argv, stdin, p.loop.time())
                break
            except _NeedStdin:
                if stdin is not None:
                    raise RuntimeError("stdin complete but still not readable")
        data = bytearray()
        while True:
            chunk = yield from p.read_stdin()
            if not chunk:
                break
            data += chunk
        stdin = bytes(data)
        if code is None:  # the program is stdin itself
            code = stdin.decode("utf-8", "replace")
            stdin = b""

    at = 0.0
    for offset, fd, data in out:
        if offset > at:
            yield ("sleep", offset - at)
            at = offset
        yield from p.write(fd, data)
    return status
