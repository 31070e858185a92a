#!/usr/bin/env node
// The `loopscope` command, prebuilt: src/cli/main.ts and everything it imports
// (TypeScript) bundled by esbuild into one ES module under
// node_modules/.cache/loopscope-cli/, so that a start loads plain JavaScript
// (~20 ms) instead of registering a TypeScript loader and transpiling (~300 ms).
//
// `npm ci` builds it (the `prepare` script); bin/loopscope.mjs checks on every
// start that it is still fresh (a stat of each bundled source file against the
// sizes and mtimes recorded with it), rebuilds it when a source changed, and
// falls back to tsx when it cannot be built. Dependencies (pyodide) stay
// external; every bundled module keeps its own import.meta.url, so that paths
// it computes from it (src/runtime/python, scripts/make-snapshot.mjs's cache)
// point where they did before bundling.
//
// CLI: node scripts/build-cli.mjs   (prints the bundle's path)

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRY = join(ROOT, 'src/cli/main.ts');
const OUT_DIR = join(ROOT, 'node_modules/.cache/loopscope-cli');
const BUNDLE = join(OUT_DIR, 'loopscope.mjs');
const STAMP = join(OUT_DIR, 'loopscope.json');
const SELF = fileURLToPath(import.meta.url);

/** [size, mtimeMs] of a file, or null when it is gone. */
function fingerprint(path) {
  try {
    const s = statSync(path);
    return [s.size, s.mtimeMs];
  } catch {
    return null;
  }
}

/** The bundle's path if it was built from the files as they are now (and from this root), else null. */
export function freshBundle() {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return null;
  }
  if (stamp.root !== ROOT || !stamp.inputs) return null;
  for (const [path, fp] of Object.entries(stamp.inputs)) {
    const now = fingerprint(path);
    if (!now || now[0] !== fp[0] || now[1] !== fp[1]) return null;
  }
  return fingerprint(BUNDLE) ? BUNDLE : null;
}

/** import.meta.url of each bundled module: its own file's URL, as when it ran unbundled. */
const keepImportMetaUrl = {
  name: 'keep-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.(m?ts|m?js)$/ }, (args) => {
      if (args.path.includes('/node_modules/')) return undefined;
      const text = readFileSync(args.path, 'utf8');
      const contents = text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: /\.m?ts$/.test(args.path) ? 'ts' : 'js' };
    });
  },
};

/** Build the bundle (write, then rename: another process may be starting from it). Returns its path. */
export async function buildCli() {
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    entryPoints: [ENTRY],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: [keepImportMetaUrl],
    banner: { js: '// Built by scripts/build-cli.mjs from src/cli/main.ts; do not edit.' },
  });
  const inputs = { [SELF]: fingerprint(SELF) };
  for (const rel of Object.keys(result.metafile.inputs)) {
    const path = resolve(ROOT, rel);
    inputs[path] = fingerprint(path);
  }
  mkdirSync(OUT_DIR, { recursive: true });
  const tmp = `.${process.pid}.tmp`;
  writeFileSync(BUNDLE + tmp, result.outputFiles[0].contents);
  renameSync(BUNDLE + tmp, BUNDLE);
  writeFileSync(STAMP + tmp, JSON.stringify({ root: ROOT, esbuild: esbuild.version, inputs }, null, 1));
  renameSync(STAMP + tmp, STAMP);
  return BUNDLE;
}

if (process.argv[1] && resolve(process.argv[1]) === SELF) {
  try {
    console.log(await buildCli());
  } catch (e) {
    // `npm ci` runs this as `prepare`: never fail the install; the command falls back to tsx.
    console.error(`loopscope: could not prebuild the command line (it will run through tsx): ${e instanceof Error ? e.message : e}`);
  }
}
