# Event: waiters wake in order on set(); wait() on a set event returns at
# once; clear() makes new waiters block again.
import asyncio


async def waiter(name, ev):
    print(name, "waiting")
    r = await ev.wait()
    print(name, "woke", r, round(asyncio.get_running_loop().time() - t0, 1))


async def main():
    global t0
    t0 = asyncio.get_running_loop().time()
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(n, ev)) for n in ("a", "b", "c")]
    await asyncio.sleep(0.2)
    print("set", ev.is_set())
    ev.set()
    print("is_set", ev.is_set())
    await asyncio.gather(*tasks)
    await waiter("d", ev)
    ev.clear()
    t = asyncio.create_task(waiter("e", ev))
    await asyncio.sleep(0.1)
    print("e still waiting", not t.done())
    asyncio.get_running_loop().call_later(0.1, ev.set)
    await t


asyncio.run(main())
