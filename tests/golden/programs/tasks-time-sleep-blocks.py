# time.sleep() inside a coroutine blocks the whole loop: the other task's
# timer is due during the block but can only run afterwards.
import asyncio
import time


async def sleeper():
    await asyncio.sleep(0.1)
    print("sleeper woke", round(loop.time() - t0, 1))


async def blocker():
    print("blocker starts", round(loop.time() - t0, 1))
    time.sleep(0.5)
    print("blocker done blocking", round(loop.time() - t0, 1))
    await asyncio.sleep(0.2)
    print("blocker woke", round(loop.time() - t0, 1))


async def main():
    global loop, t0
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await asyncio.gather(sleeper(), blocker())
    print("total", round(loop.time() - t0, 1))


asyncio.run(main())
