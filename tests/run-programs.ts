// Runs our own test programs (tests/programs) through Loopscope and compares
// stdout byte for byte, the .stderr substrings and the exit status (.exit,
// which every program has). `npx tsx tests/run-programs.ts [NAME-SUBSTRING]`;
// with a filter, failures print the whole stdout/stderr.
import { nodeRuntime } from '../src/runtime/node.ts';
import { loadCases, OWN_PROGRAMS } from './programs.ts';

const rt = await nodeRuntime();
const only = process.argv[2];
let pass = 0, fail = 0, skipped = 0;
for (const c of loadCases(OWN_PROGRAMS)) {
  if (only && !c.name.includes(only)) continue;
  if (c.skip) { skipped++; console.log('SKIP', c.name, '-', c.skip); continue; }
  const t0 = Date.now();
  const r = rt.run(c.source, { filename: c.path, cpuBudget: 20_000_000, maxOutputBytes: 1 << 26 });
  const problems: string[] = [];
  if (r.stdout !== c.stdout) problems.push('stdout differs');
  const missing = c.stderrLines.filter((l) => !r.stderr.includes(l));
  if (missing.length) problems.push('stderr lacks ' + JSON.stringify(missing));
  if (c.exit === null) problems.push(`no ${c.name}.exit: every program states its exit status`);
  else if (r.exitCode !== c.exit) problems.push(`exit ${r.exitCode}, expected ${c.exit}`);
  if (problems.length === 0) { pass++; console.log('PASS', c.name, Date.now() - t0, 'ms'); continue; }
  fail++;
  console.log('FAIL', c.name, '-', problems.join('; '));
  if (only) console.log('--- got\n' + r.stdout + '--- expected\n' + c.stdout + '--- stderr\n' + r.stderr);
  else console.log('   stderr:', r.stderr.split('\n').slice(-4).join(' | ').slice(0, 300));
}
console.log(`${pass} passed, ${fail} failed, ${skipped} skipped`);
process.exitCode = fail ? 1 : 0;
