// `npx tsx tests/cpython/one.ts TEST_ID [--stock]`: one CPython test, with the
// whole of its output (for looking into a failure).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { HERE } from './config.ts';

const [id, flag] = process.argv.slice(2);
const mode = flag === '--stock' ? 'stock' : 'loopscope';
const r = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'child.ts'), mode], {
  input: JSON.stringify({ run: id }) + '\n',
  encoding: 'utf8',
  stdio: ['pipe', 'pipe', 'inherit'],
});
for (const line of r.stdout.split('\n').slice(1)) {
  if (!line) continue;
  const a = JSON.parse(line);
  console.log(a.outcome);
  console.log(a.message);
}
