# title: async def coroutines
# description: Calling an async def function makes a coroutine object; nothing runs until it
# description: is awaited (or wrapped in a task). await hands control back to the loop.
import asyncio


async def fetch(item, delay):
    print(f"fetching {item}...")
    await asyncio.sleep(delay)
    print(f"got {item}")
    return item.upper()


async def main():
    coro = fetch("eggs", 0.3)
    print("made", type(coro).__name__, "- nothing fetched yet")
    first = await coro
    second = await fetch("ham", 0.2)
    print(first, second)


asyncio.run(main())
