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
export * from './views.ts';
export { consoleLines, type ConsoleLine } from './console.ts';
export { LOG_OPS, blockRecord, countUpTo, errorRecord, limitRecord, logsAt, type LogsAt, type RunLogs } from './logs.ts';
export { LoopDraft, applyEvent, applyRange, loopReducer, snapshotAt, type LoopKey } from './loop-state.ts';
export type { AnyReducer, Reducer } from './reducer.ts';
export { DEFAULT_REDUCERS, TracePlayer, type PlayerOptions } from './seek.ts';
export { ObjectKind, buildIndex, indexOf, type TraceIndex } from './trace-index.ts';
export { narrate } from './narrate.ts';
export { stepDetail, type StepDetail } from './step-detail.ts';
export { shownTasks } from './shown-tasks.ts';
export { codeMarks, panelData, timeHorizon, type CodeMarks, type PanelData, type TaskFacts } from './panel-data.ts';
// Simulated transports and processes (NET events): a reducer of its own.
export * from './net-schema.ts';
export {
  EMPTY_NET,
  applyNet,
  hasNetActivity,
  netReducer,
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
