# Objects reachable only from a callback are freed as soon as the loop has
# run it (CPython drops the handle): __del__ output shows when.
import asyncio


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)

    def ping(self, n):
        print("ping", self.name, n)


def make_closure(res):
    def cb(*args):
        print("closure sees", res.name)
    return cb


async def main():
    loop = asyncio.get_running_loop()
    r = Resource("method")
    loop.call_soon(r.ping, 1)
    del r
    await asyncio.sleep(0)
    print("after the method callback")

    loop.call_later(0.1, make_closure(Resource("closure")))
    await asyncio.sleep(0.2)
    print("after the closure callback")

    fut = loop.create_future()
    fut.add_done_callback(make_closure(Resource("done-callback")))
    fut.set_result(None)
    del fut
    await asyncio.sleep(0)
    print("after the done callback")


asyncio.run(main())
print("end")
