# title: The pitfall: time.sleep in a coroutine
# description: time.sleep does not give control back to the loop: while it sleeps, no other
# description: task can run. The timers panel shows the stall; asyncio.sleep would not cause it.
import asyncio
import time


async def ticker():
    for i in range(4):
        print("tick", i)
        await asyncio.sleep(0.25)


async def blocker():
    await asyncio.sleep(0.3)
    print("blocker: time.sleep(1) - the loop is stuck")
    time.sleep(1)
    print("blocker: done blocking")


async def main():
    t0 = asyncio.get_running_loop().time()
    await asyncio.gather(ticker(), blocker())
    print(f"total {asyncio.get_running_loop().time() - t0:.1f} s")


asyncio.run(main())
