# title: call_later: timers on the loop's clock
# description: call_later(delay, fn) puts a timer on a heap ordered by deadline. When nothing
# description: is ready, the loop sleeps until the earliest deadline and runs that callback.
import asyncio


def ring(label, loop):
    print(f"t={loop.time() - start:.1f}  {label}")


loop = asyncio.new_event_loop()
start = loop.time()
loop.call_later(1.5, ring, "after 1.5 s", loop)
loop.call_later(0.5, ring, "after 0.5 s", loop)
loop.call_at(loop.time() + 1.0, ring, "at start + 1.0 s", loop)
loop.call_soon(ring, "right away", loop)
handle = loop.call_later(1.2, ring, "never: cancelled", loop)
handle.cancel()
loop.call_later(2.0, loop.stop)
loop.run_forever()
print("the loop stopped")
loop.close()
