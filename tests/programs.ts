// Finding and checking program/expected-output pairs: the shared oracle
// corpus (../shared/corpus, present in CI) and our own tests/programs.
//
// A program NAME.py comes with NAME.out (exact stdout), optionally NAME.stderr
// (substrings, one per line, that stderr must contain), NAME.exit (expected
// exit status, default 0 for the corpus / python3's for ours) and NAME.skip
// (a reason to skip it).

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
export const SHARED_CORPUS = resolve(ROOT, '..', 'shared', 'corpus');
export const OWN_PROGRAMS = join(ROOT, 'tests', 'programs');
export const GALLERY = join(ROOT, 'src', 'examples');

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
