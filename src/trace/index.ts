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
  BLOCK_KIND_NAMES,
  ERROR_KIND_NAMES,
  LoopState,
  applyEvent,
  applyRange,
  consoleLines,
  snapshotAt,
  type BlockKindName,
  type BlockView,
  type ConsoleChunk,
  type ConsoleLine,
  type ErrorKindName,
  type ErrorView,
  type FutureStateName,
  type FutureView,
  type HandleKind,
  type HandleView,
  type LimitKindName,
  type LimitView,
  type RunningView,
  type Snapshot,
  type TaskView,
  type TimerView,
} from './snapshot.ts';
export { TracePlayer, type PlayerOptions } from './seek.ts';
export { buildIndex, indexOf, type TraceIndex } from './trace-index.ts';
export { narrate } from './narrate.ts';
