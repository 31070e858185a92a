# call_later with equal delays (and timers re-armed from callbacks with equal
# delays) fire in the order they were scheduled.
import asyncio

loop = asyncio.new_event_loop()
t0 = loop.time()
order = []


def fire(tag):
    order.append((tag, round(loop.time() - t0, 1)))
    if tag < 3:
        loop.call_later(0.1, fire, tag + 10)


for i in range(6):
    loop.call_later(0.2, fire, i)
loop.call_later(0.1, fire, -1)
loop.call_later(0.5, loop.stop)
loop.run_forever()
print(order)
loop.close()
