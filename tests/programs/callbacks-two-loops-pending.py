# Two event loops in one program, each with callbacks pending while the other
# runs: a loop runs only its own callbacks and timers, and the other's wait
# (in order) until that one runs again.
import asyncio

loop1 = asyncio.new_event_loop()
loop1.call_soon(print, "loop1: first")
loop1.call_later(0.5, print, "loop1: timer")
loop2 = asyncio.new_event_loop()
loop2.call_soon(print, "loop2: only")
loop2.run_until_complete(asyncio.sleep(1))
print("loop2 done")
loop1.call_soon(print, "loop1: second")
loop1.run_until_complete(asyncio.sleep(1))
print("loop1 done")
handle = loop2.call_later(0.1, print, "loop2: cancelled, never printed")
handle.cancel()
loop2.run_until_complete(asyncio.sleep(0.2))
print(loop1.is_closed(), loop2.is_closed())
loop1.close()
loop2.close()
