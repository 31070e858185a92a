# title: A thousand tasks
# description: 1,000 tasks sleeping for different times: the panels aggregate and scroll.
# description: Play it to watch the ready queue fill and drain.
import asyncio


async def worker(i):
    await asyncio.sleep((i % 10) / 10)
    await asyncio.sleep(0)
    return i


async def main():
    results = await asyncio.gather(*(worker(i) for i in range(1000)))
    print("tasks finished:", len(results))
    print("sum:", sum(results))


asyncio.run(main())
