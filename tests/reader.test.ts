// The trace reader on traces recorded through the real runtime (every
// gallery example): TracePlayer's keyframed, incremental views equal a
// reference built afresh at every step, whichever way the player gets there.

import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LoopscopeRuntime } from '../src/runtime/core.ts';
import { nodeRuntime } from '../src/runtime/node.ts';
import { stepEnd } from '../src/trace/decode.ts';
import { LoopDraft, applyRange } from '../src/trace/loop-state.ts';
import { networkAt } from '../src/trace/network.ts';
import { TracePlayer } from '../src/trace/seek.ts';
import type { Snapshot } from '../src/trace/views.ts';
import type { Trace } from '../src/trace/schema.ts';
import { rng } from '../src/trace/fixtures.test-util.ts';

const DIR = join(import.meta.dirname, '../src/examples');
const examples = readdirSync(DIR).filter((f) => f.endsWith('.py')).sort();

let rt: LoopscopeRuntime;
beforeAll(async () => {
  rt = await nodeRuntime();
});

/** Snapshots at the steps `want(k)` from one draft moved forward step by step, each view built from nothing. */
function reference(trace: Trace, want: (k: number) => boolean): Map<number, Snapshot> {
  const d = new LoopDraft(trace);
  const out = new Map<number, Snapshot>();
  for (let k = 0; k <= trace.steps.length; k++) {
    applyRange(d, trace.ops, k === 0 ? 0 : stepEnd(trace, k - 1), stepEnd(trace, k));
    if (want(k)) out.set(k, d.view(null));
  }
  return out;
}

describe('TracePlayer on recorded gallery examples', () => {
  for (const file of examples) {
    it(`${file}: forwards, backwards and at random, the views equal the reference`, () => {
      const r = rt.run(readFileSync(join(DIR, file), 'utf8'), { filename: file });
      const trace = r.trace;
      const n = trace.steps.length;
      // Every step of a short run is compared; on a long one (16-many-tasks: 4,907 steps of 1,000 tasks) every 41st.
      const every = n > 1000 ? 41 : 1;
      const ref = reference(trace, (k) => k % every === 0 || k === n);
      const same = (a: unknown, k: number, what: string) => {
        const b = ref.get(k);
        // isDeepStrictEqual is fast; toEqual (on a mismatch only) says where they differ.
        if (b && !isDeepStrictEqual(a, b)) expect(a, `${what} ${k}`).toEqual(b);
      };
      // Keyframes far more often than by default: many resumes, and onward views between them.
      const p = new TracePlayer(trace, { minInterval: 48, keyRatio: 8 });
      for (let k = 0; k <= n; k++) same(p.snapshot(k), k, 'forward');
      // From here on with everything made ahead, as the app does in idle time.
      p.prepare();
      for (let k = n; k >= 0; k--) if (ref.has(k) && k % 3 === 0) same(p.snapshot(k), k, 'back');
      const keys = [...ref.keys()];
      const rand = rng(file.length);
      for (let i = 0; i < 40; i++) {
        const k = keys[Math.floor(rand() * keys.length)];
        same(p.snapshot(k), k, 'seek');
        if (p.hasNetwork) expect(p.network(k), `network ${k}`).toEqual(networkAt(trace, k));
      }
      // With a keyframe at least every 48 slots, any run of 300 slots or more has several.
      expect(p.keyframeCount).toBeGreaterThanOrEqual(Math.min(3, Math.floor(trace.ops.length / 100)));
    });
  }
});
