# asyncio's own loop classes named by the program: asyncio.SelectorEventLoop(),
# asyncio.Runner(loop_factory=...), and the tutorial way to watch the loop, a
# subclass that prints its queues before each iteration. On Loopscope they are
# its loop (virtual time, recorded), and the subclass sees what asyncio's would.
import asyncio


class DebugLoop(asyncio.SelectorEventLoop):
    def _run_once(self):
        timers = sorted(round(h.when() - self.time(), 2) for h in self._scheduled)
        print(f"  iteration: {len(self._ready)} ready, timers due in {timers}")
        super()._run_once()


async def worker(name, delay):
    await asyncio.sleep(delay)
    print(f"{name} woke after {delay}")
    return name


async def main():
    return await asyncio.gather(worker("a", 0.2), worker("b", 0.1))


loop = asyncio.SelectorEventLoop()
print(type(loop).__name__, repr(loop))
loop.run_until_complete(asyncio.sleep(0.1))
print("SelectorEventLoop: slept 0.1 s")
loop.close()

with asyncio.Runner(loop_factory=asyncio.SelectorEventLoop) as runner:
    print("Runner:", runner.run(main()))

loop = DebugLoop()
loop.call_later(0.05, print, "timer fired")
print("DebugLoop:", loop.run_until_complete(main()))
loop.close()
