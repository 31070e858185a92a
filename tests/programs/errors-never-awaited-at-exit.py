# A coroutine that was never awaited, collected when the program ends (it is
# still referenced from the traceback of the error that ended main()): CPython
# prints one line for it, attributed to no file, after the traceback.
# The .stderr lines hold for 3.11's "sys:1: ..." and 3.13+'s "<sys>:0: ...".
import asyncio


async def phase():
    pass


async def main():
    await asyncio.wait([phase()])


asyncio.run(main())
