# title: The event loop: call_soon
# description: A loop runs callbacks in the order they were scheduled. call_soon queues a
# description: plain function; run_forever keeps going until a callback calls loop.stop().
import asyncio


def hello_world(loop):
    print("Hello World")
    loop.call_soon(goodbye, loop)


def goodbye(loop):
    print("Goodbye")
    loop.stop()


loop = asyncio.new_event_loop()
loop.call_soon(hello_world, loop)
loop.call_soon(print, "queued second, runs second")
loop.run_forever()
loop.close()
print("loop closed")
