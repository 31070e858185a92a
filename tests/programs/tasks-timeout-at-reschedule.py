# asyncio.timeout / timeout_at / reschedule / when / expired, and a timeout
# that does not expire.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    t0 = loop.time()

    async with asyncio.timeout(1) as cm:
        await asyncio.sleep(0.1)
    print("no expiry", cm.expired(), round(cm.when() - t0, 1))

    try:
        async with asyncio.timeout_at(loop.time() + 0.2) as cm:
            await asyncio.sleep(1)
    except TimeoutError:
        print("timeout_at expired", cm.expired(), round(loop.time() - t0, 1))

    t0 = loop.time()
    try:
        async with asyncio.timeout(None) as cm:
            print("when", cm.when())
            cm.reschedule(loop.time() + 0.3)
            print("rescheduled", round(cm.when() - t0, 1))
            await asyncio.sleep(0.1)
            cm.reschedule(loop.time() + 0.2)
            await asyncio.sleep(5)
    except TimeoutError:
        print("expired after reschedule at", round(loop.time() - t0, 1))

    t0 = loop.time()
    try:
        async with asyncio.timeout(0.1):
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print("inside sees CancelledError")
                raise
    except TimeoutError as e:
        print("outside sees TimeoutError", round(loop.time() - t0, 1), type(e.__cause__).__name__)

    async with asyncio.timeout(0.5) as cm:
        cm.reschedule(None)
        await asyncio.sleep(1)
    print("disabled timeout", cm.expired(), round(loop.time() - t0, 1))

    try:
        async with asyncio.timeout(-1):
            await asyncio.sleep(0)
    except TimeoutError:
        print("past deadline expires at first await")


asyncio.run(main())
