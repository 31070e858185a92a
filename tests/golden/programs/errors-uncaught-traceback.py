# An exception escaping asyncio.run: traceback on stderr with the user's
# frames, exit status 1; stdout printed before it is kept.
import asyncio


async def level2(x):
    await asyncio.sleep(0.1)
    raise ValueError(f"bad value {x}")


async def level1():
    print("level1 starts")
    await level2(7)


async def main():
    try:
        await level1()
    finally:
        print("finally in main")


asyncio.run(main())
print("never printed")
