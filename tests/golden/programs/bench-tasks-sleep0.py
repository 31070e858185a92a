# bench/programs/tasks-sleep0.py at a small size (the same steps, fewer of them).
import asyncio

N_TASKS = 30
ROUNDS = 20


async def worker(i):
    for _ in range(ROUNDS):
        await asyncio.sleep(0)
    return i


async def main():
    results = await asyncio.gather(*(worker(i) for i in range(N_TASKS)))
    print("tasks", len(results), "sum", sum(results))


asyncio.run(main())
