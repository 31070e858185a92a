# shield: cancelling the outer awaiter leaves the inner task running; its
# result is still available; cancelling the inner task cancels the shield.
import asyncio


async def inner(name, delay):
    await asyncio.sleep(delay)
    print("inner", name, "done")
    return name


async def waiter(aw):
    try:
        return await asyncio.shield(aw)
    except asyncio.CancelledError:
        print("waiter cancelled")
        raise


async def main():
    t = asyncio.create_task(inner("one", 0.3))
    w = asyncio.create_task(waiter(t))
    await asyncio.sleep(0.1)
    w.cancel()
    await asyncio.sleep(0)
    print("w cancelled:", w.cancelled(), "t cancelled:", t.cancelled())
    print("t result:", await t)

    t = asyncio.create_task(inner("two", 0.3))
    s = asyncio.shield(t)
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await s
    except asyncio.CancelledError:
        print("shield cancelled with inner:", s.cancelled())

    done = asyncio.get_running_loop().create_future()
    done.set_result("already")
    print(asyncio.shield(done) is done, await asyncio.shield(inner("three", 0)))


asyncio.run(main())
