# title: An echo server and its client
# description: start_server calls the handler for each connection with a reader and a writer.
# description: The client connects, sends lines and reads each echo back.
import asyncio


async def handle(reader, writer):
    while line := await reader.readline():
        writer.write(line.upper())
        await writer.drain()
    print("server: the client hung up")
    writer.close()
    await writer.wait_closed()


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 8888)
    reader, writer = await asyncio.open_connection("127.0.0.1", 8888)
    for word in ["hello\n", "event loop\n"]:
        writer.write(word.encode())
        await writer.drain()
        print("echo:", (await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()
    await asyncio.sleep(0.1)
    server.close()
    await server.wait_closed()
    print("server closed")


asyncio.run(main())
