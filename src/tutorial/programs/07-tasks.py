# title: Tasks run side by side
# description: create_task wraps a coroutine in a Task and schedules its first step at once.
# description: While one task waits on a sleep, the loop runs the others.
# step: 12
import asyncio


async def worker(name, pause):
    for i in range(2):
        print(f"{name} step {i}")
        await asyncio.sleep(pause)
    return name


async def main():
    tasks = [asyncio.create_task(worker(f"w{n}", 0.1 * n)) for n in range(1, 4)]
    print("three tasks created")
    for t in tasks:
        print("finished:", await t)


asyncio.run(main())
