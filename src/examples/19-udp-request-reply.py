# title: UDP request and reply
# description: create_datagram_endpoint on both sides: the client sends a datagram, the server
# description: answers with sendto(data, addr); each datagram arrives whole, in one
# description: datagram_received call.
import asyncio


class TimeServer(asyncio.DatagramProtocol):
    def connection_made(self, transport):
        self.transport = transport

    def datagram_received(self, data, addr):
        print("server: request", data)
        self.transport.sendto(b"reply to " + data, addr)


class Client(asyncio.DatagramProtocol):
    def __init__(self, done):
        self.done = done

    def connection_made(self, transport):
        transport.sendto(b"question 1")
        transport.sendto(b"question 2")
        self.replies = 0

    def datagram_received(self, data, addr):
        print("client:", data)
        self.replies += 1
        if self.replies == 2:
            self.done.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    server, _ = await loop.create_datagram_endpoint(TimeServer, local_addr=("127.0.0.1", 0))
    done = loop.create_future()
    client, _ = await loop.create_datagram_endpoint(
        lambda: Client(done), remote_addr=server.get_extra_info("sockname"))
    await done
    client.close()
    server.close()


asyncio.run(main())
