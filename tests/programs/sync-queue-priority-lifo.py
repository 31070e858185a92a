# PriorityQueue and LifoQueue ordering, including a blocked put on a full queue.
import asyncio


async def main():
    pq = asyncio.PriorityQueue()
    for item in [(3, "c"), (1, "a"), (2, "b"), (1, "a2"), (0, "z")]:
        await pq.put(item)
    print([pq.get_nowait() for _ in range(pq.qsize())])

    lq = asyncio.LifoQueue()
    for i in range(5):
        lq.put_nowait(i)
    print([await lq.get() for _ in range(5)])

    full = asyncio.LifoQueue(maxsize=2)
    await full.put("a")
    await full.put("b")

    async def late_put():
        await full.put("c")
        print("put c went through")

    t = asyncio.create_task(late_put())
    await asyncio.sleep(0.1)
    print("put blocked:", not t.done())
    print(await full.get())
    await asyncio.sleep(0)
    print([full.get_nowait() for _ in range(full.qsize())])
    await t


asyncio.run(main())
