// npm test: each stage in turn, stopping at the first failure, then how long each took.
// Arguments after `npm test --` go to jest.
import { spawnSync } from 'node:child_process';

const stages = [
  ['typecheck', []],
  ['validate', []],
  ['zip', []],
  ['jest', process.argv.slice(2)],
];

const started = Date.now();
const took = [];
let status = 0;
for (const [script, args] of stages) {
  const begun = Date.now();
  const run = spawnSync('npm', ['run', '--silent', script, ...(args.length ? ['--', ...args] : [])], { stdio: 'inherit' });
  took.push(`${script} ${Math.round((Date.now() - begun) / 1000)} s`);
  status = run.status ?? 1;
  if (status !== 0) break;
}
const seconds = Math.round((Date.now() - started) / 1000);
console.log(`\nnpm test ${status === 0 ? 'passed' : 'FAILED'} in ${Math.floor(seconds / 60)} min ${seconds % 60} s on Node ${process.version} (${took.join(', ')}).`);
process.exit(status);
