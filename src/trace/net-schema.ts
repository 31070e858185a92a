// NET events: the simulated network and process table (transports issue).
// Each is Op.NET followed by (kind, a, b, c, d), all ints; strings are string
// ids into trace.strings. Mirrored in src/runtime/python/loopscope/net/kinds.py
// and documented field by field in docs/net-trace-format.md.
//
// Ids: a socket is named by its simulated fd ("sock"), unique for the run and
// never reused; a process by its pid; a pipe by (pid, child fd 0|1|2).

export const NetKind = {
  /** (sock, proto 0 tcp | 1 udp, family 4 | 6, 0): a socket was created. */
  SOCKET: 1,
  /** (sock, host, port, 0): the socket was bound to host:port (host: string id). */
  BIND: 2,
  /** (sock, backlog, 0, 0): a server socket is listening. */
  LISTEN: 3,
  /** (client sock, server-side sock, listener sock, 0): a TCP connection was established. */
  CONNECT: 4,
  /** (sock, host, port, errno): a connection attempt was refused (or unreachable). */
  REFUSED: 5,
  /** (server-side sock, listener sock, 0, 0): the server accepted the connection. */
  ACCEPT: 6,
  /** (sock, state 0 open | 1 closing | 2 closed, 0, 0): the state of the socket's transport. */
  STATE: 7,
  /** (sock, bytes, protocol paused 0 | 1, 0): the transport's write buffer size changed. */
  WBUF: 8,
  /** (sock, peer sock, nbytes, 0): bytes handed to the network (in flight until read). */
  SEND: 9,
  /** (sock, peer sock, nbytes, 0): bytes landed in the peer's receive buffer (latency > 0 only). */
  ARRIVE: 10,
  /** (sock, peer sock, nbytes, 0): the receiver read bytes out of its buffer. */
  RECV: 11,
  /** (sock, peer sock, 0, 0): the socket shut down its writing side (FIN; write_eof). */
  SHUT_WR: 12,
  /** (sock, 0, 0, 0): the receiver read end-of-file. */
  EOF_SEEN: 13,
  /** (sock, errno, 0, 0): the connection was reset. */
  RESET: 14,
  /** (sock, 0, 0, 0): the socket was closed (a listening socket: the server stopped listening). */
  CLOSE: 15,
  /** (sock, dest sock or -1 when nobody listens, nbytes, datagram id): a datagram was sent. */
  DGRAM_SEND: 16,
  /** (sock, source sock, nbytes, datagram id): a datagram was received by the program. */
  DGRAM_RECV: 17,
  /** (pid, command line, 0, 0): a process was spawned. */
  PROC_SPAWN: 18,
  /** (pid, returncode, 0, 0): the process exited (negative: killed by that signal). */
  PROC_EXIT: 19,
  /** (pid, fd 0 | 1 | 2, 0, 0): a pipe to the child's stdin / stdout / stderr was opened. */
  PIPE_OPEN: 20,
  /** (pid, fd, nbytes, 0): bytes written into the pipe (by the parent for fd 0, by the child otherwise). */
  PIPE_WRITE: 21,
  /** (pid, fd, nbytes, 0): bytes read out of the pipe. */
  PIPE_READ: 22,
  /** (pid, fd, 0, 0): the pipe's writing end was closed (EOF for its reader). */
  PIPE_CLOSE: 23,
  /** (microseconds, 0, 0, 0): the simulated one-way latency changed (loopscope.set_latency). */
  LATENCY: 24,
  /** (sock, errno, 0, 0): an ICMP error was queued on a connected UDP socket. */
  DGRAM_ERROR: 25,
} as const;
export type NetKindCode = (typeof NetKind)[keyof typeof NetKind];

export const NET_KIND_NAMES: Record<number, string> = Object.fromEntries(
  Object.entries(NetKind).map(([k, v]) => [v, k.toLowerCase()]),
);

export const CONN_STATES = ['open', 'closing', 'closed'] as const;
export type ConnState = (typeof CONN_STATES)[number];
