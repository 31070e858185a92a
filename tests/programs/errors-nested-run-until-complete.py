# run_until_complete / run_forever while the loop is already running raise
# RuntimeError('This event loop is already running'), and asyncio.run gives
# its own message.
import asyncio

loop = asyncio.new_event_loop()


async def inner():
    return "inner"


async def outer():
    coro = inner()
    try:
        loop.run_until_complete(coro)
    except RuntimeError as e:
        print("run_until_complete:", e)
    try:
        loop.run_forever()
    except RuntimeError as e:
        print("run_forever:", e)
    try:
        asyncio.run(coro)
    except RuntimeError as e:
        print("asyncio.run:", e)
    return await coro


print(loop.run_until_complete(outer()))
other = asyncio.new_event_loop()


async def uses_other():
    try:
        other.run_until_complete(inner())
    except RuntimeError as e:
        print("other loop:", e)


loop.run_until_complete(uses_other())
loop.close()
other.close()
