# Async context managers: __aenter__/__aexit__, suppressing an exception,
# contextlib.asynccontextmanager, AsyncExitStack order.
import asyncio
import contextlib


class Resource:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    async def __aenter__(self):
        await asyncio.sleep(0.1)
        print("enter", self.name)
        return self

    async def __aexit__(self, et, e, tb):
        await asyncio.sleep(0.1)
        print("exit", self.name, et.__name__ if et else None)
        return self.suppress


@contextlib.asynccontextmanager
async def managed(name):
    print("setup", name)
    try:
        yield name.upper()
    except ValueError as e:
        print("generator saw", repr(e))
        raise
    finally:
        print("teardown", name)


async def main():
    async with Resource("r1") as r:
        print("body", r.name)
    async with Resource("r2", suppress=True):
        raise KeyError("swallowed")
    print("after suppressed")
    try:
        async with Resource("r3"):
            raise KeyError("propagates")
    except KeyError as e:
        print("caught", e)
    async with managed("m") as v:
        print("value", v)
    try:
        async with managed("n"):
            raise ValueError("boom")
    except ValueError:
        print("ValueError propagated")
    async with contextlib.AsyncExitStack() as stack:
        for n in ("s1", "s2", "s3"):
            await stack.enter_async_context(Resource(n))
        stack.push_async_callback(lambda: asyncio.sleep(0, print("callback")))
    print("loop time", round(asyncio.get_running_loop().time() - t0, 1))


t0 = 0
async def start():
    global t0
    t0 = asyncio.get_running_loop().time()
    await main()


asyncio.run(start())
