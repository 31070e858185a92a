# TaskGroup: results after the block, nested groups whose errors propagate as
# nested ExceptionGroups, siblings cancelled, except* splitting.
import asyncio


async def ok(name, delay):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print("cancelled", name)
        raise
    return name


async def bad(exc, delay):
    await asyncio.sleep(delay)
    raise exc


async def inner_group():
    async with asyncio.TaskGroup() as tg:
        tg.create_task(ok("inner-ok", 0.5))
        tg.create_task(bad(KeyError("inner"), 0.1))


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(ok("a", 0.2))
        b = tg.create_task(ok("b", 0.1))
    print("results", a.result(), b.result())

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(inner_group())
            tg.create_task(ok("outer-ok", 1))
            tg.create_task(bad(ValueError("outer"), 0.2))
    except* ValueError as eg:
        print("ValueError group:", [str(e) for e in eg.exceptions])
    except* KeyError as eg:
        print("KeyError group:", type(eg.exceptions[0]).__name__,
              [repr(e) for e in eg.exceptions[0].exceptions])

    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(bad(TypeError("t"), 0.1))
            raise RuntimeError("body fails")
    except ExceptionGroup as eg:
        print(eg.message, sorted(type(e).__name__ for e in eg.exceptions))


asyncio.run(main())
