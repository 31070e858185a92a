# contextvars: each task runs in a copy of the context at creation; changes do
# not leak back; call_soon / call_later can take an explicit context.
import asyncio
import contextvars

request = contextvars.ContextVar("request", default="none")


async def handler(n):
    print("handler", n, "starts with", request.get())
    request.set(f"req-{n}")
    await asyncio.sleep(0.1 * (3 - n))
    print("handler", n, "ends with", request.get())


def show(tag):
    print(tag, request.get())


async def main():
    request.set("main")
    await asyncio.gather(*(handler(i) for i in range(3)))
    print("main still", request.get())

    ctx = contextvars.copy_context()
    request.set("changed after copy")
    loop = asyncio.get_running_loop()
    loop.call_soon(show, "call_soon default:")
    loop.call_soon(show, "call_soon ctx:", context=ctx)
    loop.call_later(0.1, show, "call_later ctx:", context=ctx)
    await asyncio.sleep(0.2)

    token = request.set("temp")
    request.reset(token)
    print("after reset", request.get())
    t = asyncio.create_task(handler(9), context=ctx)
    await t
    print("ctx holds", ctx[request])


asyncio.run(main())
