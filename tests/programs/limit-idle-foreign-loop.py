# loopscope-only: a loop that is not Loopscope's own (built on BaseEventLoop's
# selector loop) waiting on a future nothing will ever finish. CPython waits
# forever; Loopscope stops the run, says which loop is idle, and exits with 3.
import asyncio
from asyncio import selector_events


class PlainLoop(selector_events.BaseSelectorEventLoop):
    pass


loop = PlainLoop()
loop.run_until_complete(asyncio.sleep(1))
print("slept 1 s on the plain loop")
loop.run_until_complete(loop.create_future())
print("never printed")
