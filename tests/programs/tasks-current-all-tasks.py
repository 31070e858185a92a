# current_task / all_tasks from inside tasks and callbacks; default names
# Task-1, Task-2, ...; finished tasks leave all_tasks.
import asyncio


async def child(n):
    me = asyncio.current_task()
    await asyncio.sleep(0.1 * n)
    return me.get_name()


def in_callback():
    print("current_task in a callback:", asyncio.current_task())


async def main():
    me = asyncio.current_task()
    print("main is", me.get_name(), me.get_coro().__name__)
    tasks = [asyncio.create_task(child(n)) for n in (1, 2)]
    named = asyncio.create_task(child(3), name="named")
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    print(await tasks[0])
    print(sorted(t.get_name() for t in asyncio.all_tasks()))
    asyncio.get_running_loop().call_soon(in_callback)
    print(await asyncio.gather(tasks[1], named))
    print([t.get_name() for t in asyncio.all_tasks()])
    print(asyncio.current_task() is me, me in asyncio.all_tasks())
    print(asyncio.current_task(asyncio.get_running_loop()) is me)


asyncio.run(main())
