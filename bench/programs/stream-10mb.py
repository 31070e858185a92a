# 10 MB through a stream pair (start_server / open_connection) in 4 KiB
# writes with drain(); the server counts bytes and replies with the total.
# bench: bytes=10485760 writes=2560
import asyncio

TOTAL = 10 * 1024 * 1024
CHUNK = b"x" * 4096


async def handle(reader, writer):
    n = 0
    while True:
        data = await reader.read(65536)
        if not data:
            break
        n += len(data)
    writer.write(str(n).encode())
    await writer.drain()
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    for _ in range(TOTAL // len(CHUNK)):
        writer.write(CHUNK)
        await writer.drain()
    writer.write_eof()
    reply = await reader.read()
    print("server received", int(reply), "bytes")
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


asyncio.run(main())
