# title: Coroutines: async def and await
# description: Calling an async function only creates a coroutine object; nothing runs until
# description: it is awaited. asyncio.run drives the outermost coroutine on a new loop.
import asyncio


async def compute(x, y):
    print(f"Compute {x} + {y} ...")
    await asyncio.sleep(1.0)
    return x + y


async def print_sum(x, y):
    result = await compute(x, y)
    print(f"{x} + {y} = {result}")


coro = print_sum(1, 2)
print("created:", type(coro).__name__)
asyncio.run(coro)
