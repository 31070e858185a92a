# Semaphore limits concurrency; BoundedSemaphore raises ValueError when
# released too many times; a plain Semaphore does not.
import asyncio


async def worker(name, sem):
    async with sem:
        print(name, "in", round(asyncio.get_running_loop().time() - t0, 1))
        await asyncio.sleep(0.1)


async def main():
    global t0
    t0 = asyncio.get_running_loop().time()
    sem = asyncio.Semaphore(2)
    await asyncio.gather(*(worker(n, sem) for n in "abcde"))
    print("locked", sem.locked())

    plain = asyncio.Semaphore(1)
    plain.release()
    print("plain over-release is allowed; locked:", plain.locked())

    bounded = asyncio.BoundedSemaphore(1)
    await bounded.acquire()
    print("bounded locked", bounded.locked())
    bounded.release()
    try:
        bounded.release()
    except ValueError as e:
        print("ValueError", e)
    try:
        asyncio.Semaphore(-1)
    except ValueError as e:
        print("ValueError", e)


asyncio.run(main())
