# title: gather: wait for many at once
# description: gather runs its awaitables as tasks and returns their results in the order
# description: they were given, however they finish.
import asyncio


async def square(x):
    await asyncio.sleep(0.1 * (4 - x))
    print("squared", x)
    return x * x


async def main():
    results = await asyncio.gather(*(square(x) for x in range(1, 4)))
    print("results:", results)


asyncio.run(main())
