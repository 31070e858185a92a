// gather()'s outer future is recorded finishing like any other future. asyncio's
// _GatheringFuture derives from the C Future, not Loopscope's, so its end was never
// recorded: the Futures panel showed "_GatheringFuture-3 ○ pending" to the last step
// of the blocking-sleep example, after main() had printed the gathered results.

import { describe, expect, it } from 'vitest';
import type { Trace } from '../src/trace/schema.ts';
import { forEachEvent } from '../src/trace/decode.ts';
import { TracePlayer } from '../src/trace/seek.ts';
import { Op } from '../src/trace/wire.ts';
import { recordExample, recordLines } from './recorded.ts';

function gatherStates(trace: Trace) {
  const p = new TracePlayer(trace);
  return p.snapshot(trace.steps.length).futures.filter((f) => f.label.startsWith('_GatheringFuture')).map((f) => [f.label, f.state, f.text]);
}

describe("gather's outer future", () => {
  it('is done at the end of the blocking-sleep example, with its result', async () => {
    const trace = await recordExample('08-blocking-sleep');
    expect(gatherStates(trace)).toEqual([['_GatheringFuture-3', 'done', '[None, None]']]);
  });

  it('is recorded failed when a child raises, and when cancelled (as CPython: cancelled() is False, its exception CancelledError)', async () => {
    const trace = await recordLines(
      'import asyncio',
      'async def boom():',
      '    raise ValueError("no")',
      'async def main():',
      '    try:',
      '        await asyncio.gather(boom())',
      '    except ValueError:',
      '        pass',
      '    g = asyncio.gather(asyncio.sleep(1))',
      '    await asyncio.sleep(0)',
      '    g.cancel()',
      '    try:',
      '        await g',
      '    except asyncio.CancelledError:',
      '        print("cancelled")',
      'asyncio.run(main())',
    );
    const [raised, cancelled] = gatherStates(trace);
    expect(raised.slice(1)).toEqual(['failed', 'ValueError: no']);
    expect(cancelled.slice(1)).toEqual(['failed', 'CancelledError']);
  });
});

describe("gather's outer future, cancelled when already done", () => {
  it('records its end once', async () => {
    const trace = await recordLines(
      'import asyncio',
      'async def main():',
      '    g = asyncio.gather(asyncio.sleep(0))',
      '    await g',
      '    print(g.cancel())',
      'asyncio.run(main())',
    );
    expect(gatherStates(trace)).toEqual([['_GatheringFuture-2', 'done', '[None]']]);
    const id = new TracePlayer(trace).snapshot(trace.steps.length).futures.find((f) => f.label === '_GatheringFuture-2')!.id;
    let ends = 0;
    forEachEvent(trace.ops, (op, at, ops) => {
      if (op === Op.FUT_DONE && ops[at + 1] === id) ends++;
    });
    expect(ends).toBe(1);
  });
});
