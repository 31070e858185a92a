# asyncio streams: readuntil, read(n), readexactly and IncompleteReadError,
# LimitOverrunError, async iteration, at_eof, drain, wait_closed, Server as an
# async context manager, start_serving=False then start_serving(),
# serve_forever cancelled.
import asyncio


async def handle(reader, writer):
    data = await reader.readuntil(b"|")
    print("server: readuntil", data)
    print("server: read(4)", await reader.read(4))
    try:
        await reader.readuntil(b"!")
    except asyncio.LimitOverrunError as e:
        print("server: LimitOverrunError", e.consumed > 0)
        print("server: the data is still there:", len(await reader.read(40)) > 0)
    n = 0
    async for line in reader:
        n += 1
        print("server: line", n, line)
    print("server: at_eof", reader.at_eof())
    writer.write(b"bye")
    await writer.drain()
    writer.close()
    await writer.wait_closed()
    print("server: writer closed, is_closing", writer.is_closing())


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, limit=16, start_serving=False)
    print("is_serving before start_serving:", server.is_serving())
    await server.start_serving()
    print("is_serving:", server.is_serving())
    port = server.sockets[0].getsockname()[1]
    async with server:
        r, w = await asyncio.open_connection("127.0.0.1", port)
        print("client: can_write_eof", w.can_write_eof(), "transport is_closing", w.transport.is_closing())
        w.write(b"first|abcd" + b"y" * 30 + b"\n")
        await w.drain()
        w.writelines([b"one\n", b"two\n", b"three"])
        await w.drain()
        w.write_eof()
        try:
            await r.readexactly(10)
        except asyncio.IncompleteReadError as e:
            print("client: IncompleteReadError partial", e.partial, "expected", e.expected)
        print("client: at_eof", r.at_eof(), "read()", await r.read())
        w.close()
        await w.wait_closed()
        task = asyncio.create_task(server.serve_forever())
        await asyncio.sleep(0)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            print("serve_forever cancelled; is_serving", server.is_serving())
    print("after async with: is_serving", server.is_serving())


asyncio.run(main())
