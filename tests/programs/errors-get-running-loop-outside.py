# get_running_loop / current_task outside a running loop raise
# RuntimeError('no running event loop'); _get_running_loop returns None.
import asyncio

for name, fn in [("get_running_loop", asyncio.get_running_loop),
                 ("current_task", asyncio.current_task)]:
    try:
        fn()
    except RuntimeError as e:
        print(name, "->", e)
print(asyncio._get_running_loop())


async def main():
    print(asyncio.get_running_loop() is asyncio.get_event_loop())
    return asyncio.get_running_loop()


loop = asyncio.run(main())
print(loop.is_closed())
try:
    asyncio.all_tasks()
except RuntimeError as e:
    print("all_tasks ->", e)
