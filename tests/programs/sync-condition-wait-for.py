# Condition: wait_for(predicate), notify(n), notify_all, and notify without
# holding the lock (RuntimeError).
import asyncio

items = []


async def consumer(name, cond):
    async with cond:
        await cond.wait_for(lambda: items)
        print(name, "got", items.pop(0))


async def waiter(name, cond):
    async with cond:
        await cond.wait()
        print(name, "notified")


async def main():
    cond = asyncio.Condition()
    consumers = [asyncio.create_task(consumer(f"c{i}", cond)) for i in range(3)]
    await asyncio.sleep(0)
    for i in range(3):
        async with cond:
            items.append(i)
            cond.notify()
        await asyncio.sleep(0.1)
    await asyncio.gather(*consumers)

    waiters = [asyncio.create_task(waiter(f"w{i}", cond)) for i in range(4)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(2)
    await asyncio.sleep(0)
    print("after notify(2)")
    async with cond:
        cond.notify_all()
    await asyncio.gather(*waiters)
    try:
        cond.notify()
    except RuntimeError as e:
        print("RuntimeError", e)
    async with cond:
        r = await cond.wait_for(lambda: "already true")
        print("wait_for returns predicate value:", r)


asyncio.run(main())
