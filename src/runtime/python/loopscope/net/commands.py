"""The built-in commands of the simulated process table: echo, cat, printf,
true, false, sleep, and python3 -c (python_child.py). Each is a generator run
by a SimProcess (process.py): it yields what it waits for and returns its exit
status (split out of process.py)."""

import sys

from .python_child import cmd_python


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


_TR_CLASSES = {
    "lower": "abcdefghijklmnopqrstuvwxyz", "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "digit": "0123456789", "space": " \t\n\v\f\r", "blank": " \t",
    "punct": "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~",
}
_TR_CLASSES["alpha"] = _TR_CLASSES["lower"] + _TR_CLASSES["upper"]
_TR_CLASSES["alnum"] = _TR_CLASSES["alpha"] + _TR_CLASSES["digit"]


def _tr_set(spec):
    """A tr SET: [:class:], ranges a-z, backslash escapes."""
    out, i = [], 0
    while i < len(spec):
        if spec.startswith("[:", i) and spec.find(":]", i) > 0:
            j = spec.find(":]", i)
            name = spec[i + 2:j]
            if name not in _TR_CLASSES:
                raise ValueError(f"tr: invalid character class '{name}'")
            out.append(_TR_CLASSES[name])
            i = j + 2
        elif spec[i] == "\\" and i + 1 < len(spec):
            out.append(_echo_escapes(spec[i:i + 2])[0])
            i += 2
        elif i + 2 < len(spec) and spec[i + 1] == "-":
            out.append("".join(map(chr, range(ord(spec[i]), ord(spec[i + 2]) + 1))))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)


def cmd_tr(p, args, shell=False):
    """GNU tr: translate SET1 to SET2 (the last of SET2 repeats), or -d delete SET1."""
    delete = bool(args) and args[0] == "-d"
    if delete:
        args = args[1:]
    if len(args) != (1 if delete else 2):
        yield from p.write(2, "tr: missing operand\nTry 'tr --help' for more information.\n"
                           if len(args) < (1 if delete else 2) else f"tr: extra operand '{args[-1]}'\n"
                           "Try 'tr --help' for more information.\n")
        return 1
    try:
        a = _tr_set(args[0])
        b = "" if delete else _tr_set(args[1])
    except ValueError as e:
        yield from p.write(2, f"{e}\n")
        return 1
    table = {ord(c): None for c in a} if delete else \
        {ord(c): (b[k] if k < len(b) else b[-1:]) for k, c in enumerate(a)}
    while True:
        data = yield from p.read_stdin()
        if not data:
            return 0
        yield from p.write(1, data.decode("latin-1").translate(table).encode("latin-1"))


_GNU_LS_OPTIONS = "abcdfghiklmnopqrstuvwxABCDFGHIKLNQRSTUXZ1"


def cmd_ls(p, args, shell=False):
    """GNU ls over Pyodide's in-memory file system: one name a line (its output
    is a pipe), -a -A -1 -d -r, and GNU's messages and exit status (2 when a
    named file cannot be accessed)."""
    import os
    flags, names = set(), []
    for i, a in enumerate(args):
        if a == "--":
            names += args[i + 1:]
            break
        if a.startswith("-") and a != "-":
            for f in a[1:]:
                if f not in "aA1dr":
                    yield from p.write(2, f"ls: invalid option -- '{f}'\nTry 'ls --help' for more information.\n"
                                       if f not in _GNU_LS_OPTIONS else f"ls: option -{f} is not simulated "
                                       "(Loopscope's ls knows -a -A -1 -d -r)\n")
                    return 2
                flags.add(f)
        else:
            names.append(a)
    rev = "r" in flags

    def listing(path):
        entries = os.listdir(path)
        if "a" in flags:
            entries += [".", ".."]
        elif "A" not in flags:
            entries = [e for e in entries if not e.startswith(".")]
        return sorted(entries, reverse=rev)

    status = 0
    files, dirs = [], []
    for n in names or ["."]:
        if not os.path.lexists(n):
            yield from p.write(2, f"ls: cannot access '{n}': No such file or directory\n")
            status = 2
        elif os.path.isdir(n) and "d" not in flags:
            dirs.append(n)
        else:
            files.append(n)
    out = [f + "\n" for f in sorted(files, reverse=rev)]
    for i, d in enumerate(sorted(dirs, reverse=rev)):
        if len(names) > 1:
            out.append(("\n" if out else "") + f"{d}:\n")
        try:
            out += [e + "\n" for e in listing(d)]
        except OSError:
            yield from p.write(2, f"ls: cannot open directory '{d}': Permission denied\n")
            status = 2
    if out:
        yield from p.write(1, "".join(out))
    return status


COMMANDS = {"echo": cmd_echo, "cat": cmd_cat, "printf": cmd_printf, "true": cmd_true,
            "false": cmd_false, "sleep": cmd_sleep, "ls": cmd_ls, "tr": cmd_tr,
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


def exec_program(argv):
    fn = find_command(argv[0])
    if fn is None:
        return None

    def run(p):
        return (yield from fn(p, list(argv[1:])))
    return run
