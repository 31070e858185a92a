# title: Futures: done callbacks and ensure_future
# description: add_done_callback asks the loop to call a function once a future is done.
# description: ensure_future wraps a coroutine in a Task, which is itself a Future.
import asyncio


async def slow_operation():
    await asyncio.sleep(1)
    return "Future is done!"


def got_result(future):
    print("callback got:", future.result())
    future.get_loop().stop()


loop = asyncio.new_event_loop()
asyncio.set_event_loop(loop)
task = asyncio.ensure_future(slow_operation())
task.add_done_callback(got_result)
print("is a Future:", isinstance(task, asyncio.Future))
loop.run_forever()
loop.close()
