# title: Pitfall: time.sleep blocks the whole loop
# description: time.sleep inside a coroutine does not yield: no other task can run until it
# description: returns. Compare the timers panel with asyncio.sleep in the other task.
import asyncio
import time


async def polite(name):
    for i in range(3):
        print(f"{name} tick {i}")
        await asyncio.sleep(0.5)


async def rude():
    print("rude: time.sleep(2) - everyone waits")
    time.sleep(2)
    print("rude: awake again")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    await asyncio.gather(polite("polite"), rude())
    print(f"took {loop.time() - start:.1f}s")


asyncio.run(main())
