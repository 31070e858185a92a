// CPython 3.14.2's own asyncio test suites (../shared/cpython-test-asyncio,
// when it is beside the project) on Loopscope's loop, one Loopscope run per
// test, or on asyncio's stock loop in plain Pyodide (the baseline). Each runs
// in a child process (child.ts), so a test that never returns is stopped and
// fails as hung instead of hanging the runner. Used by tests/cpython.test.ts
// and tests/cpython/run.ts (`npm run test:cpython`).

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { join } from 'node:path';
import { HERE, HUNG_AFTER_MS, START_WITHIN_MS } from './config.ts';

export type Mode = 'loopscope' | 'stock';
export type Outcome = 'pass' | 'fail' | 'error' | 'skip';
export interface TestResult { id: string; outcome: Outcome; message: string; ms: number }
export interface SuiteResult { suite: string; results: TestResult[]; ms: number }

const moduleOf = (suite: string) => `test.test_asyncio.test_${suite}`;

class Child {
  private readonly proc: ChildProcess;
  private readonly lines: Interface;
  private readonly queue: string[] = [];
  private waiting: ((line: string | null) => void) | null = null;
  private closed = false;

  constructor(mode: Mode) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'child.ts'), mode], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const stop = () => this.proc.kill('SIGKILL');
    process.once('exit', stop);
    this.proc.once('exit', () => process.removeListener('exit', stop));
    this.lines = createInterface({ input: this.proc.stdout! });
    this.lines.on('line', (l) => this.deliver(l));
    this.proc.on('exit', () => {
      this.closed = true;
      this.deliver(null);
    });
  }

  private deliver(line: string | null) {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w(line);
    } else if (line !== null) this.queue.push(line);
  }

  /** The next line, or null when the process ended or did not answer within ms. */
  next(ms: number): Promise<string | null> {
    if (this.queue.length) return Promise.resolve(this.queue.shift()!);
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        resolve(null);
      }, ms);
      this.waiting = (l) => {
        clearTimeout(timer);
        resolve(l);
      };
    });
  }

  async ask(cmd: object, ms: number): Promise<Record<string, unknown> | null> {
    this.proc.stdin!.write(JSON.stringify(cmd) + '\n');
    const line = await this.next(ms);
    return line === null ? null : JSON.parse(line);
  }

  kill() {
    this.proc.stdin!.end();
    this.proc.kill('SIGKILL');
  }
}

export class SuiteRunner {
  private child: Child | null = null;
  /** The suite being run: a fresh process imports it again before its next test. */
  private suite: string | null = null;
  private relist = false;

  constructor(readonly mode: Mode) {}

  private async started(): Promise<Child> {
    if (!this.child) {
      const c = new Child(this.mode);
      const hello = await c.next(START_WITHIN_MS);
      if (hello === null) {
        c.kill();
        throw new Error(`the ${this.mode} test process did not start`);
      }
      this.child = c;
    }
    return this.child;
  }

  private restart() {
    this.child?.kill();
    this.child = null;
    this.relist = this.suite !== null;
  }

  async list(suite: string): Promise<string[]> {
    const c = await this.started();
    const r = await c.ask({ list: moduleOf(suite) }, HUNG_AFTER_MS);
    if (!r || !Array.isArray(r.ids)) throw new Error(`could not list ${suite}: ${r ? String(r.error) : 'no answer'}`);
    return r.ids as string[];
  }

  async runTest(id: string): Promise<TestResult> {
    if (this.relist) {
      this.relist = false;
      await this.list(this.suite!);
    }
    const t0 = Date.now();
    const c = await this.started();
    const r = await c.ask({ run: id }, HUNG_AFTER_MS);
    const ms = Date.now() - t0;
    if (!r) {
      this.restart();
      return { id, outcome: 'error', message: `hung: no result after ${HUNG_AFTER_MS / 1000} s, so its process was stopped`, ms };
    }
    if (r.mem) process.stderr.write(`mem ${Math.round(Number(r.mem) / 2 ** 20)} MiB\n`);
    return { id, outcome: r.outcome as Outcome, message: String(r.message ?? ''), ms };
  }

  async runSuite(suite: string, onTest?: (r: TestResult) => void): Promise<SuiteResult> {
    await this.started(); // loading Pyodide is not the suite's time
    this.suite = suite;
    const t0 = Date.now();
    const results: TestResult[] = [];
    for (const id of await this.list(suite)) {
      const res = await this.runTest(id);
      onTest?.(res);
      results.push(res);
    }
    return { suite, results, ms: Date.now() - t0 };
  }

  close() {
    this.child?.kill();
    this.child = null;
  }
}

export function counts(results: TestResult[]) {
  const c = { pass: 0, fail: 0, error: 0, skip: 0 };
  for (const r of results) c[r.outcome]++;
  return c;
}
