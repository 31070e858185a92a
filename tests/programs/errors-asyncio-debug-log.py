# logging at DEBUG level: asyncio logs which selector its loop uses, as
# Linux's loop does ("Using selector: EpollSelector"), once per loop.
import asyncio
import logging

logging.basicConfig(level=logging.DEBUG)


async def main():
    await asyncio.sleep(0.1)
    print("slept")


asyncio.run(main())
loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
