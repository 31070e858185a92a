# What a program sees of the loop's class and methods: asyncio's names (Loopscope's
# loop stands in for _UnixSelectorEventLoop and overrides some of its methods), and
# shutdown_default_executor() as CPython's: run_in_executor refuses the default
# executor after it. A task's repr names its coroutine by the same qualified name.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    print(type(loop).__name__, type(loop).__module__)
    for name in ("shutdown_default_executor", "run_in_executor", "time", "call_soon", "call_at",
                 "run_forever", "close", "create_future", "sock_recv", "connect_read_pipe",
                 "add_signal_handler", "remove_signal_handler", "set_default_executor"):
        print(getattr(loop, name).__qualname__)
    task = asyncio.ensure_future(loop.shutdown_default_executor())
    print(repr(task).split(" running at ")[0].split(" coro=")[1])
    await task
    try:
        await loop.run_in_executor(None, print, "not printed")
    except RuntimeError as e:
        print("RuntimeError:", e)


asyncio.run(main())
