# Tutorial style: a module-level loop from get_event_loop(), used for
# everything, then closed.
import asyncio

loop = asyncio.get_event_loop()


async def greet(name, delay):
    await asyncio.sleep(delay)
    print("hello", name, round(loop.time() - t0, 1))
    return name.upper()


t0 = loop.time()
print(loop.is_running(), loop.is_closed())
print(asyncio.get_event_loop() is loop)
result = loop.run_until_complete(greet("world", 0.2))
print("result", result)
tasks = [loop.create_task(greet(n, d)) for n, d in (("b", 0.3), ("a", 0.1))]
print(loop.run_until_complete(asyncio.gather(*tasks)))
loop.close()
print(loop.is_running(), loop.is_closed())
