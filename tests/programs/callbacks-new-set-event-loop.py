# new_event_loop / set_event_loop / get_event_loop, and two loops used in turn.
import asyncio

a = asyncio.new_event_loop()
b = asyncio.new_event_loop()
print(a is b)
asyncio.set_event_loop(a)
print(asyncio.get_event_loop() is a)


async def where():
    return "a" if asyncio.get_running_loop() is a else "b"


print(a.run_until_complete(where()), b.run_until_complete(where()))
asyncio.set_event_loop(b)
print(asyncio.get_event_loop() is b)
print(asyncio.get_event_loop() is b)
fut = asyncio.get_event_loop().create_future()
b.call_soon(fut.set_result, "from b")
print(b.run_until_complete(fut))
asyncio.set_event_loop(None)
try:
    asyncio.get_event_loop()
except RuntimeError as e:
    print("RuntimeError", "no current event loop" in str(e))
a.close()
b.close()
