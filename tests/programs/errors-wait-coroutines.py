# asyncio.wait() given bare coroutines, as tutorials written for 3.5-3.10 do:
# since CPython 3.11 this is a TypeError (the coroutines are never awaited).
import asyncio


async def job(n):
    await asyncio.sleep(n / 10)
    return n


async def main():
    print("before wait")
    done, pending = await asyncio.wait([job(3), job(1)])
    print("never printed")


asyncio.run(main())
