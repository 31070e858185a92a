# loopscope-only: a function run with run_in_executor that waits for the event
# loop (run_coroutine_threadsafe(...).result()). With threads (python3) the
# function runs on a worker thread while the loop runs the coroutine, and this
# prints 3. The browser has no threads: the function runs in place, blocking
# the very loop it waits for. Loopscope stops the run and says why (exit 3)
# instead of waiting forever.
import asyncio


async def add(a, b):
    await asyncio.sleep(0.05)
    return a + b


def blocking(loop):
    future = asyncio.run_coroutine_threadsafe(add(1, 2), loop)
    return future.result()


async def main():
    loop = asyncio.get_running_loop()
    print("submitting")
    print(await loop.run_in_executor(None, blocking, loop))


asyncio.run(main())
