// Where CPython's asyncio tests are, which suites run, and the caps per test.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HERE = dirname(fileURLToPath(import.meta.url));
export const CPYTHON_TESTS = resolve(HERE, '..', '..', '..', 'shared', 'cpython-test-asyncio');
export const HAVE_CPYTHON_TESTS = existsSync(join(CPYTHON_TESTS, 'Lib', 'test', 'test_asyncio'));

/** The suites the issue names, in the order they are run. */
export const SUITES = [
  'locks', 'queues', 'timeouts', 'waitfor', 'taskgroups', 'pep492', 'context', 'eager_task_factory',
  'futures', 'futures2', 'runners', 'graph', 'threads', 'tasks',
] as const;

/** Loopscope's caps for one test (a test that reaches one fails with the cap's message). */
export const PER_TEST = { maxSteps: 2_000_000, maxTime: 86_400, cpuBudget: 5_000_000, maxOutputBytes: 1 << 22 };

/**
 * The last resort behind those caps: a test whose run has not returned after
 * this long is stopped (its process killed) and fails as hung. Generous, so
 * that a busy machine never trips it: no test comes near it (the slowest takes
 * ~5 s on this machine loaded ten times over).
 */
export const HUNG_AFTER_MS = 300_000;
/** How long a test process may take to load Pyodide and the runtime. */
export const START_WITHIN_MS = 600_000;

/**
 * The only tests that may fail on Loopscope: they need real OS threads, which
 * the browser does not have (the test starts a thread, or checks that a
 * function ran on another thread). Each with the reason.
 */
const WRAP_FUTURE =
  'submits a function to a ThreadPoolExecutor and asserts that it ran on another thread (threading.get_ident() differs)';
const THREADSAFE =
  'runs a function with run_in_executor that waits (Future.result()) for the loop to run run_coroutine_threadsafe\'s ' +
  'coroutine: the loop can run only while that function runs on a thread of its own';
export const NEEDS_THREADS: Record<string, string> = Object.fromEntries([
  ...['CFutureTests', 'CSubFutureTests', 'PyFutureTests'].flatMap((cls) =>
    ['test_wrap_future', 'test_wrap_future_use_global_loop', 'test_wrap_future_use_running_loop', 'test_wrap_future_without_loop']
      .map((t) => [`test.test_asyncio.test_futures.${cls}.${t}`, WRAP_FUTURE])),
  ...['test_run_coroutine_threadsafe', 'test_run_coroutine_threadsafe_task_cancelled',
    'test_run_coroutine_threadsafe_task_factory_exception', 'test_run_coroutine_threadsafe_with_exception']
    .map((t) => [`test.test_asyncio.test_tasks.RunCoroutineThreadsafeTests.${t}`, THREADSAFE]),
]);

/** What such a test's failure says (the browser's "no thread" error, or Loopscope's stop). */
export const NO_THREAD_FAILURE = /can't start new thread|waits for another thread, and the browser has none/;

/** Tests CPython itself skips here (its own decorators), with the reason it gives. */
export const SKIPPED_BY_CPYTHON: Record<string, string> = {
  'test.test_asyncio.test_eager_task_factory.CEagerTaskFactoryLoopTests.test_issue105987': 'requires subprocess support',
  'test.test_asyncio.test_tasks.CoroutineGatherTests.test_env_var_debug': 'requires subprocess support',
  'test.test_asyncio.test_tasks.FutureGatherTests.test_env_var_debug': 'requires subprocess support',
  'test.test_asyncio.test_tasks.CTask_CFuture_Tests.test_refleaks_in_task___init__':
    "object <module 'sys' (built-in)> has no attribute 'gettotalrefcount'",
};

/** Tests unittest's loader finds in each suite (a suite that shrinks fails). */
export const SUITE_SIZES: Record<(typeof SUITES)[number], number> = {
  locks: 75, queues: 59, timeouts: 34, waitfor: 19, taskgroups: 96, pep492: 11, context: 1, eager_task_factory: 48,
  futures: 180, futures2: 7, runners: 30, graph: 16, threads: 6, tasks: 1033,
};
