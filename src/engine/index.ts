export { Engine, Begin, NONE, CANCELLED } from './engine.ts';
export type { SchedulingSink, EngineOptions } from './engine.ts';
export { TimerHeap } from './timer-heap.ts';
