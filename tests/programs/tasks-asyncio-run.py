# asyncio.run: returns the coroutine's value, a fresh loop each call, closes
# it afterwards; cannot be nested; rejects a non-coroutine.
import asyncio

loops = []


async def main(n):
    loop = asyncio.get_running_loop()
    loops.append(loop)
    await asyncio.sleep(0.1)
    print("main", n, loop.is_running())
    return n * 10


print(asyncio.run(main(1)))
print(asyncio.run(main(2)))
print(loops[0] is loops[1], loops[0].is_closed(), loops[1].is_closed())


async def nested():
    coro = main(3)
    try:
        asyncio.run(coro)
    except RuntimeError as e:
        print("nested:", e)
    coro.close()


asyncio.run(nested())
try:
    asyncio.run(42)
except (ValueError, TypeError):  # ValueError up to 3.11, TypeError from 3.12
    print("rejected a non-coroutine")


async def fails():
    await asyncio.sleep(0)
    raise KeyError("inner")


try:
    asyncio.run(fails())
except KeyError as e:
    print("propagated", repr(e))
