# Using a closed loop raises RuntimeError('Event loop is closed');
# closing twice is fine; a running loop cannot be closed.
import asyncio

loop = asyncio.new_event_loop()


async def main():
    try:
        loop.close()
    except RuntimeError as e:
        print("close while running:", e)
    return "ok"


print(loop.run_until_complete(main()))
loop.close()
loop.close()
print("closed", loop.is_closed())
for name, call in [
    ("call_soon", lambda: loop.call_soon(print, "x")),
    ("call_later", lambda: loop.call_later(1, print, "x")),
    ("run_forever", lambda: loop.run_forever()),
]:
    try:
        call()
    except RuntimeError as e:
        print(name, "->", e)

coro = main()
try:
    loop.run_until_complete(coro)
except RuntimeError as e:
    print("run_until_complete ->", e)
coro.close()
