# title: Futures: a result that arrives later
# description: A Future starts pending. Someone sets its result later; whoever awaits it
# description: is suspended until then, and the loop runs other work meanwhile.
import asyncio


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("pending?", not fut.done())
    loop.call_later(1.0, fut.set_result, 42)
    answer = await fut
    print("the answer is", answer)
    print("done?", fut.done(), "result:", fut.result())


asyncio.run(main())
