# Protocol server and clients: callback order, extra info, writelines,
# can_write_eof, eof_received returning True (half-close: the server keeps
# writing after the client's EOF), get/set_protocol, abort, is_closing.
import asyncio


class Server(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport
        sockname = transport.get_extra_info("sockname")
        peer = transport.get_extra_info("peername")
        sock = transport.get_extra_info("socket")
        print("server: connection_made", sockname[0], peer[0], "socket family", sock.family.name,
              "can_write_eof", transport.can_write_eof())
        self.got = []

    def data_received(self, data):
        self.got.append(data)
        print("server: data_received", data)

    def eof_received(self):
        body = b"".join(self.got)
        print("server: eof_received; replying after EOF with", len(body), "bytes")
        self.transport.writelines([b"got ", str(len(body)).encode(), b" bytes"])
        self.transport.write_eof()
        asyncio.get_running_loop().call_soon(self.transport.close)
        return True  # keep the transport open for now: we close it ourselves

    def connection_lost(self, exc):
        print("server: connection_lost", exc)


class Client(asyncio.Protocol):
    def __init__(self, name, done):
        self.name = name
        self.done = done
        self.reply = b""

    def connection_made(self, transport):
        self.transport = transport
        print(self.name, "connection_made")
        transport.write(b"part one, ")
        transport.writelines([b"part ", b"two"])
        transport.write_eof()
        print(self.name, "after write_eof: is_closing", transport.is_closing(),
              "can_write_eof", transport.can_write_eof())

    def data_received(self, data):
        self.reply += data

    def eof_received(self):
        print(self.name, "eof_received; reply", self.reply)
        return None  # the transport closes itself

    def connection_lost(self, exc):
        print(self.name, "connection_lost", exc, "is_closing", self.transport.is_closing())
        self.done.set_result(self.reply)


class Other(asyncio.Protocol):
    def data_received(self, data):
        print("other protocol got", data)

    def connection_lost(self, exc):
        print("other protocol: connection_lost", type(exc).__name__ if exc else exc)


async def main():
    loop = asyncio.get_running_loop()
    server = await loop.create_server(Server, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    print("serving:", server.is_serving(), "sockets:", len(server.sockets))

    done = loop.create_future()
    tr, pr = await loop.create_connection(lambda: Client("client A:", done), "127.0.0.1", port)
    print("create_connection returned; protocol is ours:", tr.get_protocol() is pr)
    print("result:", await done)

    # set_protocol: hand the connection to another protocol, then abort it.
    tr2, pr2 = await loop.create_connection(asyncio.Protocol, "localhost", port)
    other = Other()
    tr2.set_protocol(other)
    print("set_protocol took:", tr2.get_protocol() is other)
    tr2.abort()
    print("after abort: is_closing", tr2.is_closing())
    await asyncio.sleep(0.1)

    server.close()
    print("after close: is_serving", server.is_serving())
    await server.wait_closed()
    print("server closed")


asyncio.run(main())
