# as_completed: results in completion order, with a timeout on the rest.
import asyncio


async def job(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    aws = [job("slow", 0.3), job("fast", 0.1), job("mid", 0.2)]
    for fut in asyncio.as_completed(aws):
        print(await fut, round(loop.time() - t0, 1))

    t0 = loop.time()
    tasks = [asyncio.create_task(job(n, d)) for n, d in (("x", 0.1), ("y", 0.5))]
    try:
        for fut in asyncio.as_completed(tasks, timeout=0.3):
            print(await fut, round(loop.time() - t0, 1))
    except TimeoutError:
        print("timed out at", round(loop.time() - t0, 1))
    print(tasks[1].done())
    print(await tasks[1], round(loop.time() - t0, 1))


asyncio.run(main())
