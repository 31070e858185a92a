# The process table: exec and shell, built-in commands, pipes, return codes,
# a missing program, `sh: not found`, a process killed while it sleeps,
# sleep taking (virtual) time, stderr piped, DEVNULL.
import asyncio
from asyncio.subprocess import DEVNULL, PIPE, STDOUT


async def run(*argv, **kw):
    proc = await asyncio.create_subprocess_exec(*argv, stdout=PIPE, stderr=PIPE, **kw)
    out, err = await proc.communicate()
    print(argv, "->", proc.returncode, out, err)


async def main():
    loop = asyncio.get_running_loop()
    await run("echo", "-n", "no newline")
    await run("echo", "a", "b  c")
    await run("printf", "%d-%s|", "1", "x", "2", "y")
    await run("printf", "%5s|%-3s|%%\\n", "ab", "c")
    await run("true")
    await run("false")
    await run("cat", "/no/such/file")
    await run("sleep")

    try:
        await asyncio.create_subprocess_exec("no-such-program", "arg")
    except FileNotFoundError as e:
        print("exec:", type(e).__name__, e)

    for cmd in ["echo 'single quoted'  \"double $quoted\"", "echo one; echo two",
                "false && echo never", "false || echo rescued", "nosuchcmd --help", "echo out; nosuch; echo after"]:
        proc = await asyncio.create_subprocess_shell(cmd, stdout=PIPE, stderr=PIPE)
        out, err = await proc.communicate()
        print("sh:", repr(cmd), "->", proc.returncode, out, err)

    t0 = loop.time()
    proc = await asyncio.create_subprocess_exec("sleep", "0.5")
    print("sleep 0.5 ->", await proc.wait(), "after", round(loop.time() - t0, 1), "s")

    proc = await asyncio.create_subprocess_exec("sleep", "10")
    try:
        await asyncio.wait_for(proc.wait(), 0.2)
    except TimeoutError:
        print("still sleeping after 0.2 s; returncode", proc.returncode)
    proc.kill()
    print("killed ->", await proc.wait())

    proc = await asyncio.create_subprocess_exec("echo", "merged", stdout=PIPE, stderr=STDOUT)
    print("stderr=STDOUT:", await proc.communicate())
    proc = await asyncio.create_subprocess_exec("echo", "dropped", stdout=DEVNULL)
    print("DEVNULL:", await proc.communicate(), proc.returncode)

    proc = await asyncio.create_subprocess_exec("cat", stdin=PIPE, stdout=PIPE)
    proc.stdin.write(b"big " * 50000)
    out, _ = await proc.communicate(b"end\n")
    print("cat of 200004 bytes:", len(out), out[-8:])


asyncio.run(main())
