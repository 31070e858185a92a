# title: Cancellation
# description: task.cancel() throws CancelledError into the task at the await where it is
# description: suspended. The task can clean up (finally) before it ends as cancelled.
import asyncio


async def worker():
    try:
        while True:
            print("working...")
            await asyncio.sleep(1)
    finally:
        print("worker: cleaning up")


async def main():
    task = asyncio.create_task(worker(), name="worker")
    await asyncio.sleep(2.5)
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        print("main: the worker was cancelled:", task.cancelled())


asyncio.run(main())
