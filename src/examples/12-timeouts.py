# title: Timeouts: wait_for
# description: wait_for gives an awaitable a deadline. When the deadline passes first, the
# description: inner task is cancelled and TimeoutError is raised in the caller.
import asyncio


async def slow_answer():
    try:
        await asyncio.sleep(5)
        return "answer"
    except asyncio.CancelledError:
        print("slow_answer: cancelled by the timeout")
        raise


async def main():
    try:
        await asyncio.wait_for(slow_answer(), timeout=1.5)
    except TimeoutError:
        print("gave up after 1.5 s")
    print(await asyncio.wait_for(asyncio.sleep(0.5, result="in time"), timeout=1))


asyncio.run(main())
