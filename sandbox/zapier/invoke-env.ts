import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '..';
import type { Connection } from './connect';
import { appEnvFor } from './env';

/**
 * `zapier-platform invoke` reads `.env` from the project folder: the app's environment (where the
 * providers are) and one connection's `authData_<key>` lines. The sandbox writes one file per CRM
 * connection, `.env.keap` and `.env.salesforce`, and `.env` as the Keap one unless `.env` is a file
 * of the user's own (one this writer did not write).
 */
const MARK = '# Written by the connector sandbox';

const quoted = (value: string) => `'${value.replace(/'/g, '')}'`;

export const invokeEnv = (sandbox: Sandbox, connection: Connection): string => {
  const { ZAPIER_DEPLOY_KEY: _rpcOnly, ...appEnv } = appEnvFor(sandbox);
  const client = sandbox.clients[connection.crm];
  return [
    `${MARK} at ${sandbox.url} for a ${connection.crm} connection (${connection.label}); rewritten on each start.`,
    '# Valid while that sandbox runs. Use: npm run invoke -- create upsert_contact -i \'{"email":"a@example.com"}\'',
    ...Object.entries(appEnv).map(([name, value]) => `${name}=${quoted(value)}`),
    // `invoke auth start` asks for the connection's OAuth client under these names.
    `CLIENT_ID=${quoted(client.clientId)}`,
    `CLIENT_SECRET=${quoted(client.clientSecret)}`,
    ...Object.entries(connection.authData).map(([key, value]) => `authData_${key}=${quoted(String(value))}`),
    '',
  ].join('\n');
};

/** Writes the files into `folder`; returns what it wrote, and what it left alone and why. */
export const writeInvokeEnv = (folder: string, sandbox: Sandbox, connections: Connection[]): { written: string[]; kept?: string } => {
  const written: string[] = [];
  for (const connection of connections) {
    const file = path.join(folder, `.env.${connection.crm}`);
    writeFileSync(file, invokeEnv(sandbox, connection), { mode: 0o600 });
    written.push(file);
  }
  const main = path.join(folder, '.env');
  const keap = connections.find((connection) => connection.crm === 'keap');
  if (existsSync(main) && !readFileSync(main, 'utf8').startsWith(MARK)) return { written, kept: `${main} is your own file; copy .env.keap or .env.salesforce over it to invoke against the sandbox` };
  if (keap) {
    writeFileSync(main, invokeEnv(sandbox, keap), { mode: 0o600 });
    written.push(main);
  }
  return { written };
};
