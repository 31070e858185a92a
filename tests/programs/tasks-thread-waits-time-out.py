# Waits for another thread that time out: concurrent.futures.Future.result(timeout),
# threading.Event.wait(timeout) and queue.Queue.get(timeout) in a function run
# with run_in_executor. Nobody sets them, so each times out after its timeout;
# on Loopscope that time passes on the virtual clock.
import asyncio
import concurrent.futures
import queue
import threading
import time


def waits():
    t0 = time.monotonic()
    try:
        concurrent.futures.Future().result(timeout=0.5)
    except TimeoutError:
        print("Future.result timed out")
    print("Event.wait ->", threading.Event().wait(0.25))
    try:
        queue.Queue().get(timeout=0.25)
    except queue.Empty:
        print("Queue.get timed out")
    return round(time.monotonic() - t0, 1)


async def main():
    loop = asyncio.get_running_loop()
    print("waited", await loop.run_in_executor(None, waits), "s")


asyncio.run(main())
