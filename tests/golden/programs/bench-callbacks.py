# bench/programs/callbacks.py at a small size (the same steps, fewer of them).
import asyncio

CHAINS = 20
LENGTH = 30


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
