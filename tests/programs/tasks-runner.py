# asyncio.Runner: one loop for several run() calls; closed on exit.
import asyncio
import contextvars

var = contextvars.ContextVar("var", default="unset")


async def step(n):
    before = var.get()
    var.set(f"set by {n}")
    await asyncio.sleep(0.1)
    return n, before, round(asyncio.get_running_loop().time() - t0, 1)


with asyncio.Runner() as runner:
    loop = runner.get_loop()
    t0 = loop.time()
    print(runner.run(step(1)))
    print(runner.run(step(2)))
    print(runner.get_loop() is loop, loop.is_closed())
print("closed after with:", loop.is_closed())

runner = asyncio.Runner()
print(runner.run(step(3))[0])
runner.close()
coro = step(4)
try:
    runner.run(coro)
except RuntimeError as e:
    print("RuntimeError:", e)
coro.close()
