# Python children as the asyncio docs start them: sys.executable -c CODE.
# Output paced by the child's own time.sleep, stdin via communicate(input=...),
# exit codes, a traceback on the child's stderr, a program read from stdin, and
# a child that runs asyncio itself.
import asyncio
import sys

TICKER = """
import time
for i in range(3):
    print("tick", i, flush=True)
    time.sleep(0.5)
print("bye")
"""

UPPER = "import sys; data = sys.stdin.read(); print(data.upper(), end=''); sys.exit(len(data.split()))"


async def ticker():
    loop = asyncio.get_running_loop()
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", TICKER, stdout=asyncio.subprocess.PIPE)
    first = None
    async for line in proc.stdout:
        first = loop.time() if first is None else first
        print(f"+{loop.time() - first:.1f} got {line.decode().rstrip()}")
    print("ticker exited with", await proc.wait())


async def upper():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", UPPER,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate(b"hello from the parent\n")
    print("upper:", out.decode().rstrip(), "status", proc.returncode)


async def failing():
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-c", "print('before')\nraise ValueError('child failed')",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await proc.communicate()
    print("failing:", out.decode().rstrip(), "status", proc.returncode)
    print(err.decode().rstrip())


async def from_stdin():
    proc = await asyncio.create_subprocess_shell(
        "python3 -", stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate(b"import sys\nprint(sys.argv, 6 * 7)\n")
    print("stdin program:", out.decode().rstrip(), "status", proc.returncode)


ASYNC_CHILD = """
import asyncio

async def say(delay, what):
    await asyncio.sleep(delay)
    print(what, flush=True)

async def main():
    await asyncio.gather(say(0.2, "world"), say(0.1, "hello"))

asyncio.run(main())
"""


async def async_child():
    # Times from the first line: a real interpreter takes a while to start.
    loop = asyncio.get_running_loop()
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", ASYNC_CHILD, stdout=asyncio.subprocess.PIPE)
    first = None
    while line := await proc.stdout.readline():
        first = loop.time() if first is None else first
        print(f"+{loop.time() - first:.1f} child says {line.decode().rstrip()}")
    print("async child exited with", await proc.wait())


async def main():
    await ticker()
    await async_child()
    await upper()
    await failing()
    await from_stdin()
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "import sys; sys.exit('no luck')",
                                                stderr=asyncio.subprocess.PIPE)
    _, err = await proc.communicate()
    print("exit message:", err.decode().rstrip(), "status", proc.returncode)


asyncio.run(main())
