# npm run bench:ui opens this program's recording in the page: 10,000 tasks of
# 100 steps each, 1,010,007 steps in all (the heap of a 10^6-step run, issue 12).
import asyncio


async def worker():
    for _ in range(99):
        await asyncio.sleep(0)


async def main():
    await asyncio.gather(*(worker() for _ in range(10_000)))


asyncio.run(main())
