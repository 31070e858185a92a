# task.cancel("msg"): the message reaches the coroutine as CancelledError.args
# and the awaiter; cancel() return values; cancelled() afterwards.
import asyncio


async def victim():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("victim sees args", e.args)
        raise


async def stubborn():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError as e:
        print("stubborn swallows", e.args)
    return "survived"


async def main():
    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    print("cancel ->", t.cancel("stop now"))
    print("cancel again ->", t.cancel("again"))
    try:
        await t
    except asyncio.CancelledError as e:
        print("awaiter sees args", e.args)
    print("cancelled", t.cancelled(), "cancel when done ->", t.cancel())

    t = asyncio.create_task(victim())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        print("no message ->", e.args)

    t = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    t.cancel("please")
    print(await t, t.cancelled())

    t = asyncio.create_task(victim())
    t.cancel("before start")
    try:
        await t
    except asyncio.CancelledError as e:
        print("cancelled before it ran:", e.args)

    fut = asyncio.get_running_loop().create_future()
    fut.cancel("future msg")
    try:
        fut.result()
    except asyncio.CancelledError as e:
        print("future", e.args)


asyncio.run(main())
