import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { FIXTURE_SECRETS, findLeaks } from './known';

const mask = (secret: string) => `${secret.slice(0, 3)}…(${secret.length} chars)`;

/**
 * After the whole suite: no access token, refresh token, client secret, API key or webhook
 * secret given to the app may appear in any log line or HTTP log any test produced.
 */
export default async function globalTeardown(): Promise<void> {
  const dir = process.env.TEST_LOG_CAPTURE_DIR;
  if (!dir || !existsSync(dir)) return;
  try {
    const files = readdirSync(dir).filter((name) => name.endsWith('.log'));
    const logs = files.map((name) => readFileSync(path.join(dir, name), 'utf8')).join('\n');
    const registered = existsSync(path.join(dir, 'secrets.txt'))
      ? readFileSync(path.join(dir, 'secrets.txt'), 'utf8').split('\n').filter(Boolean)
      : [];
    const secrets = [...new Set([...FIXTURE_SECRETS, ...registered])];
    const leaked = findLeaks(logs, secrets);
    const lines = logs ? logs.split('\n').length : 0;
    if (leaked.length) {
      throw new Error(`Secrets leaked into test logs: ${leaked.map(mask).join(', ')} (logs in ${dir}).`);
    }
    process.stdout.write(
      `\nSecrets check: ${lines} log lines from ${files.length} test workers scanned for ${secrets.length} secrets: none found.\n`,
    );
    rmSync(dir, { recursive: true, force: true });
  } catch (error) {
    process.exitCode = 1;
    throw error;
  }
}
