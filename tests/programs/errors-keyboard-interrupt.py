# A KeyboardInterrupt raised by the program itself and not caught: traceback
# on stderr, exit status 130 (CPython re-raises SIGINT to end the process).
import asyncio


async def main():
    await asyncio.sleep(0.1)
    print("raising KeyboardInterrupt")
    raise KeyboardInterrupt


try:
    asyncio.run(main())
finally:
    print("finally runs")
