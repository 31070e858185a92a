"""A tiny `sh -c` for the simulated process table: simple commands with
quotes, $VAR, ;, && and || (split out of process.py)."""

from .commands import find_command


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
