# Write flow control: the reader pauses reading, the writer fills the buffer,
# pause_writing() is called past the high-water mark and resume_writing()
# once the buffer drains below the low-water mark.
import asyncio

TOTAL = 16 * 1024 * 1024
CHUNK = 1024 * 1024


class Sink(asyncio.Protocol):
    def __init__(self, done):
        self.done = done
        self.n = 0

    def connection_made(self, transport):
        self.transport = transport
        transport.pause_reading()
        print("sink: pause_reading; is_reading", transport.is_reading())

    def data_received(self, data):
        self.n += len(data)
        if self.n == TOTAL:
            print("sink: got all", self.n, "bytes")
            self.done.set_result(None)

    def resume(self):
        print("sink: resume_reading")
        self.transport.resume_reading()


class Source(asyncio.Protocol):
    def __init__(self):
        self.events = []
        self.resumed = asyncio.get_running_loop().create_future()

    def connection_made(self, transport):
        self.transport = transport

    def pause_writing(self):
        self.events.append("pause")

    def resume_writing(self):
        self.events.append("resume")
        if not self.resumed.done():
            self.resumed.set_result(None)


async def main():
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    sink = Sink(done)
    server = await loop.create_server(lambda: sink, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    tr, src = await loop.create_connection(Source, "127.0.0.1", port)
    print("default limits:", tr.get_write_buffer_limits())
    tr.set_write_buffer_limits(high=256 * 1024, low=64 * 1024)
    print("new limits:", tr.get_write_buffer_limits())
    await asyncio.sleep(0.01)
    for _ in range(TOTAL // CHUNK):
        tr.write(b"x" * CHUNK)
    print("buffered in the transport:", tr.get_write_buffer_size() > 0)
    print("pause_writing called:", src.events == ["pause"])
    await asyncio.sleep(0.1)
    print("still paused after a while:", src.events == ["pause"], tr.get_write_buffer_size() > 0)
    sink.resume()
    await src.resumed
    print("resume_writing called:", src.events)
    await done
    print("buffer empty:", tr.get_write_buffer_size())
    try:
        tr.set_write_buffer_limits(high=1, low=2)
    except ValueError as e:
        print("ValueError:", e)
    tr.close()
    server.close()
    await server.wait_closed()


asyncio.run(main())
