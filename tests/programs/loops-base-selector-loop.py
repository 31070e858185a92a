# A loop built on asyncio's BaseSelectorEventLoop itself (not one of the classes
# asyncio names as its loop): Loopscope runs it as it is, on virtual time. Its
# select() waits for the next timer by moving the clock on, and a coroutine
# that waits on it sees the time pass as on CPython.
import asyncio
from asyncio import selector_events


class PlainLoop(selector_events.BaseSelectorEventLoop):
    pass


async def ticker(n):
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    for i in range(n):
        await asyncio.sleep(0.5)
        print(f"tick {i} at +{loop.time() - t0:.1f} s")
    return n


loop = PlainLoop()
loop.call_later(1.2, print, "call_later(1.2) fired")
print("ticks:", loop.run_until_complete(ticker(3)))
print(type(loop._selector).__name__)
loop.close()
