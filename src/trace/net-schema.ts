// NET events: the simulated network and process table (transports issue).
// Each is Op.NET followed by (kind, a, b, c, d), all ints; strings are string
// ids into trace.strings. The kinds and their operands are rows of the wire
// table (wire.ts, NET_KINDS; Python's constants are generated from it) and
// are documented field by field in docs/net-trace-format.md.

export {
  CONN_STATES,
  ConnState,
  NET_KIND_NAMES,
  NET_KINDS,
  NET_STRING_B,
  NetKind,
  SockProto,
  type NetKindCode,
} from './wire.ts';
