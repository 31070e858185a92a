// The store without a worker: results and notices fed as client events, and
// the selectors' memoisation.

import { describe, expect, it } from 'vitest';
import { useStore } from './store.ts';
import { clientEvent } from './run-slice.ts';
import { selectCodeMarks, selectNarration, selectPanels, selectSnapshot, selectStepDetail } from './selectors.ts';
import { tinyProgram } from '../trace/fixtures.test-util.ts';

const result = (seq: number, blocked: string[] = []) =>
  clientEvent({ type: 'result', outcome: { seq, trace: tinyProgram(), exitCode: 0, stdout: '', stderr: '', wallMs: 1, blocked } });

describe('store', () => {
  it('a result gives one player (the trace is its own) and lands on the last step', () => {
    result(1);
    const s = useStore.getState();
    expect(s.player?.steps).toBe(4);
    expect(s.k).toBe(4);
    expect('trace' in s).toBe(false);
    expect(s.runCount).toBe(1);
  });

  it('selectors compute once per step: the same objects until the step changes, one step detail for everyone', () => {
    result(2);
    useStore.getState().setK(2);
    const s = useStore.getState();
    const snap = selectSnapshot(s);
    const detail = selectStepDetail(s);
    expect(snap?.step).toBe(2);
    expect(selectSnapshot(useStore.getState())).toBe(snap);
    expect(selectStepDetail(useStore.getState())).toBe(detail);
    // The panels and the code marks use that same detail, not one of their own.
    expect(selectPanels(s)!.ready.fromTimers).toBe(detail!.due);
    expect(selectCodeMarks(s).current).toBe(detail!.lines);
    expect(selectNarration(s)).toBe(selectNarration(useStore.getState()));
    useStore.getState().setK(3);
    const next = useStore.getState();
    expect(selectSnapshot(next)).not.toBe(snap);
    expect(selectStepDetail(next)).not.toBe(detail);
  });

  it('notices have a kind: the next result clears those about the last run, and only those', () => {
    clientEvent({ type: 'stopped', seq: 3 });
    expect(useStore.getState().notice).toMatchObject({ kind: 'stopped', level: 'info' });
    result(3);
    expect(useStore.getState().notice).toBeNull();
    clientEvent({ type: 'retired', reason: 'Python grew to 600 MB' });
    expect(useStore.getState().notice?.kind).toBe('retired');
    result(4, ['fetch']);
    expect(useStore.getState().notice).toMatchObject({ kind: 'withheld', level: 'error' });
    result(5);
    expect(useStore.getState().notice).toBeNull();
    clientEvent({ type: 'crashed', message: 'out of memory', restarting: true, cause: 'error', rerun: false });
    expect(useStore.getState().notice).toMatchObject({ kind: 'crashed', level: 'error' });
    result(6);
    expect(useStore.getState().notice?.kind).toBe('crashed');
    clientEvent({ type: 'crashed', message: 'boom', restarting: false, cause: 'error', rerun: false });
    expect(useStore.getState().notice).toMatchObject({ kind: 'gave-up', action: 'retry' });
    expect(useStore.getState().phase).toBe('crashed');
    // A link asking for a step past the end says so, by kind too.
    useStore.setState({ pendingStep: 99 });
    result(7);
    expect(useStore.getState().notice).toMatchObject({ kind: 'link-step', text: 'The link asked for step 99, but this run has only 4 steps.' });
  });
});
