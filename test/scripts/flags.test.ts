import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { root, startScript, tsx } from './support';

/** `npm start`, `npm run sandbox` and `npm run bench` take their flags in one form and refuse unknown ones. */

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
    const started = startScript('sandbox/main.ts', [`--port=${port}`]);
    try {
      expect(await started.ready(30_000)).toContain(`Sandbox running at http://127.0.0.1:${port}/`);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
      expect(readdirSync(started.folder).sort()).toEqual(['.env', '.env.keap', '.env.salesforce']);
    } finally {
      expect(await started.stop()).toBe(0);
    }
  }, 60_000);
});
