# Task.cancelling() counts pending cancel requests; uncancel() decrements it.
import asyncio


async def sleeper():
    task = asyncio.current_task()
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("in except: cancelling =", task.cancelling())
        print("uncancel ->", task.uncancel())
        print("after uncancel =", task.cancelling())
    await asyncio.sleep(0.1)
    return "recovered"


async def main():
    t = asyncio.create_task(sleeper())
    print("initial", t.cancelling())
    await asyncio.sleep(0)
    t.cancel()
    t.cancel()
    print("after two cancels", t.cancelling())
    print(await t, t.cancelled(), t.cancelling())

    me = asyncio.current_task()
    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout uncancels: main cancelling =", me.cancelling())


asyncio.run(main())
