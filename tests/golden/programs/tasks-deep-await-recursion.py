# Deep recursion of awaits: a recursive coroutine 150 levels deep that sleeps
# at the bottom, and a chain of 500 tasks each awaiting the next one.
import asyncio


async def down(n):
    if n == 0:
        await asyncio.sleep(0.1)
        return 0
    return 1 + await down(n - 1)


async def chain(n):
    if n == 0:
        await asyncio.sleep(0.1)
        return "bottom"
    t = asyncio.create_task(chain(n - 1))
    r = await t
    return r if n % 100 else f"{r}<{n}"


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    print(await down(150))
    print(await chain(500))
    print(sum(await asyncio.gather(*(down(i) for i in range(50)))))
    print(round(loop.time() - t0, 1))


asyncio.run(main())
