# Addressing: refused connections, a port already in use, port 0, localhost,
# ::1, getaddrinfo / getnameinfo, unknown host names.
import asyncio
import socket

PORT = 47391


async def main():
    loop = asyncio.get_running_loop()
    for host in ["127.0.0.1", "localhost"]:
        try:
            await asyncio.open_connection(host, PORT)
        except ConnectionRefusedError as e:
            print("refused:", type(e).__name__, e.errno, e)

    server = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", PORT)
    print("bound to", server.sockets[0].getsockname())
    try:
        await asyncio.start_server(lambda r, w: None, "127.0.0.1", PORT)
    except OSError as e:
        print("in use:", type(e).__name__, e.errno, e)
    try:
        await loop.create_server(asyncio.Protocol, "0.0.0.0", PORT)
    except OSError as e:
        print("wildcard in use:", e)
    server.close()
    await server.wait_closed()
    again = await asyncio.start_server(lambda r, w: w.close(), "127.0.0.1", PORT)
    print("after close the port is free again:", again.sockets[0].getsockname()[1] == PORT)
    again.close()
    await again.wait_closed()

    s0 = await asyncio.start_server(lambda r, w: None, "127.0.0.1", 0)
    p0 = s0.sockets[0].getsockname()[1]
    print("port 0 picked an ephemeral port:", 1024 < p0 < 65536)
    s0.close()

    six = await asyncio.start_server(lambda r, w: w.close(), "::1", 0)
    addr6 = six.sockets[0].getsockname()
    print("ipv6 server:", addr6[0], len(addr6), six.sockets[0].family.name)
    r, w = await asyncio.open_connection("::1", addr6[1])
    print("ipv6 client peer:", w.get_extra_info("peername")[0], "read:", await r.read())
    w.close()
    await w.wait_closed()
    six.close()
    await six.wait_closed()

    infos = await loop.getaddrinfo("localhost", 80, type=socket.SOCK_STREAM)
    print("getaddrinfo localhost:", [(f.name, t.name, p, sa) for f, t, p, _, sa in infos])
    infos = await loop.getaddrinfo("127.0.0.1", 53, proto=socket.IPPROTO_UDP)
    print("getaddrinfo 127.0.0.1 53/udp:", [(f.name, t.name, p, sa) for f, t, p, _, sa in infos])
    print("getnameinfo:", await loop.getnameinfo(("127.0.0.1", 80)),
          await loop.getnameinfo(("127.0.0.1", 8080), socket.NI_NUMERICHOST | socket.NI_NUMERICSERV))
    try:
        await asyncio.open_connection("no-such-host.invalid", 80)
    except socket.gaierror as e:
        print("gaierror:", e)


asyncio.run(main())
