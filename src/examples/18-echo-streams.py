# title: Echo server with streams
# description: The same echo with asyncio.start_server and open_connection: the handler reads lines
# description: with readline(), writes them back and drains; the client reads each reply. Try
# description: `import loopscope; loopscope.set_latency(0.05)` to watch the bytes travel.
import asyncio


async def handle(reader, writer):
    while line := await reader.readline():
        print("server: got", line)
        writer.write(b"echo: " + line)
        await writer.drain()
    print("server: client closed its side")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for word in ["ping", "pong"]:
        writer.write(word.encode() + b"\n")
        await writer.drain()
        print("client: reply", await reader.readline())
    writer.write_eof()
    print("client: rest", await reader.read())
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
