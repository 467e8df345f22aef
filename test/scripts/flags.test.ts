import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** `npm start`, `npm run sandbox` and `npm run bench` take their flags in one form and refuse unknown ones. */
const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('command-line flags of the scripts', () => {
  it.each([
    ['scripts/start.ts', 'npm start --'],
    ['sandbox/main.ts', 'npm run sandbox --'],
    ['bench/run.ts', 'npm run bench --'],
  ])('%s stops on an unknown flag with exit 2 and its usage', (script, command) => {
    const run = spawnSync(process.execPath, [tsx, path.join(root, script), '--prot=4600'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`^${command.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: Unknown option '--prot'`));
    expect(run.stderr).toContain(`Usage: ${command} [flags]\n`);
    expect(run.stderr).toMatch(/^ {2}--port=N +the sandbox port; 0 picks a free one \(default 0\)$/m);
    expect(run.stdout).toBe('');
  });

  it('npm run sandbox -- --port=N listens on that port and writes the .env files where it runs', async () => {
    const port = await freePort();
    const folder = mkdtempSync(path.join(tmpdir(), 'sandbox-'));
    const child = spawn(process.execPath, [tsx, path.join(root, 'sandbox/main.ts'), `--port=${port}`], { cwd: folder });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      const deadline = Date.now() + 30_000;
      while (!output.includes('Press Ctrl-C') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(output).toContain(`Sandbox running at http://127.0.0.1:${port}/`);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      expect(readdirSync(folder).sort()).toEqual(['.env', '.env.keap', '.env.salesforce']);
    } finally {
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      rmSync(folder, { recursive: true, force: true });
    }
  }, 60_000);
});
