# title: The event loop: call_later and loop.time()
# description: call_later(delay, f) sets a timer on the loop's own clock. The loop jumps to
# description: the next deadline when nothing is ready; loop.time() reads that clock.
import asyncio

loop = asyncio.new_event_loop()
start = loop.time()


def tick(name):
    print(f"{name} at +{loop.time() - start:.1f}s")


loop.call_later(1.5, tick, "third")
loop.call_later(0.5, tick, "second")
loop.call_soon(tick, "first")
loop.call_later(2.0, loop.stop)
loop.run_forever()
print("stopped at +%.1fs" % (loop.time() - start))
loop.close()
