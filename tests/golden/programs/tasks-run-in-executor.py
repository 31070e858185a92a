# run_in_executor and asyncio.to_thread: results and exceptions come back
# through the awaited future (output does not depend on thread timing).
import asyncio
import functools


def compute(a, b, *, scale=1):
    return (a + b) * scale


def broken():
    raise ValueError("from the worker")


async def main():
    loop = asyncio.get_running_loop()
    r1 = await loop.run_in_executor(None, compute, 2, 3)
    r2 = await loop.run_in_executor(None, functools.partial(compute, 2, 3, scale=10))
    print(r1, r2)
    fut = loop.run_in_executor(None, compute, 1, 1)
    print(isinstance(fut, asyncio.Future))
    print(await fut)
    try:
        await loop.run_in_executor(None, broken)
    except ValueError as e:
        print("caught", e)
    print(await asyncio.to_thread(compute, 4, 5, scale=2))
    try:
        await asyncio.to_thread(broken)
    except ValueError as e:
        print("to_thread caught", e)
    results = await asyncio.gather(*(asyncio.to_thread(compute, i, i) for i in range(4)))
    print(results)


asyncio.run(main())
