"""NET trace event kinds, mirrored from src/trace/net-schema.ts (NetKind).

Each NET event carries four ints (a, b, c, d); strings travel as string ids
(bridge.current.s(text)). docs/net-trace-format.md documents every field.
"""

SOCKET = 1        # (sock, proto 0 tcp | 1 udp, family 4 | 6, 0)
BIND = 2          # (sock, host, port, 0)
LISTEN = 3        # (sock, backlog, 0, 0)
CONNECT = 4       # (client sock, server-side sock, listener sock, 0)
REFUSED = 5       # (sock, host, port, errno)
ACCEPT = 6        # (server-side sock, listener sock, 0, 0)
STATE = 7         # (sock, 0 open | 1 closing | 2 closed, 0, 0): its transport's state
WBUF = 8          # (sock, transport write-buffer bytes, protocol paused 0|1, 0)
SEND = 9          # (sock, peer sock, nbytes, 0): bytes handed to the network
ARRIVE = 10       # (sock, peer sock, nbytes, 0): bytes landed in the peer's receive buffer (latency > 0 only)
RECV = 11         # (sock, peer sock, nbytes, 0): the receiver read bytes out of its buffer
SHUT_WR = 12      # (sock, peer sock, 0, 0): FIN sent (write_eof / shutdown)
EOF_SEEN = 13     # (sock, 0, 0, 0): the receiver read end-of-file
RESET = 14        # (sock, errno, 0, 0): the connection was reset / failed
CLOSE = 15        # (sock, 0, 0, 0): socket closed (fd released)
DGRAM_SEND = 16   # (sock, dest sock | -1 dropped, nbytes, datagram id)
DGRAM_RECV = 17   # (sock, source sock, nbytes, datagram id)
PROC_SPAWN = 18   # (pid, command line, 0, 0)
PROC_EXIT = 19    # (pid, returncode, 0, 0)
PIPE_OPEN = 20    # (pid, fd 0|1|2, 0, 0)
PIPE_WRITE = 21   # (pid, fd, nbytes, 0): bytes written into the pipe (parent -> stdin, child -> stdout/stderr)
PIPE_READ = 22    # (pid, fd, nbytes, 0): bytes read out of the pipe
PIPE_CLOSE = 23   # (pid, fd, 0, 0): the pipe's writing end closed (EOF for the reader) or the pipe went away
LATENCY = 24      # (microseconds, 0, 0, 0): the simulated one-way latency changed
DGRAM_ERROR = 25  # (sock, errno, 0, 0): an ICMP error queued on a connected UDP socket
