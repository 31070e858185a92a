# What a program sees when it prints the types of asyncio's objects.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    task = asyncio.current_task()
    print(type(fut), type(task))
    print(asyncio.Future, asyncio.Task)
    print(type(fut).__name__, type(task).__qualname__, type(fut).__module__)
    print(type(asyncio.gather()).__name__)
    print(repr(fut))
    fut.set_result([1, 2])
    print(repr(fut))
    fut = loop.create_future()
    fut.cancel()
    print(repr(fut))
    fut = loop.create_future()
    fut.set_exception(ValueError("e"))
    print(repr(fut))
    fut.exception()
    print(type(loop.call_later(1, print)).__name__, type(loop.call_soon(print)).__name__)


asyncio.run(main())
