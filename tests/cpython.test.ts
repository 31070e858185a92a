// CPython 3.14.2's own asyncio test suites on Loopscope's loop, when
// ../shared/cpython-test-asyncio is beside the project (tests/cpython/). Every
// test passes, but those that need real OS threads (config.ts: NEEDS_THREADS,
// each with its reason; they must fail the way a missing thread fails) and
// those CPython itself skips here (SKIPPED_BY_CPYTHON, with CPython's reason).
// Each test is its own Loopscope run with its own caps; a test that never
// returned would be stopped and fail as hung. Counts per suite are printed.

import { afterAll, describe, expect, it } from 'vitest';
import { HAVE_CPYTHON_TESTS, NEEDS_THREADS, NO_THREAD_FAILURE, SKIPPED_BY_CPYTHON, SUITE_SIZES, SUITES } from './cpython/config.ts';
import { counts, SuiteRunner, type TestResult } from './cpython/suite.ts';

/** Why a result is not what it should be, or null when it is. */
function wrong(r: TestResult): string | null {
  const last = r.message.trim().split('\n').slice(-3).join(' | ');
  if (r.id in NEEDS_THREADS) {
    return r.outcome !== 'pass' && NO_THREAD_FAILURE.test(r.message) ? null
      : `${r.id} is listed as needing threads, but it ${r.outcome === 'pass' ? 'passes' : `fails otherwise: ${last}`}`;
  }
  if (r.id in SKIPPED_BY_CPYTHON) {
    return r.outcome === 'skip' && r.message === SKIPPED_BY_CPYTHON[r.id] ? null : `${r.id}: expected CPython's skip, got ${r.outcome}: ${last}`;
  }
  return r.outcome === 'pass' ? null : `${r.id}: ${r.outcome}: ${last}`;
}

describe.skipIf(!HAVE_CPYTHON_TESTS)("CPython's asyncio suites on Loopscope's loop", () => {
  const runner = new SuiteRunner('loopscope');
  afterAll(() => runner.close());

  for (const suite of SUITES) {
    it(`test_${suite}`, async () => {
      const r = await runner.runSuite(suite);
      const c = counts(r.results);
      console.log(`test_${suite}: ${r.results.length} tests, ${c.pass} pass, ${c.fail} fail, ${c.error} error, ${c.skip} skip ` +
        `(${Object.keys(NEEDS_THREADS).filter((id) => id.includes(`.test_${suite}.`)).length} need threads) in ${(r.ms / 1000).toFixed(1)} s`);
      expect(r.results.map(wrong).filter(Boolean)).toEqual([]);
      expect(r.results.length).toBe(SUITE_SIZES[suite]);
    }, 30 * 60_000);
  }
});
