# Generator-based coroutines (@asyncio.coroutine) that use a bare `yield` to
# give way to the loop (as sleep(0) does), run as tasks by gather and
# ensure_future; an exception from one propagates with its traceback.
# The decorator was removed in CPython 3.11: Loopscope supplies the 3.10
# behaviour, so .out/.stderr/.exit were written by hand from what 3.10 prints.
import asyncio

@asyncio.coroutine
def ticker(name, n):
    for i in range(n):
        print(name, i)
        yield
    return name

@asyncio.coroutine
def fails():
    yield from asyncio.sleep(0.1)
    raise ValueError("gen fail")

async def main():
    print(await asyncio.gather(ticker("a", 3), ticker("b", 2)))
    try:
        await fails()
    except ValueError as e:
        print("caught", e)
    t = asyncio.ensure_future(ticker("c", 1))
    print(isinstance(t, asyncio.Task), await t)
    await fails()

asyncio.run(main())
