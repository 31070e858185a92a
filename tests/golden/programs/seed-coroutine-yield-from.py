# Generator-based coroutines: @asyncio.coroutine with `yield from`, chained
# through several levels and mixed with async def.
# The decorator was removed in CPython 3.11 (AttributeError there); Loopscope
# supplies the 3.10 behaviour, so this .out was written by hand from what
# CPython 3.10 prints.
import asyncio


@asyncio.coroutine
def leaf(x):
    yield from asyncio.sleep(0.1)
    return x + 1


@asyncio.coroutine
def middle(x):
    a = yield from leaf(x)
    b = yield from leaf(a)
    return a, b


async def modern(x):
    return await middle(x)


@asyncio.coroutine
def plain():
    return "plain function result"


@asyncio.coroutine
def top():
    r1 = yield from middle(1)
    r2 = yield from modern(10)
    r3 = yield from plain()
    fut = asyncio.get_event_loop().create_future()
    asyncio.get_event_loop().call_later(0.2, fut.set_result, "future")
    r4 = yield from fut
    return r1, r2, r3, r4


loop = asyncio.get_event_loop()
t0 = loop.time()
print(asyncio.iscoroutinefunction(leaf), asyncio.iscoroutine(leaf(0)))
print(loop.run_until_complete(top()))
print(round(loop.time() - t0, 1))
print(loop.run_until_complete(asyncio.gather(leaf(1), middle(2))))
loop.close()
