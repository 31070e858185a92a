# wait_for: success, timeout=None, an inner exception, a timeout that cancels
# the inner task (which sees CancelledError), and a task that finishes first.
import asyncio


async def job(delay, result="ok", fail=False):
    try:
        await asyncio.sleep(delay)
    except asyncio.CancelledError:
        print("  inner cancelled after", round(asyncio.get_running_loop().time() - t0, 1))
        raise
    if fail:
        raise KeyError(result)
    return result


async def main():
    global t0
    t0 = asyncio.get_running_loop().time()
    print(await asyncio.wait_for(job(0.1), timeout=1))
    print(await asyncio.wait_for(job(0.1, "no timeout"), timeout=None))
    try:
        await asyncio.wait_for(job(0.1, "k", fail=True), timeout=1)
    except KeyError as e:
        print("inner raised", repr(e))
    t0 = asyncio.get_running_loop().time()
    try:
        await asyncio.wait_for(job(1), timeout=0.3)
    except asyncio.TimeoutError as e:
        print("TimeoutError", type(e) is TimeoutError, round(asyncio.get_running_loop().time() - t0, 1))
    task = asyncio.create_task(job(0.5, "task"))
    try:
        await asyncio.wait_for(task, timeout=0.1)
    except TimeoutError:
        print("task cancelled by wait_for:", task.cancelled())
    task = asyncio.create_task(job(0.1, "shielded"))
    try:
        await asyncio.wait_for(asyncio.shield(task), timeout=0.05)
    except TimeoutError:
        print("shield kept it alive:", task.cancelled())
    print(await task)


asyncio.run(main())
