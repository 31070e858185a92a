# run_until_complete with a coroutine, a task, a plain future, and an
# awaitable object; the loop is not running afterwards.
import asyncio

loop = asyncio.new_event_loop()


async def coro(x):
    await asyncio.sleep(0.1)
    return x * 2


class Awaitable:
    def __await__(self):
        yield from asyncio.sleep(0).__await__()
        return "awaitable done"


print(loop.run_until_complete(coro(1)))
task = loop.create_task(coro(5))
print(loop.run_until_complete(task), task.done())
fut = loop.create_future()
loop.call_later(0.2, fut.set_result, "future done")
print(loop.run_until_complete(fut))
print(loop.run_until_complete(Awaitable()))
print(loop.is_running())
try:
    loop.run_until_complete(coro("x") if False else 3)
except TypeError as e:
    print("TypeError", e)
loop.close()
