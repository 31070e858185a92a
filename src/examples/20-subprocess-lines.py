# title: A subprocess read line by line
# description: create_subprocess_exec with stdout=PIPE: the parent reads the child's output line by
# description: line while it runs, then waits for its exit status. Loopscope simulates echo, cat,
# description: printf, true, false and sleep (sleep takes virtual time).
import asyncio
from asyncio.subprocess import PIPE


async def main():
    proc = await asyncio.create_subprocess_exec("printf", "line %s\\n", "one", "two", "three", stdout=PIPE)
    async for line in proc.stdout:
        print("read:", line)
    print("exit status:", await proc.wait())

    shell = await asyncio.create_subprocess_shell("sleep 1; echo woke up", stdout=PIPE)
    out, _ = await shell.communicate()
    print("shell:", out, "status", shell.returncode)


asyncio.run(main())
