// Finding and checking program/expected-output pairs: the shared oracle
// corpus (../shared/corpus, present in CI) and our own tests/programs.
//
// A program NAME.py comes with NAME.out (exact stdout), optionally NAME.stderr
// (substrings, one per line, that stderr must contain), NAME.exit (expected
// exit status: every program of ours has one, python3's status or, for a run
// Loopscope caps, 3; the corpus and the gallery expect 0 without one) and
// NAME.skip (a reason to skip it).

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ProgramCase {
  name: string;
  path: string;
  source: string;
  stdout: string;
  stderrLines: string[];
  exit: number | null;
  skip: string | null;
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The read-only oracle material beside the project. */
export const SHARED = resolve(ROOT, '..', 'shared');
export const SHARED_CORPUS = join(SHARED, 'corpus');
/** CPython's own asyncio tests (Lib/test/test_asyncio), the other oracle beside the project. */
export const SHARED_CPYTHON_TESTS = join(SHARED, 'cpython-test-asyncio');

/**
 * In CI (CI set, as CI systems and .ci/run's callers set it) the oracles must be
 * beside the project: a missing one fails the suite instead of leaving it with
 * nothing to run. Elsewhere a missing oracle only leaves its suites out.
 */
export const ORACLES_REQUIRED = !!process.env.CI && !['0', 'false'].includes(process.env.CI.toLowerCase());

/** What is wrong with the oracles in `shared` (empty when both are usable). */
export function oracleProblems(shared = SHARED): string[] {
  const out: string[] = [];
  const corpusDir = join(shared, 'corpus');
  const corpus = existsSync(corpusDir) ? readdirSync(corpusDir).filter((f) => f.endsWith('.py')).length : -1;
  if (corpus < 0) out.push(`the shared oracle corpus is missing: no folder ${corpusDir}`);
  else if (corpus === 0) out.push(`the shared oracle corpus ${corpusDir} holds no programs`);
  const tests = join(shared, 'cpython-test-asyncio', 'Lib', 'test', 'test_asyncio');
  const suites = existsSync(tests) ? readdirSync(tests).filter((f) => /^test_.*\.py$/.test(f)).length : -1;
  if (suites < 0) out.push(`CPython's asyncio tests are missing: no folder ${tests}`);
  else if (suites === 0) out.push(`CPython's asyncio tests folder ${tests} holds no test_*.py`);
  return out;
}
export const OWN_PROGRAMS = join(ROOT, 'tests', 'programs');
export const GALLERY = join(ROOT, 'src', 'examples');
/** The tutorial page's programs (src/tutorial): recorded at build time, held to python3's output like the gallery. */
export const TUTORIAL = join(ROOT, 'src', 'tutorial', 'programs');

export function loadCases(dir: string): ProgramCase[] {
  if (!existsSync(dir)) return [];
  const read = (p: string) => (existsSync(p) ? readFileSync(p, 'utf8') : null);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.py') && existsSync(join(dir, f.replace(/\.py$/, '.out'))))
    .sort()
    .map((f) => {
      const base = join(dir, f.replace(/\.py$/, ''));
      const exit = read(base + '.exit');
      return {
        name: f.replace(/\.py$/, ''),
        path: join(dir, f),
        source: readFileSync(join(dir, f), 'utf8'),
        stdout: readFileSync(base + '.out', 'utf8'),
        stderrLines: (read(base + '.stderr') ?? '').split('\n').filter((l) => l.trim() !== ''),
        exit: exit === null ? null : Number(exit.trim()),
        skip: read(base + '.skip')?.trim() || null,
      };
    });
}

/** Programs of ours that do not state what they expect: no NAME.out or NAME.exit, or an exit that is no status. */
export function unstated(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.py')).sort()) {
    const base = join(dir, f.replace(/\.py$/, ''));
    if (!existsSync(base + '.out')) out.push(`${f} has no ${f.replace(/\.py$/, '.out')} (its exact stdout)`);
    const exit = existsSync(base + '.exit') ? readFileSync(base + '.exit', 'utf8').trim() : null;
    if (exit === null) out.push(`${f} has no ${f.replace(/\.py$/, '.exit')} (its exit status)`);
    else if (!/^\d+$/.test(exit)) out.push(`${f.replace(/\.py$/, '.exit')} holds ${JSON.stringify(exit)}, not an exit status`);
  }
  return out;
}
