# Datagrams: unconnected and connected endpoints, sendto with an address,
# replies to several senders, datagram boundaries kept, error_received for a
# connected endpoint whose peer does not listen, sockname/peername.
import asyncio


class Server(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        print("server: got", data)
        self.transport.sendto(b"ack " + data, addr)


class Collector(asyncio.DatagramProtocol):
    def __init__(self, name, want):
        self.name = name
        self.want = want
        self.got = []
        self.done = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        self.got.append(data)
        print(self.name, "got", data, "from the server:", addr[0])
        if len(self.got) == self.want:
            self.done.set_result(None)

    def error_received(self, exc):
        print(self.name, "error_received", type(exc).__name__, exc)
        if not self.done.done():
            self.done.set_result(None)

    def connection_lost(self, exc):
        print(self.name, "connection_lost", exc)


async def main():
    loop = asyncio.get_running_loop()
    srv, _ = await loop.create_datagram_endpoint(Server, local_addr=("127.0.0.1", 0))
    addr = srv.get_extra_info("sockname")
    print("server sockname host:", addr[0], "peername:", srv.get_extra_info("peername"))

    # connected endpoint: sendto without an address
    tr, a = await loop.create_datagram_endpoint(lambda: Collector("A:", 2), remote_addr=addr)
    print("A peername is the server:", tr.get_extra_info("peername") == addr)
    tr.sendto(b"one")
    tr.sendto(b"two")
    await a.done
    tr.close()
    await asyncio.sleep(0)

    # unconnected endpoint: sendto with an address each time
    tr, b = await loop.create_datagram_endpoint(lambda: Collector("B:", 1), local_addr=("127.0.0.1", 0))
    tr.sendto(b"three", addr)
    await b.done
    tr.close()

    # a connected endpoint whose peer is gone: ICMP port unreachable comes back
    srv.close()
    await asyncio.sleep(0)
    tr, c = await loop.create_datagram_endpoint(lambda: Collector("C:", 1), remote_addr=addr)
    tr.sendto(b"anyone?")
    await c.done
    tr.close()
    await asyncio.sleep(0)
    print("done")


asyncio.run(main())
