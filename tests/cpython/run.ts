// `npm run test:cpython [-- --stock] [-- SUITE...] [-- --verbose]`: CPython's own
// asyncio suites on Loopscope's loop, with pass/fail/error/skip counts and
// time per suite. --stock also runs them on asyncio's stock loop in plain
// Pyodide (the baseline) and prints both side by side, with the time ratio.
// Exit status 1 when a test outside NEEDS_THREADS does not pass on Loopscope.

import { CPYTHON_TESTS, HAVE_CPYTHON_TESTS, NEEDS_THREADS, SUITES } from './config.ts';
import { counts, SuiteRunner, type SuiteResult } from './suite.ts';

const args = process.argv.slice(2);
const withStock = args.includes('--stock');
const verbose = args.includes('--verbose');
const progress = args.includes('--progress');
const show = progress ? (r: { id: string; outcome: string; ms: number }) => process.stderr.write(`${r.outcome} ${r.ms}ms ${r.id}\n`) : undefined;
const only = args.filter((a) => !a.startsWith('--'));
const suites = only.length ? SUITES.filter((s) => only.includes(s)) : [...SUITES];

if (!HAVE_CPYTHON_TESTS) {
  console.log(`CPython's tests are not beside the project (${CPYTHON_TESTS}): nothing to run.`);
  process.exit(0);
}

const fmt = (c: ReturnType<typeof counts>) => `${c.pass} pass, ${c.fail} fail, ${c.error} error, ${c.skip} skip`;
const secs = (ms: number) => (ms / 1000).toFixed(1) + ' s';

const ls = new SuiteRunner('loopscope');
const stock = withStock ? new SuiteRunner('stock') : null;
let unexpected = 0;
const rows: Array<{ suite: string; lsr: SuiteResult; st: SuiteResult | null }> = [];
for (const suite of suites) {
  const lsr = await ls.runSuite(suite, show);
  const st = stock ? await stock.runSuite(suite, show) : null;
  rows.push({ suite, lsr, st });
  const bad = lsr.results.filter((r) => (r.outcome === 'fail' || r.outcome === 'error') && !(r.id in NEEDS_THREADS));
  unexpected += bad.length;
  let line = `${suite.padEnd(20)} loopscope: ${fmt(counts(lsr.results))} in ${secs(lsr.ms)}`;
  if (st) line += ` | stock: ${fmt(counts(st.results))} in ${secs(st.ms)} | time ratio ${(lsr.ms / st.ms).toFixed(2)}x`;
  console.log(line);
  for (const r of bad) {
    console.log(`  ${r.outcome.toUpperCase()} ${r.id}`);
    if (verbose) console.log('    ' + r.message.trim().split('\n').slice(-6).join('\n    '));
  }
  if (st) {
    const stockPass = new Set(st.results.filter((r) => r.outcome === 'pass').map((r) => r.id));
    for (const r of lsr.results) {
      // An excepted test that the stock loop passes needs no threads after all.
      if (stockPass.has(r.id) && r.outcome !== 'pass' && r.id in NEEDS_THREADS) console.log(`  excepted, yet passes on the stock loop: ${r.id} (${r.outcome})`);
    }
  }
}
const all = rows.flatMap((r) => r.lsr.results);
const total = rows.reduce((a, r) => a + r.lsr.ms, 0);
let summary = `total loopscope: ${all.length} tests, ${fmt(counts(all))} in ${secs(total)}`;
if (stock) {
  const sAll = rows.flatMap((r) => r.st!.results);
  const sTotal = rows.reduce((a, r) => a + r.st!.ms, 0);
  summary += ` | stock: ${fmt(counts(sAll))} in ${secs(sTotal)} | time ratio ${(total / sTotal).toFixed(2)}x`;
}
console.log(summary);
console.log(`${unexpected} unexpected failures (tests that need real threads excepted: ${Object.keys(NEEDS_THREADS).length})`);
ls.close();
stock?.close();
process.exitCode = unexpected ? 1 : 0;
