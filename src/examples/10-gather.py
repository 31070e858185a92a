# title: gather: wait for many coroutines
# description: gather runs awaitables concurrently and returns their results in the order they
# description: were passed, whatever order they finished in.
import asyncio


async def fetch(name, delay):
    print(f"start {name}")
    await asyncio.sleep(delay)
    print(f"done {name}")
    return name.upper()


async def main():
    results = await asyncio.gather(fetch("slow", 0.3), fetch("fast", 0.1), fetch("mid", 0.2))
    print(results)


asyncio.run(main())
