# Calling a coroutine function without awaiting it: the body never runs and
# 'RuntimeWarning: coroutine ... was never awaited' appears on stderr.
import asyncio
import gc


async def forgotten(n):
    print("never printed", n)


async def main():
    forgotten(1)
    gc.collect()
    print("main goes on")
    asyncio.sleep(1)
    await asyncio.sleep(0.1)
    print("main done")


asyncio.run(main())
