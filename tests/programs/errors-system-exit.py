# sys.exit(5) inside a coroutine ends the program with status 5: no
# traceback; finally blocks run.
import asyncio
import sys


async def worker():
    try:
        await asyncio.sleep(10)
    finally:
        print("worker cleanup")


async def main():
    t = asyncio.create_task(worker())
    await asyncio.sleep(0.1)
    print("exiting")
    try:
        sys.exit(5)
    finally:
        print("main finally")


try:
    asyncio.run(main())
finally:
    print("outer finally")
print("not reached")
