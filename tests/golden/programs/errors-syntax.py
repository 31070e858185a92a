# A syntax error: nothing runs; stderr has CPython's SyntaxError with the line.
import asyncio

print("never printed")


async def main():
    await asyncio.sleep(0.1)
    return (1 +


asyncio.run(main())
