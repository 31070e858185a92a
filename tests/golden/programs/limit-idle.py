# loopscope-only: on CPython this program waits forever. A task awaits a
# future that nothing will ever resolve and no timer is set, so Loopscope ends
# the run as idle (exit status 3) and names the waiting task in the message.
import asyncio


async def stuck(fut):
    print("stuck waits")
    await fut


async def main():
    fut = asyncio.get_running_loop().create_future()
    t = asyncio.create_task(stuck(fut), name="stuck-task")
    await asyncio.sleep(0.5)
    print("main waits for stuck-task")
    await t
    print("never printed")


asyncio.run(main())
