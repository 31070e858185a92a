# asyncio.Future() made at module level, before any loop runs: it binds to the
# current (policy) loop; callbacks and results work once that loop runs.
import asyncio

loop = asyncio.get_event_loop()
fut = asyncio.Future()
print(fut.get_loop() is loop, fut.done())
fut.add_done_callback(lambda f: print("callback sees", f.result()))
loop.call_soon(fut.set_result, 42)
print("before run", fut.done())
print("run_until_complete ->", loop.run_until_complete(fut))
print("after run", fut.done(), fut.result())
fut2 = loop.create_future()
fut2.set_exception(KeyError("k"))
try:
    loop.run_until_complete(fut2)
except KeyError as e:
    print("raised", repr(e))
loop.close()
