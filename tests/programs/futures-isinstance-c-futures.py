import asyncio
async def one():
    return 1
async def main():
    g = asyncio.gather(one())
    print(isinstance(g, asyncio.Future), isinstance(asyncio.current_task(), asyncio.Task), isinstance(asyncio.current_task(), asyncio.Future))
    print(await g)
    print(issubclass(asyncio.Task, asyncio.Future))
asyncio.run(main())
