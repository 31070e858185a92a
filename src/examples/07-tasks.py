# title: Tasks: running coroutines concurrently
# description: create_task schedules a coroutine to run as soon as the current task yields.
# description: While one task sleeps, the loop runs the others.
import asyncio


async def factorial(name, number):
    f = 1
    for i in range(2, number + 1):
        print(f"Task {name}: compute factorial({i})...")
        await asyncio.sleep(1)
        f *= i
    print(f"Task {name}: factorial({number}) = {f}")


async def main():
    a = asyncio.create_task(factorial("A", 2), name="A")
    b = asyncio.create_task(factorial("B", 3), name="B")
    await a
    await b


asyncio.run(main())
