# A task still waiting when its loop is closed and the task is garbage
# collected: 'Task was destroyed but it is pending!' on stderr.
import asyncio
import gc

loop = asyncio.new_event_loop()


async def forever(fut):
    print("waiting on a future nobody resolves")
    await fut


fut = loop.create_future()
task = loop.create_task(forever(fut))
loop.run_until_complete(asyncio.sleep(0.1))
print("task done?", task.done())
loop.close()
del task, fut
gc.collect()
print("end of program")
