import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_RESTARTS, RuntimeClient, type ClientEvent, type PythonWorker } from './client.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { tinyProgram } from '../trace/fixtures.test-util.ts';

/** A fake worker: the test plays the worker's side of the channel. */
class FakeWorker {
  onmessage: ((ev: MessageEvent) => unknown) | null = null;
  onerror: ((ev: ErrorEvent) => unknown) | null = null;
  terminated = false;
  readonly received: ToWorker[] = [];
  readonly side: MessagePort;
  readonly pw: PythonWorker;
  constructor() {
    const ch = new MessageChannel();
    this.side = ch.port2;
    this.side.onmessage = (ev: MessageEvent) => this.received.push(ev.data as ToWorker);
    this.pw = { worker: this, port: ch.port1 };
  }
  terminate() {
    this.terminated = true;
    this.side.close();
  }
  post(msg: FromWorker | Record<string, unknown>, transfer: Transferable[] = []) {
    this.side.postMessage(msg, transfer);
  }
  ready() {
    this.post({ type: 'ready', pythonVersion: '3.14.2', loadMs: 1, snapshot: 'restored' });
  }
  result(seq: number, extra: Record<string, unknown> = {}) {
    const trace = tinyProgram();
    this.post(
      { type: 'result', seq, trace, exitCode: 0, stdout: 'top\n', stderr: '', wallMs: 1, blocked: [], ...extra },
      [trace.ops.buffer, trace.steps.buffer],
    );
  }
}

/** Node has no ErrorEvent: what the client reads of one. */
const errorEvent = (message: string) => ({ message, preventDefault() {} }) as unknown as ErrorEvent;

function setup(stuckMs = 30, now?: () => number) {
  const workers: FakeWorker[] = [];
  const events: ClientEvent[] = [];
  const client = new RuntimeClient((ev) => events.push(ev), () => {
    const w = new FakeWorker();
    workers.push(w);
    return w.pw;
  }, stuckMs, now);
  return { client, workers, events, of: (type: ClientEvent['type']) => events.filter((e) => e.type === type) };
}

let cleanup: (() => void) | null = null;

/** A client whose first worker has said it is ready. */
async function readyClient(stuckMs: number, now?: () => number) {
  const t = setup(stuckMs, now);
  cleanup = () => t.client.dispose();
  t.client.start();
  t.workers[0].ready();
  await vi.waitFor(() => expect(t.client.isReady).toBe(true));
  return t;
}
afterEach(() => {
  cleanup?.();
  cleanup = null;
  vi.restoreAllMocks();
});

describe('RuntimeClient', () => {
  it('talks over the port: a run goes out, its result comes back, checked and whole', async () => {
    const { client, workers, of } = setup(10_000);
    cleanup = () => client.dispose();
    client.start();
    const w = workers[0];
    w.ready();
    await vi.waitFor(() => expect(client.isReady).toBe(true));
    const seq = client.run('print(1)\n', { maxSteps: 10 });
    await vi.waitFor(() => expect(w.received).toHaveLength(1));
    expect(w.received[0]).toEqual({ type: 'run', seq, source: 'print(1)\n', filename: 'main.py', limits: { maxSteps: 10 } });
    w.post({ type: 'started', seq });
    w.result(seq);
    await vi.waitFor(() => expect(of('result')).toHaveLength(1));
    const r = of('result')[0] as Extract<ClientEvent, { type: 'result' }>;
    expect(r.outcome.trace.ops).toEqual(tinyProgram().ops);
    expect(r.outcome.stdout).toBe('top\n');
    expect(client.running).toBe(false);
  });

  it('ignores the worker’s global postMessage (a program can reach it) and drops messages that fail the schema', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { client, workers, events } = setup(10_000);
    cleanup = () => client.dispose();
    client.start();
    const w = workers[0];
    w.onmessage?.(new MessageEvent('message', { data: { type: 'ready', pythonVersion: 'forged', loadMs: 0, snapshot: 'plain' } }));
    w.post({ type: 'ready', pythonVersion: 3 }); // wrong type, missing fields
    w.post({ type: 'take-over', code: 'evil' }); // no such message
    const t = tinyProgram();
    const bad = { ...t, ops: t.ops.slice() };
    bad.ops[0] = 99; // unknown opcode: a forged or corrupt trace
    w.ready();
    await vi.waitFor(() => expect(client.isReady).toBe(true));
    const seq = client.run('x');
    w.post({ type: 'result', seq, trace: bad, exitCode: 0, stdout: '', stderr: '', wallMs: 1, blocked: [] });
    w.post({ type: 'result', seq, trace: { ...t, ops: Array.from(t.ops) }, exitCode: 0, stdout: '', stderr: '', wallMs: 1, blocked: [] });
    w.post({ type: 'started', seq });
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(5));
    expect(events.map((e) => e.type)).toEqual(['ready']);
    expect((events[0] as Extract<ClientEvent, { type: 'ready' }>).pythonVersion).toBe('3.14.2');
    expect(client.running).toBe(true);
    const logged = warn.mock.calls.map((c) => String(c[0]));
    expect(logged[0]).toMatch(/worker’s global/);
    expect(logged.slice(1).every((m) => m.startsWith('[loopscope] dropped a message from the Python worker'))).toBe(true);
    expect(logged[3]).toMatch(/unknown opcode 99/);
    expect(logged[4]).toMatch(/trace\.ops: expected an Int32Array/);
  });

  it('restarts a crashed worker a few times, then gives up until retry()', async () => {
    const { client, workers, of } = setup(10_000);
    cleanup = () => client.dispose();
    client.start();
    for (let i = 0; i <= MAX_RESTARTS; i++) workers[i].onerror?.(errorEvent(`boom ${i}`));
    const crashes = of('crashed') as Extract<ClientEvent, { type: 'crashed' }>[];
    expect(crashes.map((c) => c.restarting)).toEqual([...Array(MAX_RESTARTS).fill(true), false]);
    expect(workers).toHaveLength(MAX_RESTARTS + 1);
    expect(workers.every((w) => w.terminated)).toBe(true);
    client.retry();
    expect(workers).toHaveLength(MAX_RESTARTS + 2);
    workers.at(-1)!.onerror?.(errorEvent('again'));
    expect((of('crashed').at(-1) as Extract<ClientEvent, { type: 'crashed' }>).restarting).toBe(true);
  });

  it('a ready worker that does not take a run up is replaced, and the run goes to the new one', async () => {
    const { client, workers, of } = await readyClient(30);
    const seq = client.run('print(2)\n');
    await vi.waitFor(() => expect(of('crashed')).toHaveLength(1));
    expect(of('crashed')[0]).toMatchObject({ cause: 'unresponsive', restarting: true, rerun: true });
    expect(workers[0].terminated).toBe(true);
    await vi.waitFor(() => expect(workers[1].received).toHaveLength(1));
    expect(workers[1].received[0]).toMatchObject({ type: 'run', seq, source: 'print(2)\n' });
    expect(client.running).toBe(true);
  });

  it('a worker that stays busy after its result is replaced before the next run', async () => {
    const { client, workers, of } = await readyClient(30);
    const seq = client.run('x');
    workers[0].post({ type: 'started', seq });
    workers[0].result(seq); // ... and no 'idle'
    await vi.waitFor(() => expect(of('crashed')).toHaveLength(1));
    expect(of('result')).toHaveLength(1);
    expect(of('crashed')[0]).toMatchObject({ cause: 'unresponsive', restarting: true, rerun: false });
    expect(workers).toHaveLength(2);
  });

  it('a page too busy to notice in time waits once more before replacing the worker', async () => {
    let clock = 0;
    const { client, workers, of } = await readyClient(200, () => clock);
    const seq = client.run('x');
    clock = 10_000; // the page was blocked far longer than the watchdog's wait when its timer fires
    await new Promise((r) => setTimeout(r, 300)); // the timer has fired (late, by this clock)
    expect(of('crashed')).toHaveLength(0);
    workers[0].post({ type: 'started', seq }); // the answer that was waiting behind it
    await new Promise((r) => setTimeout(r, 300));
    expect(of('crashed')).toHaveLength(0);
    expect(workers).toHaveLength(1);
    expect(client.running).toBe(true);
  });

  it('a worker that answers stays: no restart while it says started and idle', async () => {
    const { client, workers, of } = await readyClient(30);
    // The watchdog's timer moves only when the test says so (messages still flow),
    // so a loaded machine cannot make the answers arrive "late".
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const seq = client.run('x');
      workers[0].post({ type: 'started', seq });
      workers[0].result(seq);
      workers[0].post({ type: 'idle', seq });
      // vi.waitFor polls with setTimeout, faked here: poll with setImmediate instead.
      for (let i = 0; i < 10_000 && (of('result').length === 0 || vi.getTimerCount() > 0); i++) await new Promise((r) => setImmediate(r));
      expect(of('result')).toHaveLength(1);
      expect(vi.getTimerCount()).toBe(0); // 'idle' disarmed the watchdog
      vi.advanceTimersByTime(1000);
      expect(of('crashed')).toHaveLength(0);
      expect(workers).toHaveLength(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('a result that asks for the worker to be retired is delivered, then the worker is replaced', async () => {
    const { client, workers, events } = await readyClient(10_000);
    const seq = client.run('x');
    workers[0].result(seq, { retire: 'The program reached the memory cap (512 MiB)' });
    await vi.waitFor(() => expect(events.map((e) => e.type)).toEqual(['ready', 'result', 'retired']));
    expect(workers[0].terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(client.isReady).toBe(false);
  });
});
