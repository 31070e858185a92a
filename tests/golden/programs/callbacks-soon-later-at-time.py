# call_soon / call_later / call_at and loop.time() on one loop.
import asyncio

loop = asyncio.new_event_loop()
t0 = loop.time()


def show(tag, *args):
    print(tag, args, round(loop.time() - t0, 1))


loop.call_later(0.3, show, "later-0.3")
loop.call_at(t0 + 0.2, show, "at-0.2")
loop.call_soon(show, "soon-1", 1, 2)
loop.call_later(0.1, show, "later-0.1")
loop.call_soon(show, "soon-2")
loop.call_later(0, show, "later-0")
h = loop.call_later(0.5, show, "never")
print(type(h).__name__, round(h.when() - t0, 1), h.cancelled())
h.cancel()
print(h.cancelled())
loop.call_later(0.4, loop.stop)
loop.run_forever()
print("end", round(loop.time() - t0, 1))
loop.close()
