# A plain generator (a forgotten `async`) given to asyncio: since 3.12 it is
# not a coroutine, so iscoroutine() is False and create_task / ensure_future /
# gather refuse it.
# Expected output: CPython 3.14's (this machine's python3 is 3.11, which like
# 3.10 still counted any generator as a coroutine and accepted it).
import asyncio
import inspect


def not_async():
    yield 1


async def real():
    return "real"


async def main():
    g = not_async()
    print(asyncio.iscoroutine(g), inspect.isgenerator(g), asyncio.iscoroutine(real()))
    for name, make in [("create_task", asyncio.create_task),
                       ("ensure_future", asyncio.ensure_future),
                       ("gather", asyncio.gather)]:
        try:
            make(not_async())
        except TypeError as e:
            print(name, "-> TypeError", str(e).split(" got ")[0].split(",")[0])
    print(await real())


asyncio.run(main())
