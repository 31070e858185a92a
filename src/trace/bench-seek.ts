// Seek timing on a 10^6-step trace: 10,000 tasks x 100 `await asyncio.sleep(0)`.
//   npx tsx src/trace/bench-seek.ts [tasks] [rounds] [seeks]
// Prints the time to record the trace, to lay every keyframe, and per random
// seek (snapshot(k) for uniformly random k, materialization included).

import { TracePlayer } from './seek.ts';
import { manyTasksTrace } from './synthetic.ts';

const tasks = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 100);
const seeks = Number(process.argv[4] ?? 200);

const mib = (b: number) => (b / 2 ** 20).toFixed(1);
let t0 = performance.now();
const trace = manyTasksTrace(tasks, rounds);
const recordMs = performance.now() - t0;
globalThis.gc?.();
// Typed arrays live outside the JS heap proper: count both.
const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const heap0 = used();
console.log(
  `trace: ${trace.steps.length.toLocaleString('en')} steps, ${trace.ops.length.toLocaleString('en')} int32 slots ` +
    `(${mib(trace.ops.byteLength)} MiB), recorded in ${recordMs.toFixed(0)} ms`,
);

t0 = performance.now();
const player = new TracePlayer(trace);
const indexMs = performance.now() - t0;
t0 = performance.now();
player.prepare();
const prepMs = performance.now() - t0;
globalThis.gc?.();
const heap1 = used();
console.log(
  `player: index ${indexMs.toFixed(0)} ms, ${player.keyframeCount} keyframes (${(player.keyframeBytes / player.steps).toFixed(1)} B/step) laid in ${prepMs.toFixed(0)} ms, ` +
    `heap +${mib(heap1 - heap0)} MiB (index + keyframes${globalThis.gc ? '' : '; run with --expose-gc for a settled figure'})`,
);

// Deterministic pseudo-random steps (LCG), so runs are comparable.
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const times: number[] = [];
for (let i = 0; i < seeks; i++) {
  const k = Math.floor(rand() * (player.steps + 1));
  const s = performance.now();
  const snap = player.snapshot(k);
  times.push(performance.now() - s);
  if (snap.step !== k) throw new Error(`seek to ${k} gave step ${snap.step}`);
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
console.log(
  `random seek (${seeks}): mean ${mean.toFixed(2)} ms, median ${pct(0.5).toFixed(2)} ms, ` +
    `p95 ${pct(0.95).toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`,
);

// Stepping forward one step at a time from a random point (the play button).
let k = Math.floor(player.steps / 3);
player.snapshot(k);
const s = performance.now();
for (let i = 0; i < 200; i++) player.snapshot(++k);
console.log(`step forward: ${((performance.now() - s) / 200).toFixed(2)} ms per step`);
