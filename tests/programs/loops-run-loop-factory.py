# asyncio.run(main(), loop_factory=asyncio.EventLoop): the loop CPython's own
# test_taskgroups uses. On Loopscope it is its loop, on virtual time.
# Expected output: CPython 3.14's (asyncio.EventLoop and run()'s loop_factory
# are 3.12/3.13 additions; this machine's python3 3.11 has neither).
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print(type(loop).__name__, isinstance(loop, asyncio.SelectorEventLoop))
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(asyncio.sleep(d, result=d)) for d in (0.3, 0.1, 0.2)]
    return [t.result() for t in tasks], round(loop.time() - start, 3)


start = 0.0


async def timed():
    global start
    start = asyncio.get_running_loop().time()
    return await main()


print(asyncio.run(timed(), loop_factory=asyncio.EventLoop))
print(asyncio.run(timed(), loop_factory=asyncio.SelectorEventLoop))
