# Queue: producer/consumers with task_done/join, get_nowait/QueueEmpty,
# put_nowait/QueueFull, qsize/empty/full, task_done too many times.
import asyncio


async def consumer(name, q, log):
    while True:
        item = await q.get()
        await asyncio.sleep(item / 10)
        log.append((name, item))
        q.task_done()


async def main():
    q = asyncio.Queue()
    log = []
    workers = [asyncio.create_task(consumer(f"w{i}", q, log)) for i in range(2)]
    for item in (3, 1, 2, 1):
        q.put_nowait(item)
    print("qsize", q.qsize(), "empty", q.empty(), "full", q.full())
    await q.join()
    print("joined", log)
    for w in workers:
        w.cancel()
    await asyncio.gather(*workers, return_exceptions=True)

    small = asyncio.Queue(maxsize=1)
    small.put_nowait("x")
    print("full", small.full(), small.maxsize)
    try:
        small.put_nowait("y")
    except asyncio.QueueFull:
        print("QueueFull")
    print(small.get_nowait())
    try:
        small.get_nowait()
    except asyncio.QueueEmpty:
        print("QueueEmpty")
    try:
        small.task_done()
        small.task_done()
    except ValueError as e:
        print("ValueError", e)

    q = asyncio.Queue()
    getter = asyncio.create_task(q.get())
    await asyncio.sleep(0.1)
    print("getter waiting", getter.done())
    await q.put("late item")
    print(await getter)


asyncio.run(main())
