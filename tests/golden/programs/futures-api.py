# The Future and Task API: states, result/exception, callbacks, removal,
# get_loop, get_coro, names.
import asyncio


async def work():
    await asyncio.sleep(0.1)
    return "worked"


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(f.done(), f.cancelled(), f.get_loop() is loop)
    cb = lambda fut: print("cb1", fut.result())
    f.add_done_callback(cb)
    f.add_done_callback(lambda fut: print("cb2", fut.result()))
    f.add_done_callback(cb)
    print("removed", f.remove_done_callback(cb))
    f.set_result(7)
    print(f.done(), f.result(), f.exception())
    await asyncio.sleep(0)

    g = loop.create_future()
    g.set_exception(RuntimeError("bad"))
    print(type(g.exception()).__name__, g.exception())
    try:
        g.result()
    except RuntimeError as e:
        print("result raised", e)
    try:
        g.set_exception(StopIteration)
    except (TypeError, asyncio.InvalidStateError) as e:
        print(type(e).__name__)

    h = loop.create_future()
    print(h.cancel(), h.cancel(), h.cancelled(), h.done())
    try:
        h.result()
    except asyncio.CancelledError:
        print("cancelled result")

    t = asyncio.create_task(work(), name="worker")
    print(t.get_name(), t.get_coro().__qualname__, t.done())
    t.set_name("renamed")
    print(t.get_name(), await t, t.result(), t.done())
    print(asyncio.isfuture(f), asyncio.isfuture(t), asyncio.isfuture(work))


asyncio.run(main())
