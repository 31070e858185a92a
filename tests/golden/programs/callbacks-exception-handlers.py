# Exception handlers: the default one writes 'Exception in callback' to
# stderr and the loop goes on; a custom handler receives the context;
# call_exception_handler; the default restored with None.
# (3.14 prints the callback as broken() without its arguments unless in debug
# mode, 3.11 as broken(1): the .stderr checks only the common part.)
import asyncio


def broken(n):
    print("broken", n, "runs")
    return 1 / 0


def handler(loop, context):
    exc = context.get("exception")
    print("custom handler:", context["message"].split(" ")[0:3], type(exc).__name__,
          sorted(k for k in context if k != "source_traceback"))


async def main():
    loop = asyncio.get_running_loop()
    print(loop.get_exception_handler())
    loop.call_soon(broken, 1)
    await asyncio.sleep(0.1)
    print("loop survived the default handler")

    loop.set_exception_handler(handler)
    print(loop.get_exception_handler() is handler)
    loop.call_soon(broken, 2)
    loop.call_later(0.1, broken, 3)
    await asyncio.sleep(0.2)
    loop.call_exception_handler({"message": "made up problem", "extra": 1})

    loop.set_exception_handler(None)
    loop.call_exception_handler({"message": "to the default handler"})
    try:
        loop.set_exception_handler(42)
    except TypeError as e:
        print("TypeError", e)
    print("done")


asyncio.run(main())
