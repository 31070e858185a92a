# title: Queues: producer and consumers
# description: An asyncio.Queue hands items from producers to consumers; get() waits while the
# description: queue is empty, and join() waits until every item was marked task_done().
import asyncio


async def producer(queue):
    for i in range(4):
        await asyncio.sleep(0.25)
        print(f"put job {i}")
        await queue.put(i)


async def consumer(name, queue):
    while True:
        job = await queue.get()
        print(f"{name} took job {job}")
        await asyncio.sleep(0.6)
        queue.task_done()


async def main():
    queue = asyncio.Queue()
    consumers = [asyncio.create_task(consumer(f"c{i}", queue), name=f"c{i}") for i in range(2)]
    await producer(queue)
    await queue.join()
    print("all jobs done")
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)


asyncio.run(main())
