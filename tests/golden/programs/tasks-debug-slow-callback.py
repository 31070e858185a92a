# Debug mode (asyncio.run(debug=True)): a step that blocks the loop with
# time.sleep for longer than slow_callback_duration (0.1 s) is logged on
# stderr as 'Executing <Task ...> took 0.3.. seconds'; short steps are not.
import asyncio
import time


async def main():
    loop = asyncio.get_running_loop()
    print("debug", loop.get_debug(), loop.slow_callback_duration)
    time.sleep(0.05)
    await asyncio.sleep(0)
    time.sleep(0.3)
    await asyncio.sleep(0.1)
    print("done")


asyncio.run(main(), debug=True)
