# A plain generator (a forgotten `async`) given to asyncio: CPython 3.11, like
# 3.10, still counts any generator as a coroutine (3.12 stopped), so
# iscoroutine() is True and create_task / ensure_future / gather accept it.
# The tasks fail or are cancelled at shutdown; stdout shows only what is common.
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
