# run_forever + stop, then run_forever again: the loop picks up where it left.
import asyncio

loop = asyncio.new_event_loop()
t0 = loop.time()
count = 0


def tick():
    global count
    count += 1
    print("tick", count, round(loop.time() - t0, 1))
    if count == 3:
        loop.stop()
    loop.call_later(0.1, tick)


loop.call_soon(tick)
loop.run_forever()
print("stopped once", loop.is_running())
count = 0
loop.run_forever()
print("stopped twice")
loop.call_soon(loop.stop)
loop.run_forever()
print("stopped three", count)
loop.close()
