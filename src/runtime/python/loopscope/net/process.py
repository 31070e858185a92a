"""The simulated process table: pipes, Popen-like processes and the built-in
commands (echo, cat, printf, true, false, sleep, and python3 -c in
python_child.py) plus a tiny `sh -c`.

A process is a generator run by loop callbacks: it yields what it waits for
("read" stdin, "write" room in a full pipe, "sleep" seconds of virtual time)
and is stepped again when that happens. Anything that is not a built-in fails
as a missing program does: FileNotFoundError for exec, `/bin/sh: 1: NAME: not
found` and status 127 for the shell.
"""

import collections
import sys

from . import addr as A
from . import kinds as K
from .python_child import cmd_python
from .sock import _Waitable

PIPE_CAPACITY = 64 * 1024
PIPE, STDOUT, DEVNULL = -1, -2, -3


class Pipe:
    def __init__(self, net, proc, fd):
        self.net = net
        self.proc = proc
        self.fd = fd          # the child's fd this pipe serves: 0, 1 or 2
        self.buf = bytearray()
        self.w_closed = False
        self.r_closed = False
        self.r = PipeEnd(self, "r")
        self.w = PipeEnd(self, "w")
        self.on_readable = None  # the child waiting to read (stdin)
        self.on_writable = None  # the child waiting for room (stdout/stderr)

    def put(self, data):
        if self.r_closed:
            raise A.oserror(A.EPIPE)
        space = PIPE_CAPACITY - len(self.buf)
        if space <= 0:
            raise A.oserror(A.EAGAIN)
        data = bytes(data[:space])
        self.buf += data
        self.net.emit(K.PIPE_WRITE, self.proc.pid, self.fd, len(data))
        self.r._notify()
        if self.on_readable is not None:
            self.on_readable()
        return len(data)

    def take(self, n):
        if self.buf:
            data = bytes(self.buf[:n])
            del self.buf[:n]
            self.net.emit(K.PIPE_READ, self.proc.pid, self.fd, len(data))
            self.w._notify()
            if self.on_writable is not None:
                self.on_writable()
            return data
        if self.w_closed:
            return b""
        raise A.oserror(A.EAGAIN)

    def close_w(self):
        if not self.w_closed:
            self.w_closed = True
            self.net.emit(K.PIPE_CLOSE, self.proc.pid, self.fd)
            self.r._notify()
            if self.on_readable is not None:
                self.on_readable()

    def close_r(self):
        if not self.r_closed:
            self.r_closed = True
            self.w._notify()
            if self.on_writable is not None:
                self.on_writable()


class PipeEnd(_Waitable):
    """The parent's end of a pipe, a file-like object with a (simulated) fd."""

    def __init__(self, pipe, mode):
        self.pipe = pipe
        self.mode = mode
        self.fd = -1
        self.closed = False

    def __repr__(self):
        return f"<loopscope pipe fd={self.fd} mode={self.mode!r}>"

    def attach(self):
        self.fd = self.pipe.net.new_fd(self)
        return self

    def fileno(self):
        return self.fd

    def read(self, n=-1):
        return self.pipe.take(n if n >= 0 else 1 << 30)

    def write(self, data):
        return self.pipe.put(data)

    def close(self):
        if self.closed:
            return
        self.closed = True
        self.pipe.net.fds.pop(self.fd, None)
        if self.mode == "r":
            self.pipe.close_r()
        else:
            self.pipe.close_w()

    def _readable(self):
        p = self.pipe
        if self.mode == "r":
            return bool(p.buf) or p.w_closed
        return p.r_closed  # the reader went away (POLLHUP/POLLERR)

    def _writable(self):
        p = self.pipe
        return self.mode == "w" and (p.r_closed or len(p.buf) < PIPE_CAPACITY)


class PidFd(_Waitable):
    """Becomes readable when its process exits (like Linux's pidfd)."""

    def __init__(self, proc):
        self.proc = proc
        self.fd = proc.net.new_fd(self)

    def fileno(self):
        return self.fd

    def _readable(self):
        return self.proc.returncode is not None

    def close(self):
        self.proc.net.fds.pop(self.fd, None)


# ---- the process ----------------------------------------------------------------------
class SimProcess:
    """What subprocess.Popen gives asyncio's subprocess transport."""

    def __init__(self, net, loop, argv, label, program, stdin, stdout, stderr, env=None):
        self.net = net
        self.env = dict(env) if env is not None else {"HOME": "/home/pyodide", "PATH": "/usr/local/bin:/usr/bin:/bin"}
        self.loop = loop
        self.args = argv
        self.pid = net.next_pid
        net.next_pid += 1
        net.processes[self.pid] = self
        self.returncode = None
        self.stdin = self.stdout = self.stderr = None
        self._in = self._out = self._err = None
        net.emit(K.PROC_SPAWN, self.pid, net.s(label))
        if stdin == PIPE:
            self._in = Pipe(net, self, 0)
            self.stdin = self._in.w.attach()
            net.emit(K.PIPE_OPEN, self.pid, 0)
        if stdout == PIPE:
            self._out = Pipe(net, self, 1)
            self.stdout = self._out.r.attach()
            net.emit(K.PIPE_OPEN, self.pid, 1)
        if stderr == PIPE:
            self._err = Pipe(net, self, 2)
            self.stderr = self._err.r.attach()
            net.emit(K.PIPE_OPEN, self.pid, 2)
        elif stderr == STDOUT:
            self._err = self._out if self._out is not None else "inherit-out"
        self._devnull = {0: stdin == DEVNULL, 1: stdout == DEVNULL, 2: stderr == DEVNULL}
        self.pidfd = PidFd(self)
        self._gen = program(self)
        self._waiting = None
        self._timer = None
        self._scheduled = False
        step = self._step
        def run_process():
            step()
        run_process.__qualname__ = run_process.__name__ = f"process {label[:40]} (pid {self.pid})"
        self._run = run_process
        self._wake()

    def __repr__(self):
        return f"<loopscope process pid={self.pid} args={self.args!r} returncode={self.returncode}>"

    # ---- running -----------------------------------------------------------------------
    def _wake(self):
        if self._scheduled or self.returncode is not None:
            return
        self._scheduled = True
        self.loop.call_soon(self._run)

    def _step(self):
        self._scheduled = False
        self._timer = None
        if self.returncode is not None:
            return
        try:
            while True:
                want = next(self._gen)
                kind = want[0]
                if kind == "read":
                    p = self._in
                    if p is None or p.buf or p.w_closed:
                        continue
                    p.on_readable = self._wake
                    return
                if kind == "write":
                    p = want[1]
                    if p.r_closed or len(p.buf) < PIPE_CAPACITY:
                        continue
                    p.on_writable = self._wake
                    return
                if kind == "sleep":
                    self._timer = self.loop.call_later(want[1], self._run)
                    self._scheduled = True
                    return
        except StopIteration as stop:
            self._exit(stop.value or 0)
        except _Killed as k:
            self._exit(-k.sig)

    def read_stdin(self, n=1 << 16):
        """Generator: bytes from stdin (b'' at EOF)."""
        while True:
            p = self._in
            if p is None:
                return b""
            if p.buf:
                return p.take(n)
            if p.w_closed:
                return b""
            yield ("read",)

    def write(self, fd, data):
        """Generator: write all of data to fd 1 or 2."""
        if isinstance(data, str):
            data = data.encode()
        target = self._out if fd == 1 else self._err
        if target == "inherit-out":
            target = None
            fd = 1
        if self._devnull.get(fd):
            return
        if target is None:
            # Inherited: the program's own stdout/stderr.
            stream = sys.stdout if fd == 1 else sys.stderr
            stream.write(data.decode("utf-8", "replace"))
            return
        while data:
            if target.r_closed:
                raise _Killed(13)  # SIGPIPE
            space = PIPE_CAPACITY - len(target.buf)
            if space <= 0:
                yield ("write", target)
                continue
            n = target.put(data[:space])
            data = data[n:]

    def _exit(self, code):
        if self.returncode is not None:
            return
        self.returncode = code
        if self._timer is not None:
            self._timer.cancel()
        for p in (self._out, self._err):
            if isinstance(p, Pipe):
                p.close_w()
        if self._in is not None:
            self._in.close_r()
            self._in.on_readable = None
        self.net.emit(K.PROC_EXIT, self.pid, code)
        self.pidfd._notify()

    # ---- Popen API ---------------------------------------------------------------------
    def poll(self):
        return self.returncode

    def wait(self, timeout=None):
        return self.returncode

    def send_signal(self, sig):
        if self.returncode is None:
            self._gen.close()
            self._exit(-int(sig))

    def terminate(self):
        self.send_signal(15)

    def kill(self):
        self.send_signal(9)


class _Killed(Exception):
    def __init__(self, sig):
        self.sig = sig


# ---- built-in commands ------------------------------------------------------------------
def _echo_escapes(s):
    out = []
    i = 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            n = s[i + 1]
            if n == "c":
                return "".join(out), True
            m = {"n": "\n", "t": "\t", "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "r": "\r", "v": "\v", "e": "\x1b"}
            if n in m:
                out.append(m[n])
                i += 2
                continue
            if n == "0":
                j = i + 2
                while j < len(s) and j < i + 5 and s[j] in "01234567":
                    j += 1
                out.append(chr(int(s[i + 2:j] or "0", 8)))
                i = j
                continue
        out.append(c)
        i += 1
    return "".join(out), False


def cmd_echo(p, args, shell=False):
    newline, escapes = True, shell
    while args and args[0].startswith("-") and len(args[0]) > 1 and set(args[0][1:]) <= (set("n") if shell else set("neE")):
        for f in args[0][1:]:
            if f == "n":
                newline = False
            elif f == "e":
                escapes = True
            elif f == "E":
                escapes = False
        args = args[1:]
    text = " ".join(args)
    if escapes:
        text, stop = _echo_escapes(text)
        if stop:
            newline = False
    yield from p.write(1, text + ("\n" if newline else ""))
    return 0


def _printf_escape(s):
    return _echo_escapes(s)[0]


def cmd_printf(p, args, shell=False):
    if not args:
        yield from p.write(2, "printf: missing operand\nTry 'printf --help' for more information.\n")
        return 1
    fmt, rest = args[0], list(args[1:])
    out = []
    status = 0
    first = True
    while first or rest:
        first = False
        i = 0
        used = False
        while i < len(fmt):
            c = fmt[i]
            if c == "\\":
                j = i + 2
                seg = fmt[i:j]
                if fmt[i + 1:i + 2] in ("0",):
                    while j < len(fmt) and j < i + 5 and fmt[j] in "01234567":
                        j += 1
                    seg = fmt[i:j]
                out.append(_printf_escape(seg))
                i = j
                continue
            if c == "%" and i + 1 < len(fmt):
                j = i + 1
                while j < len(fmt) and fmt[j] in "-+ #0123456789.":
                    j += 1
                conv = fmt[j] if j < len(fmt) else ""
                spec = fmt[i + 1:j]
                i = j + 1
                if conv == "%":
                    out.append("%")
                    continue
                used = True
                arg = rest.pop(0) if rest else None
                try:
                    if conv in "di":
                        out.append(("%" + spec + "d") % int(arg or 0))
                    elif conv in "xXo":
                        out.append(("%" + spec + conv) % int(arg or 0))
                    elif conv in "feEgG":
                        out.append(("%" + spec + conv) % float(arg or 0))
                    elif conv == "c":
                        out.append((arg or "")[:1])
                    elif conv == "b":
                        out.append(_echo_escapes(arg or "")[0])
                    else:
                        out.append(("%" + spec + "s") % (arg or ""))
                except ValueError:
                    out.append("0")
                    status = 1
                    yield from p.write(2, f"printf: '{arg}': expected a numeric value\n")
                continue
            out.append(c)
            i += 1
        if not used:
            break
    yield from p.write(1, "".join(out))
    return status


def cmd_cat(p, args, shell=False):
    files = [a for a in args if a != "-" and not a.startswith("-")] if args else []
    status = 0
    sources = args or ["-"]
    for a in sources:
        if a == "-":
            while True:
                data = yield from p.read_stdin()
                if not data:
                    break
                yield from p.write(1, data)
        elif a.startswith("-"):
            continue
        else:
            yield from p.write(2, f"cat: {a}: No such file or directory\n")
            status = 1
    del files
    return status


def cmd_true(p, args, shell=False):
    return 0
    yield


def cmd_false(p, args, shell=False):
    return 1
    yield


_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def cmd_sleep(p, args, shell=False):
    if not args:
        yield from p.write(2, "sleep: missing operand\nTry 'sleep --help' for more information.\n")
        return 1
    total = 0.0
    for a in args:
        unit = a[-1] if a and a[-1] in "smhd" else ""
        try:
            v = float(a[:-1] if unit else a)
            if v < 0:
                raise ValueError
        except ValueError:
            yield from p.write(2, f"sleep: invalid time interval '{a}'\nTry 'sleep --help' for more information.\n")
            return 1
        total += v * _UNITS[unit]
    if total > 0:
        yield ("sleep", total)
    return 0


COMMANDS = {"echo": cmd_echo, "cat": cmd_cat, "printf": cmd_printf, "true": cmd_true,
            "false": cmd_false, "sleep": cmd_sleep,
            # sys.executable is /usr/bin/python3 during a run (patches.py)
            "python3": cmd_python, "python": cmd_python,
            "python%d" % sys.version_info[0]: cmd_python, "python%d.%d" % sys.version_info[:2]: cmd_python}
_BIN_DIRS = ("/bin/", "/usr/bin/", "/usr/local/bin/")


def find_command(name):
    if name in COMMANDS:
        return COMMANDS[name]
    for d in _BIN_DIRS:
        if name.startswith(d) and name[len(d):] in COMMANDS:
            return COMMANDS[name[len(d):]]
    return None


# ---- sh -c -----------------------------------------------------------------------------
_OPS = (";", "&&", "||")


def parse_shell(cmd, env, status=0):
    """Split a command line into [(operator, argv)] (operator '' | ';' | '&&' | '||'),
    with quotes, backslashes and $NAME / ${NAME} / $? expanded. Raises
    ValueError(token) for what it does not simulate (pipes, redirections, &)."""
    out, argv, op = [], [], ""
    word, has_word = [], False
    i, n = 0, len(cmd)

    def var(j):
        if j < n and cmd[j] == "?":
            return str(status), j + 1
        if j < n and cmd[j] == "{":
            k = cmd.find("}", j)
            if k < 0:
                raise ValueError("${")
            return env.get(cmd[j + 1:k], ""), k + 1
        k = j
        while k < n and (cmd[k].isalnum() or cmd[k] == "_"):
            k += 1
        if k == j:
            return "$", j
        return env.get(cmd[j:k], ""), k

    while i < n:
        c = cmd[i]
        if c in " \t\n":
            if has_word:
                argv.append("".join(word))
                word, has_word = [], False
            i += 1
        elif c == "#" and not has_word:
            break
        elif c == "'":
            k = cmd.find("'", i + 1)
            if k < 0:
                raise ValueError("unterminated quote")
            word.append(cmd[i + 1:k])
            has_word = True
            i = k + 1
        elif c == '"':
            i += 1
            has_word = True
            while i < n and cmd[i] != '"':
                if cmd[i] == "\\" and i + 1 < n and cmd[i + 1] in '$`"\\\n':
                    word.append(cmd[i + 1])
                    i += 2
                elif cmd[i] == "$":
                    v, i = var(i + 1)
                    word.append(v)
                else:
                    word.append(cmd[i])
                    i += 1
            if i >= n:
                raise ValueError("unterminated quote")
            i += 1
        elif c == "\\" and i + 1 < n:
            word.append(cmd[i + 1])
            has_word = True
            i += 2
        elif c == "$":
            v, i = var(i + 1)
            if v:
                word.append(v)
                has_word = True
        elif c in ";&|<>`(":
            two = cmd[i:i + 2]
            tok = two if two in ("&&", "||") else c
            if tok not in _OPS:
                raise ValueError(tok)
            if has_word:
                argv.append("".join(word))
                word, has_word = [], False
            out.append((op, argv))
            op, argv = tok, []
            i += len(tok)
        else:
            word.append(c)
            has_word = True
            i += 1
    if has_word:
        argv.append("".join(word))
    out.append((op, argv))
    return [(o, a) for o, a in out if a]


def shell_program(cmd):
    def run(p):
        try:
            parts = parse_shell(cmd, p.env)
        except ValueError as e:
            yield from p.write(2, f"/bin/sh: 1: Loopscope's shell does not simulate {e} "
                                  "(only simple commands with quotes, $VAR, ;, && and ||)\n")
            return 2
        status = 0
        for op, argv in parts:
            if op == "&&" and status != 0:
                continue
            if op == "||" and status == 0:
                continue
            if argv[0] == "exit":
                return int(argv[1]) if len(argv) > 1 and argv[1].isdigit() else status
            fn = find_command(argv[0])
            if fn is None:
                yield from p.write(2, f"/bin/sh: 1: {argv[0]}: not found\n")
                status = 127
                continue
            status = yield from fn(p, argv[1:], shell=True)
        return status
    return run


def exec_program(argv):
    fn = find_command(argv[0])
    if fn is None:
        return None

    def run(p):
        return (yield from fn(p, list(argv[1:])))
    return run
