# gather: nested gathers, cancelling the outer gather cancels every child;
# a child cancelled on its own surfaces as CancelledError (or as a result with
# return_exceptions=True).
import asyncio


async def job(name, delay):
    try:
        await asyncio.sleep(delay)
        print("finished", name)
        return name
    except asyncio.CancelledError:
        print("cancelled", name)
        raise


async def main():
    inner = asyncio.gather(job("a", 0.1), job("b", 0.2))
    outer = asyncio.gather(inner, job("c", 0.3))
    print(await outer)

    inner = asyncio.gather(job("d", 0.1), job("e", 0.5))
    outer = asyncio.gather(inner, job("f", 0.5))
    await asyncio.sleep(0.2)
    print("cancel outer ->", outer.cancel())
    try:
        await outer
    except asyncio.CancelledError:
        print("outer cancelled", outer.cancelled(), inner.cancelled())

    t1 = asyncio.create_task(job("g", 0.1))
    t2 = asyncio.create_task(job("h", 0.3))
    g = asyncio.gather(t1, t2, return_exceptions=True)
    await asyncio.sleep(0.2)
    t2.cancel()
    res = await g
    print([type(r).__name__ if isinstance(r, BaseException) else r for r in res])

    t3 = asyncio.create_task(job("i", 0.3))
    g = asyncio.gather(t3, job("j", 0.1))
    await asyncio.sleep(0)
    t3.cancel()
    try:
        await g
    except asyncio.CancelledError:
        print("gather raised CancelledError; g.cancelled() =", g.cancelled())
    await asyncio.sleep(0.2)


asyncio.run(main())
