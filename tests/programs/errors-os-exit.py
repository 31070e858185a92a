# os._exit() in a task ends the program at once with its status: nothing after
# it runs, no finally block, no "Task was destroyed" message for the tasks
# left pending (as CPython: no cleanup at all). signal.raise_signal() of a
# signal with a handler runs the handler, as os.kill to itself does.
import asyncio
import os
import signal


async def forever():
    await asyncio.sleep(3600)


async def main():
    signal.signal(signal.SIGUSR1, lambda sig, frame: print("handler ran", flush=True))
    signal.raise_signal(signal.SIGUSR1)
    asyncio.create_task(forever())
    await asyncio.sleep(0.1)
    print("exiting with 7", flush=True)
    try:
        os._exit(7)
    finally:
        print("never printed")


asyncio.run(main())
print("never printed either")
