# Callback-heavy: 1,000 chains of plain call_soon callbacks, each re-queues
# itself 1,000 times (10^6 steps, no tasks or futures).
import asyncio

CHAINS = 1_000
LENGTH = 1_000


def hop(loop, state, chain, n):
    state[0] += 1
    if n < LENGTH:
        loop.call_soon(hop, loop, state, chain, n + 1)
    elif state[0] == CHAINS * LENGTH:
        loop.stop()


loop = asyncio.new_event_loop()
state = [0]
for c in range(CHAINS):
    loop.call_soon(hop, loop, state, c, 1)
loop.run_forever()
print("callbacks", state[0])
loop.close()
