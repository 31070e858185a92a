# Tracebacks printed every way a program prints them: traceback.print_exc()
# for a refused connection (its last frame is asyncio's _sock_connect_cb),
# logging.exception() for an error in an executor function (the executor's
# frames), traceback.print_stack() in a callback (the loop's _run_once), a
# task's exception that is never retrieved, and an uncaught error at the end.
import asyncio
import logging
import traceback


async def connect():
    try:
        await asyncio.open_connection("127.0.0.1", 1)
    except OSError:
        traceback.print_exc()
        print("refused")


def blocking():
    raise ValueError("in executor")


async def fails():
    raise KeyError("never retrieved")


def callback():
    traceback.print_stack()
    print("callback ran")


async def main():
    await connect()
    loop = asyncio.get_running_loop()
    try:
        await loop.run_in_executor(None, blocking)
    except ValueError:
        logging.exception("executor failed")
        print("executor failed")
    loop.call_soon(callback)
    await asyncio.sleep(0)
    task = asyncio.create_task(fails())
    await asyncio.sleep(0)
    del task
    print("".join(traceback.format_exception(ZeroDivisionError("formatted"))).strip())
    raise RuntimeError("uncaught")


asyncio.run(main())
