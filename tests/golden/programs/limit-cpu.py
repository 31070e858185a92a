# loopscope-only: on CPython this program spins forever. The coroutine never
# returns to the event loop, so Loopscope's CPU budget stops it (exit status 3).
import asyncio


async def spin():
    print("spinning")
    n = 0
    while True:
        n += 1


async def main():
    await asyncio.sleep(0.1)
    await spin()


asyncio.run(main())
