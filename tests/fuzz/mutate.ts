// Mutations of asyncio programs for `npm run fuzz` (tests/fuzz/fuzz.ts): lines
// deleted, duplicated or swapped, two awaits swapped, random tokens inserted,
// replaced or deleted. Pure and deterministic: a mutant is a function of
// (seed, index, the list of programs), so any finding replays from its seed
// and index alone.

/** A small, fast, seedable PRNG (mulberry32). Returns floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of mutant `index` in a run with seed `seed` (so that one mutant replays alone). */
export function mutantSeed(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (index + 0x7f4a7c15), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export const MUTATIONS = ['delete-line', 'duplicate-line', 'swap-lines', 'swap-awaits', 'insert-statement', 'replace-name', 'insert-token', 'replace-token', 'delete-token'] as const;
export type Mutation = (typeof MUTATIONS)[number];
/**
 * How often each is drawn. Raw token edits mostly make syntax errors (worth a
 * few: the runtime must report them), so the edits that keep a program
 * runnable come first.
 */
const WEIGHTS: Record<Mutation, number> = {
  'delete-line': 3, 'duplicate-line': 3, 'swap-lines': 3, 'swap-awaits': 3, 'insert-statement': 4, 'replace-name': 5,
  'insert-token': 1, 'replace-token': 1, 'delete-token': 1,
};
const DRAW: Mutation[] = MUTATIONS.flatMap((m) => Array<Mutation>(WEIGHTS[m]).fill(m));

/** Whole statements a mutation inserts at some line's indentation. */
export const STATEMENTS = [
  'await asyncio.sleep(0)', 'await asyncio.sleep(1e9)', 'asyncio.get_event_loop().stop()', 'asyncio.get_event_loop().close()',
  'asyncio.get_event_loop().run_forever()', 'asyncio.run(asyncio.sleep(0))', 'return', 'pass', 'break', 'continue', 'yield',
  'raise RuntimeError("fuzz")', 'raise KeyboardInterrupt', 'raise SystemExit(3)', 'raise asyncio.CancelledError',
  'asyncio.current_task().cancel()', 'asyncio.get_running_loop().call_soon(print, "fuzz")',
  'asyncio.get_event_loop().call_later(-1, print, "late")', 'asyncio.ensure_future(asyncio.sleep(0.1))',
  'asyncio.get_event_loop().set_exception_handler(lambda l, c: print("handler", c["message"]))',
  'asyncio.set_event_loop(asyncio.new_event_loop())', 'asyncio.set_event_loop(None)', 'asyncio.set_event_loop_policy(None)',
  'import gc; gc.collect()', 'import sys; sys.exit()', 'print(asyncio.all_tasks())', 'del loop', 'loop = None',
  'time.sleep(0.5)', 'import time; time.sleep(1)', 'asyncio.get_event_loop().run_until_complete(asyncio.sleep(0))',
  'for t in asyncio.all_tasks(): t.cancel()', 'while True: pass', 'while True: await asyncio.sleep(0)',
];

/** Tokens a random-token mutation draws from, beside the program's own names. */
export const TOKENS = [
  'await', 'async', 'yield', 'return', 'raise', 'break', 'continue', 'pass', 'not', 'None', 'True', 'False',
  'lambda', 'del', 'global', 'with', 'for', 'in', 'if', 'else', 'try', 'except', 'finally',
  '0', '1', '-1', '0.5', '1e9', '10**6', '2**31',
  '+', '*', ',', '.', '(', ')', '[', ']', ':', '=', '==', '-', '/',
  'asyncio.sleep(0)', 'asyncio.sleep(1e9)', 'loop.stop()', 'loop.close()', 'loop.run_forever()',
  'asyncio.get_event_loop()', 'asyncio.new_event_loop()', 'asyncio.current_task()', 'asyncio.current_task().cancel()',
  'asyncio.run(main())', 'asyncio.Future()', 'asyncio.ensure_future', 'asyncio.gather()', 'asyncio.all_tasks()',
  'fut.set_result(1)', 'task.cancel()', 'print', 'self', 'sys.exit(0)', 'exit()', 'gc.collect()',
  'asyncio.get_running_loop().call_soon(print)', 'asyncio.get_running_loop().stop()',
];

export interface Mutant {
  /** The parent program's name. */
  parent: string;
  source: string;
  /** What was done, one entry per mutation, e.g. "swap-lines 4 7". */
  applied: string[];
}

type Rand = () => number;
const KEYWORDS = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);
const NUMBERS = ['0', '1', '-1', '0.5', '1e9', '-1e9', '2**31', '10**6', 'None', '""'];
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const TOKEN_RE = /[A-Za-z_][A-Za-z_0-9]*|\d+(?:\.\d+)?|\*\*|==|!=|<=|>=|->|[^\sA-Za-z_0-9]/g;

/** Line numbers (0-based) of lines that hold code (not blank, not only a comment). */
function codeLines(lines: string[]): number[] {
  const out: number[] = [];
  lines.forEach((l, i) => {
    const t = l.trim();
    if (t && !t.startsWith('#')) out.push(i);
  });
  return out;
}

function tokensOf(line: string): Array<{ text: string; at: number }> {
  return [...line.matchAll(TOKEN_RE)].map((m) => ({ text: m[0], at: m.index ?? 0 }));
}

/** Apply one mutation in place; returns its description, or null when it does not apply. */
export function applyMutation(lines: string[], kind: Mutation, r: Rand, names: string[]): string | null {
  const code = codeLines(lines);
  if (code.length === 0) return null;
  switch (kind) {
    case 'delete-line': {
      const i = pick(r, code);
      lines.splice(i, 1);
      return `delete-line ${i + 1}`;
    }
    case 'duplicate-line': {
      const i = pick(r, code);
      lines.splice(i + 1, 0, lines[i]);
      return `duplicate-line ${i + 1}`;
    }
    case 'insert-statement': {
      const i = pick(r, code);
      const indent = /^\s*/.exec(lines[i])![0];
      const stmt = pick(r, STATEMENTS);
      lines.splice(i + (r() < 0.5 ? 0 : 1), 0, indent + stmt);
      return `insert-statement ${i + 1} ${JSON.stringify(stmt)}`;
    }
    case 'replace-name': {
      // A name or number swapped for another of the program's names, or for a number.
      const i = pick(r, code);
      const toks = tokensOf(lines[i]).filter((t) => /^[A-Za-z_0-9]/.test(t.text) && !KEYWORDS.has(t.text));
      if (toks.length === 0) return null;
      const t = pick(r, toks);
      const by = r() < 0.75 && names.length ? pick(r, names) : pick(r, NUMBERS);
      lines[i] = `${lines[i].slice(0, t.at)}${by}${lines[i].slice(t.at + t.text.length)}`;
      return `replace-name ${i + 1}:${t.at + 1} ${JSON.stringify(t.text)} -> ${JSON.stringify(by)}`;
    }
    case 'swap-lines': {
      if (code.length < 2) return null;
      const k = Math.floor(r() * code.length);
      // Mostly neighbours (a plausible edit), sometimes any two lines.
      const j = r() < 0.7 ? Math.min(code.length - 1, Math.max(0, k + (r() < 0.5 ? -1 : 1) * (1 + Math.floor(r() * 3)))) : Math.floor(r() * code.length);
      if (j === k) return null;
      const a = code[k];
      const b = code[j];
      // Each takes the other's indentation, so that the swap mostly still parses.
      const ia = /^\s*/.exec(lines[a])![0];
      const ib = /^\s*/.exec(lines[b])![0];
      [lines[a], lines[b]] = [ia + lines[b].trimStart(), ib + lines[a].trimStart()];
      return `swap-lines ${a + 1} ${b + 1}`;
    }
    case 'swap-awaits': {
      const awaits = code.filter((i) => /\bawait\b/.test(lines[i]));
      if (awaits.length < 2) return null;
      const a = pick(r, awaits);
      const b = pick(r, awaits.filter((i) => i !== a));
      const split = (l: string) => {
        const m = /\bawait\b/.exec(l)!;
        return [l.slice(0, m.index + 5), l.slice(m.index + 5)];
      };
      const [ha, ta] = split(lines[a]);
      const [hb, tb] = split(lines[b]);
      lines[a] = ha + tb;
      lines[b] = hb + ta;
      return `swap-awaits ${a + 1} ${b + 1}`;
    }
    case 'insert-token':
    case 'replace-token':
    case 'delete-token': {
      const i = pick(r, code);
      const line = lines[i];
      const toks = tokensOf(line);
      if (toks.length === 0) return null;
      const t = pick(r, toks);
      const token = names.length && r() < 0.35 ? pick(r, names) : pick(r, TOKENS);
      if (kind === 'insert-token') {
        lines[i] = `${line.slice(0, t.at)}${token} ${line.slice(t.at)}`;
        return `insert-token ${i + 1}:${t.at + 1} ${JSON.stringify(token)}`;
      }
      if (kind === 'replace-token') {
        lines[i] = `${line.slice(0, t.at)}${token}${line.slice(t.at + t.text.length)}`;
        return `replace-token ${i + 1}:${t.at + 1} ${JSON.stringify(t.text)} -> ${JSON.stringify(token)}`;
      }
      lines[i] = line.slice(0, t.at) + line.slice(t.at + t.text.length);
      return `delete-token ${i + 1}:${t.at + 1} ${JSON.stringify(t.text)}`;
    }
  }
}

/** The program's own identifiers (names worth inserting: its coroutines, futures, tasks). */
export function namesOf(source: string): string[] {
  const seen = new Set<string>();
  for (const m of source.matchAll(/\b[A-Za-z_][A-Za-z_0-9]*\b/g)) if (m[0].length > 2) seen.add(m[0]);
  return [...seen].sort();
}

/**
 * Mutant `index` of the run with `seed`: a parent drawn from `programs`, with
 * one to four mutations. `attempt` draws another one for the same index (the
 * fuzzer redraws mutants that do not parse, but for a share of them).
 */
export function makeMutant(programs: ReadonlyArray<{ name: string; source: string }>, seed: number, index: number, attempt = 0): Mutant {
  const r = rng(mutantSeed(seed, index) + Math.imul(attempt, 0x9e3779b1));
  const parent = programs[Math.floor(r() * programs.length)];
  const lines = parent.source.split('\n');
  const names = namesOf(parent.source);
  const applied: string[] = [];
  const want = 1 + (r() < 0.45 ? 1 : 0) + (r() < 0.2 ? 1 : 0) + (r() < 0.1 ? 1 : 0);
  for (let tries = 0; applied.length < want && tries < 20; tries++) {
    const done = applyMutation(lines, pick(r, DRAW), r, names);
    if (done) applied.push(done);
  }
  return { parent: parent.name, source: lines.join('\n'), applied };
}
