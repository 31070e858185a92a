# asyncio.sleep: result argument, zero delay, ordering of staggered sleepers,
# negative delay treated as zero.
import asyncio


async def nap(name, delay, log):
    r = await asyncio.sleep(delay, result=name)
    log.append((r, round(asyncio.get_running_loop().time() - t0, 1)))


async def main():
    global t0
    t0 = asyncio.get_running_loop().time()
    log = []
    print(await asyncio.sleep(0.1, result="slept"))
    print(await asyncio.sleep(0))
    t0 = asyncio.get_running_loop().time()
    await asyncio.gather(nap("c", 0.3, log), nap("a", 0.1, log), nap("z", 0, log),
                         nap("neg", -1, log), nap("b", 0.2, log))
    print(log)


asyncio.run(main())
