# 10,000 tasks x 100 `await asyncio.sleep(0)`: about 10^6 loop steps of pure
# task switching (every step is one task step).
import asyncio

N_TASKS = 10_000
ROUNDS = 100


async def worker(i):
    for _ in range(ROUNDS):
        await asyncio.sleep(0)
    return i


async def main():
    results = await asyncio.gather(*(worker(i) for i in range(N_TASKS)))
    print("tasks", len(results), "sum", sum(results))


asyncio.run(main())
