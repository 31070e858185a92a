// The tutorial page at build time (a Vite plugin, used by vite.config.ts):
// records the lesson's programs (src/tutorial/programs/*.py) with
// `loopscope record`, and emits tutorial.html and recordings/NAME.json beside
// player.js. The dev server serves the same two from memory.
//
// Recordings are cached in node_modules/.cache/loopscope-tutorial under a key
// of the program and of everything that can change what it records (the
// runtime, the engine, the trace writer): a rebuild records only the programs
// that changed, and none when nothing did.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..', '..');
export const TUTORIAL_PROGRAMS = join(HERE, 'programs');
const TEMPLATE = join(HERE, 'tutorial.html');
const CACHE = join(ROOT, 'node_modules', '.cache', 'loopscope-tutorial');
/** What the template's script tag reads in dev; the build points it at player.js. */
const DEV_SCRIPT = '/src/player/index.ts';

function files(dir: string, keep: (f: string) => boolean): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, keep));
    else if (keep(p)) out.push(p);
  }
  return out;
}

/** Key of what records a program: the runtime (TS and Python), the engine, the trace writer, the CLI. */
function recorderKey(): string {
  const h = createHash('sha256');
  for (const dir of ['src/runtime', 'src/engine', 'src/trace', 'src/cli']) {
    for (const f of files(join(ROOT, dir), (p) => /\.(ts|mts|mjs|py)$/.test(p) && !/\.test\.ts$/.test(p))) {
      h.update(relative(ROOT, f)).update('\0').update(readFileSync(f)).update('\0');
    }
  }
  h.update(readFileSync(join(ROOT, 'node_modules/pyodide/package.json')));
  return h.digest('hex').slice(0, 16);
}

export interface TutorialRecording {
  name: string;
  json: string;
}

function run(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

/** Every program's recording, recording only those not in the cache. */
export async function tutorialRecordings(log: (msg: string) => void): Promise<TutorialRecording[]> {
  const programs = readdirSync(TUTORIAL_PROGRAMS).filter((f) => f.endsWith('.py')).sort();
  const rk = recorderKey();
  mkdirSync(CACHE, { recursive: true });
  const keyed = programs.map((f) => {
    const src = readFileSync(join(TUTORIAL_PROGRAMS, f));
    const key = createHash('sha256').update(rk).update('\0').update(src).digest('hex').slice(0, 20);
    return { name: f.replace(/\.py$/, ''), file: f, cached: join(CACHE, `${f.replace(/\.py$/, '')}-${key}.json`) };
  });
  const missing = keyed.filter((p) => !existsSync(p.cached));
  if (missing.length) {
    log(`[loopscope] recording ${missing.length} of ${keyed.length} tutorial programs (loopscope record)…`);
    const out = mkdtempSync(join(tmpdir(), 'loopscope-tutorial-'));
    try {
      const r = await run([join(ROOT, 'bin/loopscope.mjs'), 'record', ...missing.map((p) => join(TUTORIAL_PROGRAMS, p.file)), '--out', out]);
      if (r.code !== 0) throw new Error(`loopscope record exited with ${r.code}:\n${r.out}`);
      for (const p of missing) writeFileSync(p.cached, readFileSync(join(out, `${p.name}.json`)));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }
  return keyed.map((p) => ({ name: p.name, json: readFileSync(p.cached, 'utf8') }));
}

/** tutorial.html for the build: the template with its script pointed at ./player.js (relative: the page works under any base). */
export function tutorialHtml(dev: boolean): string {
  const html = readFileSync(TEMPLATE, 'utf8');
  return dev ? html : html.replace(`src="${DEV_SCRIPT}"`, 'src="./player.js"');
}

export function tutorialPlugin(): Plugin {
  let job: Promise<TutorialRecording[]> | null = null;
  const recordings = (log: (m: string) => void) => (job ??= tutorialRecordings(log));
  return {
    name: 'loopscope-tutorial',
    buildStart() {
      if (this.meta.watchMode) return;
      void recordings((m) => this.info(m)).catch(() => undefined);
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        if (url === '/tutorial.html') {
          void server.transformIndexHtml(url, tutorialHtml(true)).then((html) => {
            res.setHeader('Content-Type', 'text/html');
            res.end(html);
          }, next);
          return;
        }
        const m = /^\/recordings\/([\w-]+)\.json$/.exec(url);
        if (!m) return next();
        recordings((msg) => server.config.logger.info(msg)).then((all) => {
          const r = all.find((x) => x.name === m[1]);
          if (!r) return next();
          res.setHeader('Content-Type', 'application/json');
          res.end(r.json);
        }, next);
      });
    },
    async generateBundle() {
      for (const r of await recordings((m) => this.info(m))) this.emitFile({ type: 'asset', fileName: `recordings/${r.name}.json`, source: r.json });
      this.emitFile({ type: 'asset', fileName: 'tutorial.html', source: tutorialHtml(false) });
    },
  };
}
