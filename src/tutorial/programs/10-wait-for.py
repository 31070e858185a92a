# title: Timeouts with wait_for
# description: wait_for gives an awaitable a deadline. If it is late, its task is cancelled
# description: and the caller gets TimeoutError.
import asyncio


async def slow_answer():
    try:
        await asyncio.sleep(5)
        return "too late"
    except asyncio.CancelledError:
        print("slow_answer was cancelled")
        raise


async def main():
    try:
        await asyncio.wait_for(slow_answer(), timeout=1)
    except asyncio.TimeoutError:
        print("gave up after 1 s")
    print("quick:", await asyncio.wait_for(asyncio.sleep(0.2, "fine"), timeout=1))


asyncio.run(main())
