// `loopscope` command line: run a Python asyncio program on the virtual-time
// loop and print exactly what `python3 FILE.py` prints; optionally write the
// trace. `loopscope bench` runs the benchmarks (bench/run.ts).

import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { traceToJSON } from '../trace/schema.ts';
import { DEFAULTS } from '../runtime/core.ts';

const USAGE = `usage: loopscope run FILE.py|- [--trace OUT.json] [--max-steps N] [--max-time SECONDS] [--cpu-budget N]
       loopscope bench [--quick]

Runs an asyncio program on Loopscope's virtual-time event loop (CPython in
WebAssembly) and prints its stdout and stderr as python3 would.
  --trace OUT.json     write the recorded trace (format: docs/trace-format.md)
  --max-steps N        stop after N loop steps (default ${DEFAULTS.maxSteps.toLocaleString('en')})
  --max-time SECONDS   stop before virtual time passes SECONDS (default ${DEFAULTS.maxTime})
  --cpu-budget N       loop iterations one step may run before it counts as endless (default 100,000,000)
Exit status: the program's (0, 1 on an uncaught exception); 3 when a cap ended the run; 2 on bad usage.`;

function fail(msg: string): never {
  process.stderr.write(`loopscope: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) fail(`${name} must be a positive number, got '${v}'`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const [cmd, ...rest] = argv;
  if (cmd === 'bench') {
    const { runBench } = await import('../../bench/run.ts');
    return runBench(rest);
  }
  if (cmd === '-h' || cmd === '--help' || cmd === undefined) {
    process.stdout.write(USAGE + '\n');
    return cmd === undefined ? 2 : 0;
  }
  if (cmd !== 'run') fail(`unknown command '${cmd}'`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        trace: { type: 'string' },
        'max-steps': { type: 'string' },
        'max-time': { type: 'string' },
        'cpu-budget': { type: 'string' },
      },
    });
  } catch (e) {
    fail((e as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) fail('run takes exactly one FILE (or - for standard input)');
  const file = positionals[0];
  let source: string;
  let filename: string;
  try {
    source = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
    // python3 shows the script's absolute path in tracebacks; '<stdin>' for '-'.
    filename = file === '-' ? '<stdin>' : resolve(file);
  } catch (e) {
    process.stderr.write(`loopscope: can't open file '${file}': ${(e as Error).message}\n`);
    return 2;
  }
  const { nodeRuntime } = await import('../runtime/node.ts');
  const rt = await nodeRuntime();
  const result = rt.run(source, {
    filename,
    maxSteps: num(values['max-steps'], '--max-steps'),
    maxTime: num(values['max-time'], '--max-time'),
    cpuBudget: num(values['cpu-budget'], '--cpu-budget') ?? 100_000_000,
    maxOutputBytes: 1 << 30,
    onOutput: (fd, text) => (fd === 2 ? process.stderr : process.stdout).write(text),
  });
  if (values.trace) writeFileSync(values.trace, JSON.stringify(traceToJSON(result.trace)));
  return result.exitCode;
}

main(process.argv.slice(2)).then(
  (code) => {
    // Let pending writes to pipes drain before exiting.
    process.stdout.write('', () => process.exit(code));
  },
  (err) => {
    process.stderr.write(`loopscope: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(70);
  },
);
