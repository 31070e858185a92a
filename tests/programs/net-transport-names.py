# A program's view of the transports it gets: CPython's class names (Loopscope's simulated
# transports subclass them), as a program printing type(transport) or a transport's repr sees.
import asyncio

async def main():
    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    print(type(w.transport).__name__, type(w.transport).__module__)
    print(type(server).__name__)
    loop = asyncio.get_running_loop()
    t, p = await loop.create_datagram_endpoint(asyncio.DatagramProtocol, local_addr=("127.0.0.1", 0))
    print(type(t).__name__)
    t.close()
    proc = await asyncio.create_subprocess_exec("true")
    print(type(proc._transport).__name__)
    await proc.wait()
    w.close()
    server.close()

asyncio.run(main())
