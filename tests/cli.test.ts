// The `loopscope` command itself, as a user runs it (node bin/loopscope.mjs):
// output byte-identical to python3's expected output, exit statuses, standard
// input, recordings from --trace and record, bad usage; the prebuilt bundle and
// the tsx fallback give the same output.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readRecording } from '../src/trace/recording.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin', 'loopscope.mjs');
const GALLERY = join(ROOT, 'src', 'examples');
const tmp = mkdtempSync(join(tmpdir(), 'loopscope-cli-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], opts: { input?: string; env?: Record<string, string> } = {}) {
  const p = spawnSync(process.execPath, [BIN, ...args], { input: opts.input, encoding: 'utf8', env: { ...process.env, ...opts.env }, timeout: 120_000 });
  return { stdout: p.stdout, stderr: p.stderr, status: p.status };
}

describe('loopscope run', () => {
  it('prints exactly what python3 prints, and writes a recording with --trace', () => {
    const prog = join(GALLERY, '07-tasks.py');
    const out = join(tmp, 'tasks.json');
    const r = cli(['run', prog, '--trace', out, '--options', 'step=5 speed=2']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(join(GALLERY, '07-tasks.out'), 'utf8'));
    expect(r.status).toBe(0);
    const read = readRecording(readFileSync(out, 'utf8'));
    if (!read.ok) throw new Error(read.error);
    expect(read.recording.title).toBe('Tasks: running coroutines concurrently');
    expect(read.recording.options).toEqual({ step: 5, speed: 2 });
    expect(read.recording.trace.meta.filename).toBe(prog);
    expect(read.recording.trace.meta.source).toBe(readFileSync(prog, 'utf8'));
  });

  it('runs the program from standard input, with the tracebacks and exit status python3 gives', () => {
    const r = cli(['run', '-'], { input: 'print("out")\nraise SystemExit("bye")\n' });
    expect(r.stdout).toBe('out\n');
    expect(r.stderr).toBe('bye\n');
    expect(r.status).toBe(1);
    const e = cli(['run', '-'], { input: 'import asyncio\nasync def main():\n    1 / 0\nasyncio.run(main())\n' });
    expect(e.stderr).toContain('File "<stdin>", line 3, in main');
    expect(e.stderr).toMatch(/ZeroDivisionError: division by zero\n$/);
    expect(e.status).toBe(1);
  });

  it('runs the same through tsx when there is no prebuilt command, and says where start-up time went', () => {
    const prog = join(GALLERY, '01-call-soon.py');
    const r = cli(['run', prog], { env: { LOOPSCOPE_CLI_TSX: '1', LOOPSCOPE_PROFILE: '1' } });
    expect(r.stdout).toBe(readFileSync(join(GALLERY, '01-call-soon.out'), 'utf8'));
    expect(r.stderr).toMatch(/^loopscope profile \(ms, each since the previous\): node-start \d+, module-loaded \d+, snapshot-key \d+, .*restored \d+, runtime-ready \d+, run \d+; total \d+\n$/);
  });

  it('refuses bad usage with status 2 and the usage text', () => {
    for (const args of [['run'], ['run', 'a.py', 'b.py'], ['fly'], ['run', 'x.py', '--max-steps', '0'], ['run', 'x.py', '--options', 'step=1'], ['record', 'x.py']]) {
      const r = cli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^loopscope: .*\nusage: loopscope run/);
    }
    const missing = cli(['run', join(tmp, 'nope.py')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^loopscope: can't open file/);
  });
});

describe('loopscope record', () => {
  it('writes one recording per program with a line per file, options from the header and --options', () => {
    const dir = join(tmp, 'progs');
    const out = join(tmp, 'recordings');
    spawnSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'a.py'), '# title: A\n# step: 99\n# panels: tasks, console\nimport asyncio\nasync def main():\n    await asyncio.sleep(1)\n    print("a")\nasyncio.run(main())\n');
    writeFileSync(join(dir, 'b.py'), 'import asyncio\nasync def main():\n    raise ValueError("b")\nasyncio.run(main())\n');
    writeFileSync(join(dir, 'c.py'), '# speed: 3\n# panels: sparkles\nprint("c")\n');
    const r = cli(['record', join(dir, 'a.py'), join(dir, 'b.py'), join(dir, 'c.py'), '--out', out, '--options', 'speed=4']);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/a\.py\s+\d+ steps\s+\d+ bytes {2}exit 0 {2}-> .*a\.json {2}\(start step 99 is past the last step \(\d+\); stored as \d+\)$/);
    expect(lines[1]).toMatch(/b\.py\s+\d+ steps\s+\d+ bytes {2}exit 1 {2}-> .*b\.json$/);
    // --options speed=4 overrides the header's bad speed; the bad panel stays.
    expect(lines[2]).toMatch(/c\.py {2}not recorded: unknown panel 'sparkles' \(panels: ready, timers, tasks, futures, network, console, narration\)$/);
    expect(lines[3]).toMatch(/^2 recordings in .* in [\d.]+ s, [\d.]+ s per program after the first; 1 not recorded$/);
    expect(r.status).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['a.json', 'b.json']);
    const a = readRecording(readFileSync(join(out, 'a.json'), 'utf8'));
    if (!a.ok) throw new Error(a.error);
    expect(a.recording.title).toBe('A');
    expect(a.recording.options).toEqual({ step: a.recording.trace.steps.length, panels: ['tasks', 'console'], speed: 4 });
    const b = readRecording(readFileSync(join(out, 'b.json'), 'utf8'));
    if (!b.ok) throw new Error(b.error);
    // Tracebacks name the file, not the path on the author's machine.
    expect(b.recording.trace.meta.filename).toBe('b.py');
    expect(b.recording.trace.strings.join('')).toContain('File "b.py", line 3, in main');
  });
});
