# loopscope-only: the tutorial way to run until Ctrl-C. On CPython this waits
# forever after 'hello'. Loopscope ends the idle loop the way Ctrl-C would (a
# KeyboardInterrupt out of run_forever), so the except/finally blocks run
# (loops in them too), but the run still reports the idle limit and ends with
# exit status 3. Going back to the loop from a `while True` is stopped too.
import asyncio


async def hello():
    await asyncio.sleep(0.1)
    print("hello")


loop = asyncio.get_event_loop()
loop.create_task(hello())
try:
    loop.run_forever()
except KeyboardInterrupt:
    print("Interrupted")
    for t in asyncio.all_tasks(loop) | {1, 2}:
        print("cleanup loop", t)
finally:
    print("finally")

while True:
    try:
        loop.run_forever()
    except KeyboardInterrupt:
        print("interrupted again")
print("never printed")
