import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const root = path.resolve(__dirname, '../..');
export const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

/**
 * A long-running script (`npm start`, `npm run sandbox`) started in a folder of its own, so the
 * files it writes there (the `.env` files) never touch the project. `ready()` waits for its
 * "Press Ctrl-C" line; `stop()` presses Ctrl-C, gives the exit code and removes the folder.
 */
export const startScript = (script: string, args: string[] = []) => {
  const folder = mkdtempSync(path.join(tmpdir(), 'script-'));
  const child = spawn(process.execPath, [tsx, path.join(root, script), ...args], {
    cwd: folder,
    env: { ...process.env, NO_COLOR: '1', LOG_TO_STDOUT: '', DETAILED_LOG_TO_STDOUT: '' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    folder,
    output: () => output,
    ready: async (timeoutMs = 90_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!output.includes('Press Ctrl-C') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
      return output;
    },
    stop: async () => {
      child.kill('SIGINT');
      const code = await exited;
      rmSync(folder, { recursive: true, force: true });
      return code;
    },
  };
};
