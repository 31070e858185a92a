# title: wait: the first to finish
# description: asyncio.wait returns two sets, done and pending. With FIRST_COMPLETED it
# description: returns as soon as one task finishes; the rest keep running or can be cancelled.
import asyncio


async def racer(name, delay):
    await asyncio.sleep(delay)
    return name


async def main():
    tasks = [asyncio.create_task(racer(n, d), name=n) for n, d in [("tortoise", 3), ("hare", 1), ("fox", 2)]]
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("winner:", [t.result() for t in done])
    print("still running:", sorted(t.get_name() for t in pending))
    for t in pending:
        t.cancel()
    await asyncio.wait(pending)
    print("cancelled:", sorted(t.get_name() for t in pending if t.cancelled()))


asyncio.run(main())
