# time.time / monotonic / perf_counter deltas across awaits and time.sleep.
import asyncio
import time


def deltas(start):
    return [round(now - then, 1) for now, then in zip(
        (time.time(), time.monotonic(), time.perf_counter()), start)]


def now():
    return time.time(), time.monotonic(), time.perf_counter()


async def main():
    start = now()
    await asyncio.sleep(0.3)
    print("after sleep(0.3)", deltas(start))
    time.sleep(0.2)
    print("after time.sleep(0.2)", deltas(start))
    loop = asyncio.get_running_loop()
    t = loop.time()
    m = time.monotonic()
    await asyncio.sleep(0.4)
    print("loop.time vs monotonic", round(loop.time() - t, 1), round(time.monotonic() - m, 1))
    ns = time.monotonic_ns()
    await asyncio.sleep(0.1)
    print("monotonic_ns delta ~ 0.1 s:", round((time.monotonic_ns() - ns) / 1e9, 1))


asyncio.run(main())
