# title: Coroutines: the old @asyncio.coroutine style
# description: Before async/await, coroutines were generators marked @asyncio.coroutine
# description: that used `yield from`. Removed in Python 3.11; Loopscope keeps a shim.
# note: the expected output (06-generator-coroutine.out) was written by hand, because
# note: python3 3.11 on this machine no longer has asyncio.coroutine.
import asyncio


@asyncio.coroutine
def greet(name, delay):
    yield from asyncio.sleep(delay)
    print("hello,", name)
    return len(name)


@asyncio.coroutine
def main():
    n = yield from greet("generator", 0.5)
    print("name length:", n)


loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
