import AdmZip from 'adm-zip';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * What a fresh worker pays before the first step runs: loading the built app, and loading the
 * zip the way Zapier's runtime does (its wrapper, then the definition command). Each load runs
 * in a new process, so nothing is cached between runs.
 */

const ROOT = path.resolve(__dirname, '..');
const ZIP_PATH = path.join(ROOT, 'build', 'build.zip');

const timeInChild = (script: string, arg: string, cwd: string): number => {
  const output = execFileSync(process.execPath, ['-e', script, arg], { cwd, encoding: 'utf8' });
  const ms = Number(output.trim().split('\n').pop());
  if (!Number.isFinite(ms)) throw new Error(`The load timer printed no time: ${output.slice(0, 200)}`);
  return ms;
};

const REQUIRE_APP = `
  const started = process.hrtime.bigint();
  require(process.argv[1]);
  process.stdout.write('\\n' + String(Number(process.hrtime.bigint() - started) / 1e6));
`;

const LOAD_ZIP = `
  const started = process.hrtime.bigint();
  const { handler } = require(require('node:path').join(process.argv[1], 'zapierwrapper.js'));
  handler({ command: 'definition' }, {}).then(() => {
    process.stdout.write('\\n' + String(Number(process.hrtime.bigint() - started) / 1e6));
  });
`;

export const appLoadTimes = (runs: number): number[] =>
  Array.from({ length: runs }, () => timeInChild(REQUIRE_APP, path.join(ROOT, 'index.js'), ROOT));

export const zipLoadTimes = (runs: number): number[] => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-zip-'));
  try {
    new AdmZip(ZIP_PATH).extractAllTo(dir);
    return Array.from({ length: runs }, () => timeInChild(LOAD_ZIP, dir, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

export const zipSizeKb = (): number => {
  if (!existsSync(ZIP_PATH)) throw new Error('build/build.zip is missing: `npm run bench` builds it first (npm run zip).');
  return statSync(ZIP_PATH).size / 1024;
};
