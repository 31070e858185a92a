# Like errors-task-destroyed-pending, but the task is only collected at
# interpreter exit (module globals dropped): the message still appears.
import asyncio

loop = asyncio.new_event_loop()


async def forever():
    await loop.create_future()


task = loop.create_task(forever())
loop.run_until_complete(asyncio.sleep(0.1))
print("closing with a pending task")
loop.close()
