# asyncio.wait: FIRST_EXCEPTION, timeout (nothing is cancelled), and
# return sets of (done, pending).
import asyncio


async def job(name, delay, fail=False):
    await asyncio.sleep(delay)
    if fail:
        raise ValueError(name)
    return name


def names(tasks):
    return sorted(t.get_name() for t in tasks)


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    tasks = [asyncio.create_task(job("a", 0.1), name="a"),
             asyncio.create_task(job("b", 0.2, fail=True), name="b"),
             asyncio.create_task(job("c", 0.4), name="c")]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("FIRST_EXCEPTION", names(done), names(pending), round(loop.time() - t0, 1))
    print([t.exception() for t in done if t.exception()])

    done, pending = await asyncio.wait(pending, timeout=0.1)
    print("timeout", names(done), names(pending), round(loop.time() - t0, 1))
    done, pending = await asyncio.wait(pending, timeout=1)
    print("all", names(done), names(pending), round(loop.time() - t0, 1))
    print([t.result() for t in done])

    tasks = [asyncio.create_task(job(n, 0.1), name=n) for n in "xy"]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_EXCEPTION)
    print("no exception ->", names(done), names(pending))

    t = asyncio.create_task(job("slow", 1), name="slow")
    done, pending = await asyncio.wait([t], timeout=0.2)
    print("after timeout", len(done), len(pending), t.cancelled(), t.done())
    t.cancel()
    try:
        await asyncio.wait([])
    except ValueError as e:
        print("ValueError", e)


asyncio.run(main())
