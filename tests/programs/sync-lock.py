# Lock: mutual exclusion in FIFO order, locked(), async with, releasing an
# unlocked lock, and a waiter cancelled while queued.
import asyncio


async def worker(name, lock, hold):
    async with lock:
        print(name, "acquired", round(asyncio.get_running_loop().time() - t0, 1))
        await asyncio.sleep(hold)
    print(name, "released")


async def main():
    global t0
    t0 = asyncio.get_running_loop().time()
    lock = asyncio.Lock()
    print("locked", lock.locked())
    await asyncio.gather(worker("a", lock, 0.2), worker("b", lock, 0.1), worker("c", lock, 0.1))
    print("locked", lock.locked())
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError", e)

    await lock.acquire()
    w1 = asyncio.create_task(worker("w1", lock, 0))
    w2 = asyncio.create_task(worker("w2", lock, 0))
    await asyncio.sleep(0.1)
    w1.cancel()
    await asyncio.sleep(0)
    lock.release()
    await asyncio.gather(w1, w2, return_exceptions=True)
    print("w1 cancelled", w1.cancelled(), "locked", lock.locked())


asyncio.run(main())
