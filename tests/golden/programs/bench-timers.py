# bench/programs/timers.py at a small size (the same steps, fewer of them).
import asyncio

N_TASKS = 30
ROUNDS = 20


async def worker(i):
    delay = (i % 7 + 1) * 0.001
    for _ in range(ROUNDS):
        await asyncio.sleep(delay)
    return 1


async def main():
    done = await asyncio.gather(*(worker(i) for i in range(N_TASKS)))
    print("sleeps", sum(done) * ROUNDS)


asyncio.run(main())
