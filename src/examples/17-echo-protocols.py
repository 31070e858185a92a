# title: Echo server with Protocol classes
# description: loop.create_server and loop.create_connection with Protocol classes: connection_made,
# description: data_received, write_eof -> eof_received, connection_lost, in CPython's order. The
# description: Network panel shows the server, the connection's state and the bytes in flight.
import asyncio


class EchoServer(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        print("server: connection from", transport.get_extra_info("peername")[0])

    def data_received(self, data):
        print("server: received", data)
        self.transport.write(data.upper())

    def eof_received(self):
        print("server: client sent EOF")

    def connection_lost(self, exc):
        print("server: connection closed")


class EchoClient(asyncio.Protocol):
    def __init__(self, done):
        self.done = done

    def connection_made(self, transport):
        self.transport = transport
        transport.write(b"hello")
        transport.write(b" world")

    def data_received(self, data):
        print("client: received", data)
        self.transport.write_eof()

    def connection_lost(self, exc):
        print("client: connection closed")
        self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(EchoServer, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    done = loop.create_future()
    await loop.create_connection(lambda: EchoClient(done), "127.0.0.1", port)
    await done
    server.close()
    await server.wait_closed()
    print("done")


asyncio.run(main())
