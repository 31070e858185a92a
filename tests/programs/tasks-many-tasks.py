# 1,000 tasks with sleeps of 0.0-0.9 s: wake-up order is by deadline, ties in
# creation order; every task finishes.
import asyncio


async def sleeper(i, log):
    await asyncio.sleep((i % 10) / 10)
    log.append(i)
    await asyncio.sleep(0)
    return i


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    log = []
    tasks = [asyncio.create_task(sleeper(i, log)) for i in range(1000)]
    print(len(asyncio.all_tasks()))
    results = await asyncio.gather(*tasks)
    print(results == list(range(1000)), round(loop.time() - t0, 1))
    print(log[:12])
    print(log[-5:])
    expected = sorted(range(1000), key=lambda i: (i % 10, i))
    print(log == expected)
    print(len(asyncio.all_tasks()))


asyncio.run(main())
