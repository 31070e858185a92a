# title: Timeouts around a block
# description: asyncio.timeout (Python 3.11) puts one deadline on everything awaited inside
# description: the block; when it passes, the current await is cancelled.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        async with asyncio.timeout(1.0):
            for i in range(10):
                await asyncio.sleep(0.4)
                print(f"t={loop.time() - start:.1f} round {i}")
    except TimeoutError:
        print(f"t={loop.time() - start:.1f} timed out")


asyncio.run(main())
