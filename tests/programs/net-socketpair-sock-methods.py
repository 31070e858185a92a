# The loop's low-level socket methods on a socket.socketpair(): sock_sendall
# and sock_recv, both ends non-blocking, a few round trips and an EOF.
import asyncio
import socket


async def main():
    loop = asyncio.get_running_loop()
    a, b = socket.socketpair()
    a.setblocking(False)
    b.setblocking(False)
    for word in ("ping", "pong", "done"):
        await loop.sock_sendall(a, word.encode())
        print("b got", (await loop.sock_recv(b, 100)).decode())
    a.close()
    print("after close:", await loop.sock_recv(b, 100))
    b.close()


asyncio.run(main())
