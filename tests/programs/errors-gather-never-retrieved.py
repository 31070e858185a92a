# gather() whose failure nobody retrieves: when the outer future is
# collected, '_GatheringFuture exception was never retrieved' appears on stderr.
import asyncio
import gc


async def bad():
    await asyncio.sleep(0.1)
    raise ValueError("lost in gather")


async def main():
    g = asyncio.gather(bad())
    await asyncio.sleep(0.2)
    print("dropping the gather")
    del g
    gc.collect()
    print("after collect")


asyncio.run(main())
