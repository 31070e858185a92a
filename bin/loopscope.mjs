#!/usr/bin/env node
// Entry point of the `loopscope` command. Runs the prebuilt bundle of
// src/cli/main.ts (scripts/build-cli.mjs: built by `npm ci`, rebuilt here when a
// source changed since); when it cannot be built, loads the TypeScript sources
// through tsx instead, as before there was a bundle. LOOPSCOPE_CLI_TSX=1 forces
// the tsx path.
import { pathToFileURL } from 'node:url';
import { buildCli, freshBundle } from '../scripts/build-cli.mjs';

// For LOOPSCOPE_PROFILE=1: how long Node took to get here (ms since the process started).
globalThis.__loopscopeBinStart = performance.now();

let bundle = process.env.LOOPSCOPE_CLI_TSX === '1' ? null : freshBundle();
if (!bundle && process.env.LOOPSCOPE_CLI_TSX !== '1') {
  try {
    bundle = await buildCli();
  } catch (e) {
    process.stderr.write(`loopscope: could not build the command line, running it through tsx: ${e instanceof Error ? e.message : e}\n`);
  }
}
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
