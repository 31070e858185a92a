# title: Done callbacks
# description: add_done_callback registers a function to call when the future completes.
# description: The callbacks do not run inside set_result: they are scheduled with call_soon.
import asyncio


def report(tag):
    def callback(fut):
        print(f"{tag}: the future gave {fut.result()!r}")
    return callback


def resolve(fut):
    print("setting the result")
    fut.set_result("spam")
    print("set_result returned; the callbacks are queued")


loop = asyncio.new_event_loop()
fut = loop.create_future()
fut.add_done_callback(report("one"))
fut.add_done_callback(report("two"))
loop.call_soon(resolve, fut)
loop.run_until_complete(fut)
loop.close()
