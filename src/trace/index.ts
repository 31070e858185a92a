// The trace package's public API: the schema (the contract with the runtime),
// the recorder that writes traces, and the reader that replays them.

export * from './schema.ts';
export { TraceRecorder } from './recorder.ts';
export {
  EVENT_SIZE,
  EventCursor,
  eventSize,
  forEachEvent,
  stepEnd,
  stepOfOffset,
  stepStart,
  validateTrace,
  type EventVisitor,
} from './decode.ts';
export {
  LoopState,
  applyEvent,
  applyRange,
  consoleLines,
  errorRecord,
  limitRecord,
  snapshotAt,
  type BlockView,
  type ConsoleChunk,
  type ConsoleLine,
  type ErrorView,
  type FutureStateName,
  type FutureView,
  type HandleKind,
  type HandleView,
  type LimitView,
  type RunningView,
  type Snapshot,
  type TaskView,
  type TimerView,
} from './snapshot.ts';
export { TracePlayer, type PlayerOptions } from './seek.ts';
export { buildIndex, indexOf, type TraceIndex } from './trace-index.ts';
export { narrate } from './narrate.ts';
export { stepDetail, type StepDetail } from './step-detail.ts';
export { shownTasks } from './shown-tasks.ts';
// Simulated transports and processes (NET events), replayed separately.
export * from './net-schema.ts';
export {
  EMPTY_NET,
  applyNet,
  hasNetActivity,
  netStateAt,
  networkAt,
  replayNet,
  snapshotOf,
  type NetConnection,
  type NetDatagram,
  type NetPipe,
  type NetProcess,
  type NetServer,
  type NetSocket,
  type NetState,
  type NetworkSnapshot,
} from './network.ts';
