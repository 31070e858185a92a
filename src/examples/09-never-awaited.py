# title: Pitfall: a coroutine that is never awaited
# description: asyncio.sleep(1) without await creates a coroutine and throws it away: nothing
# description: waits, and Python warns "coroutine ... was never awaited" on stderr.
import asyncio


async def main():
    print("before")
    asyncio.sleep(1)  # forgot await: this does nothing
    print("after, no pause")
    await asyncio.sleep(1)  # this one really waits
    print("after a real 1 s pause")


asyncio.run(main())
