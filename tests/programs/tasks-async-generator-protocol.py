# Async generators: asend, athrow, aclose, cleanup by the loop of a generator
# left unfinished (asyncio.run finalizes it), async comprehensions.
import asyncio


async def echo():
    received = None
    try:
        while True:
            try:
                received = yield f"echo {received}"
            except KeyError as e:
                received = f"handled {e!r}"
    finally:
        print("echo cleanup")


async def ticker(n):
    try:
        for i in range(n):
            await asyncio.sleep(0.1)
            yield i
    finally:
        print("ticker finally")


async def main():
    g = echo()
    print(await g.__anext__())
    print(await g.asend("hello"))
    print(await g.athrow(KeyError("k")))
    print(await g.asend(3))
    await g.aclose()
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("closed generator is exhausted")

    print([i async for i in ticker(3)])
    print([i * i async for i in ticker(4) if i % 2])

    async for i in ticker(10):
        if i == 1:
            break
    print("after break")

    g2 = ticker(5)
    print("first", await g2.__anext__())
    print("main returns with g2 unfinished")
    return g2


asyncio.run(main())
print("after run")
