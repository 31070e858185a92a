# asyncio.wait() given a generator of tasks (3.12+ accepts any iterable), and
# what iscoroutine() says of a plain generator: not a coroutine.
# Expected output: CPython 3.14's (this machine's python3 3.11 counts every
# generator as a coroutine, so wait() refuses it with a TypeError).
import asyncio
import inspect


async def job(n):
    await asyncio.sleep(n / 10)
    return n


def numbers():
    yield 1


async def main():
    tasks = [asyncio.create_task(job(n)) for n in (3, 1, 2)]
    done, pending = await asyncio.wait(t for t in tasks)
    print(sorted(t.result() for t in done), len(pending))
    done, pending = await asyncio.wait((asyncio.create_task(job(n)) for n in (2, 1)),
                                       return_when=asyncio.FIRST_COMPLETED)
    print([t.result() for t in done], len(pending))
    for t in pending:
        t.cancel()
    g = numbers()
    print(asyncio.iscoroutine(g), inspect.isgenerator(g), asyncio.iscoroutine(job(0)))


asyncio.run(main())
