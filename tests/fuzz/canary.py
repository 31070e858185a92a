# The fuzzer's probe (tests/fuzz/fuzz.ts): run after every mutant in the same
# interpreter, its whole trace must equal its trace in a fresh one. It touches
# what a program can leave behind: modules, interpreter settings, the loop
# policy, the event loop, patched asyncio names, warnings, pending tasks,
# tracebacks, never-awaited coroutines, timers, queues, locks, subprocesses and
# the simulated network.
import asyncio, gc, os, sys, warnings, time, contextvars

print(sorted(m for m in ("fractions", "decimal", "statistics", "this") if m in sys.modules))
print(sys.getrecursionlimit(), os.getcwd(), len(sys.argv), sys.flags.inspect, sys.path[0] != "/a")
print(type(asyncio.get_event_loop_policy()).__name__, warnings.filters[:1] != [("ignore",)])
print(asyncio.sleep.__module__, asyncio.gather.__name__, asyncio.Task.__name__, asyncio.Future.__name__, print.__name__)
loop = asyncio.get_event_loop()
print(loop.is_closed(), loop.is_running(), time.monotonic())  # not time.time(): its epoch is the real one
var = contextvars.ContextVar("var", default="unset")


async def worker(n, q, lock):
    async with lock:
        await asyncio.sleep(n / 10)
    await q.put(n * 2)
    return var.get()


async def forgotten():
    pass


async def fails():
    raise ValueError("kept for the traceback")


async def handle(reader, writer):
    writer.write(await reader.readline())
    await writer.drain()
    writer.close()


async def main():
    var.set("set in main")
    forgotten()
    warnings.warn("a user warning")
    print(asyncio.current_task().get_name(), len(asyncio.all_tasks()))
    q, lock = asyncio.Queue(), asyncio.Lock()
    print(await asyncio.gather(*(worker(i, q, lock) for i in range(3))), [q.get_nowait() for _ in range(3)])
    try:
        async with asyncio.timeout(0.5):
            await asyncio.Event().wait()
    except TimeoutError:
        print("timeout at", asyncio.get_running_loop().time())
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname()[:2])
    writer.write(b"ping\n")
    print(await reader.readline())
    writer.close()
    server.close()
    await server.wait_closed()
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "print('child')", stdout=asyncio.subprocess.PIPE)
    print((await proc.communicate())[0], proc.returncode)
    asyncio.get_running_loop().call_later(0.1, print, "a timer")
    await asyncio.sleep(0.2)
    asyncio.ensure_future(fails())
    await asyncio.sleep(0)


loop.run_until_complete(main())
loop.close()
print(asyncio.run(worker(1, asyncio.Queue(), asyncio.Lock())))
gc.collect()
print("done", flush=True)
