# title: call_soon: a queue of callbacks
# description: The loop keeps a FIFO queue of ready callbacks. call_soon appends one;
# description: each turn of the loop runs what was ready when the turn began.
import asyncio


def hello(who, loop):
    print("hello from", who)
    if who == "first":
        loop.call_soon(hello, "scheduled by first", loop)


def stop(loop):
    print("stopping the loop")
    loop.stop()


loop = asyncio.new_event_loop()
loop.call_soon(hello, "first", loop)
loop.call_soon(hello, "second", loop)
loop.call_soon(stop, loop)
loop.run_forever()
loop.call_soon(hello, "after a restart", loop)
loop.call_soon(stop, loop)
loop.run_forever()
loop.close()
