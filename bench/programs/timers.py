# Timer-heavy: 2,000 tasks x 250 sleeps of different lengths, so every step
# goes through a future, a timer in the heap and a wakeup (~10^6 steps).
import asyncio

N_TASKS = 2_000
ROUNDS = 250


async def worker(i):
    delay = (i % 7 + 1) * 0.001
    for _ in range(ROUNDS):
        await asyncio.sleep(delay)
    return 1


async def main():
    done = await asyncio.gather(*(worker(i) for i in range(N_TASKS)))
    print("sleeps", sum(done) * ROUNDS)


asyncio.run(main())
