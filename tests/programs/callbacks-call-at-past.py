# call_at with a deadline in the past (and call_later with a negative delay)
# runs at the next iteration, after the callbacks already queued; the clock
# does not move back.
import asyncio

loop = asyncio.new_event_loop()
t0 = loop.time()


def show(tag):
    print(tag, round(loop.time() - t0, 1))


def later():
    show("at 0.2 schedules past timers")
    loop.call_at(t0, show, "call_at(t0) from a callback")
    loop.call_soon(show, "call_soon from a callback")
    loop.call_later(-5, show, "call_later(-5) from a callback")


loop.call_at(t0 - 10, show, "call_at(t0 - 10)")
loop.call_soon(show, "call_soon")
loop.call_later(-1, show, "call_later(-1)")
loop.call_later(0.2, later)
loop.call_later(0.3, loop.stop)
loop.run_forever()
print(loop.time() >= t0 + 0.3)
loop.close()
