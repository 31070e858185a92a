# loop.stop() before run_forever(): the loop runs one iteration (the
# callbacks queued so far) and returns; new callbacks wait for the next run.
import asyncio

loop = asyncio.new_event_loop()


def cb(n):
    print("cb", n)
    loop.call_soon(cb, n + 1)


loop.call_soon(cb, 1)
loop.stop()
print("stop() returned, running:", loop.is_running())
loop.run_forever()
print("after first run_forever")
loop.stop()
loop.run_forever()
print("after second run_forever")
loop.call_soon(loop.stop)
loop.stop()
loop.run_forever()
print("after third run_forever")
loop.close()
