# title: Futures: run_until_complete
# description: A Future is a box for a result that arrives later. A callback fills it with
# description: set_result; run_until_complete runs the loop until the future is done.
import asyncio

loop = asyncio.new_event_loop()
fut = loop.create_future()


def deliver(f, value):
    print("delivering", value)
    f.set_result(value)


loop.call_later(1.0, deliver, fut, 42)
print("done before running?", fut.done())
result = loop.run_until_complete(fut)
print("result:", result)
print("done after running?", fut.done())
loop.close()
