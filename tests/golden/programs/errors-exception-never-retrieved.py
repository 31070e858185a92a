# A task fails and nobody looks at its exception: 'Task exception was never
# retrieved' with the traceback on stderr once the task is collected.
import asyncio
import gc


async def fails():
    await asyncio.sleep(0.1)
    raise RuntimeError("nobody saw me")


async def fine():
    await asyncio.sleep(0.1)
    raise RuntimeError("retrieved")


async def main():
    t = asyncio.create_task(fails())
    t2 = asyncio.create_task(fine())
    await asyncio.sleep(0.2)
    print("t done", t.done(), "t2 exception", t2.exception())
    del t, t2
    gc.collect()
    print("after collect")


asyncio.run(main())
