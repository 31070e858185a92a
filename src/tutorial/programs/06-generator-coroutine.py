# title: Generator coroutines with @asyncio.coroutine
# description: Before async def, a coroutine was a generator decorated with
# description: @asyncio.coroutine that used `yield from`. Python 3.11 removed it; Loopscope keeps it.
# note: the expected output (06-generator-coroutine.out) was written by hand: python3 3.11
# note: on this machine no longer has asyncio.coroutine.
import asyncio


@asyncio.coroutine
def countdown(n):
    while n > 0:
        print("countdown", n)
        yield from asyncio.sleep(0.25)
        n -= 1
    return "liftoff"


@asyncio.coroutine
def launch():
    result = yield from countdown(3)
    print(result)


loop = asyncio.new_event_loop()
loop.run_until_complete(launch())
loop.close()
