import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Sandbox } from '../../sandbox';
import { connectBothCrms } from '../../sandbox/zapier/connect';
import { pointAppAt } from '../../sandbox/zapier/env';
import { writeInvokeEnv } from '../../sandbox/zapier/invoke-env';
import { createRuntime } from '../../sandbox/zapier/runtime';
import { startCheckedSandbox } from '../helpers/checked-sandbox';

/**
 * The `.env` files `npm start` and `npm run sandbox` write let `zapier-platform invoke` run the
 * built app (npm test builds it before jest) against the sandbox: an operation on each CRM's
 * connection, and a dropdown. The CLI runs in a folder of its own that links to the project, so
 * the project's own `.env` is never touched.
 */
const root = path.resolve(__dirname, '../..');
let sandbox: Sandbox;
let restoreEnv: () => void;
let folder: string;

beforeAll(async () => {
  sandbox = await startCheckedSandbox();
  restoreEnv = pointAppAt(sandbox);
  const connections = await connectBothCrms(createRuntime(sandbox), sandbox);
  folder = mkdtempSync(path.join(tmpdir(), 'invoke-'));
  for (const name of ['index.js', 'package.json', 'dist', 'node_modules']) symlinkSync(path.join(root, name), path.join(folder, name));
  writeInvokeEnv(folder, sandbox, connections);
  // The app must read its providers from .env alone, as in a shell that never ran the sandbox.
  restoreEnv();
}, 60_000);

afterAll(async () => {
  await sandbox?.close();
  rmSync(folder, { recursive: true, force: true });
});

/** Runs the CLI without blocking this process: the sandbox it calls lives here. */
const invoke = async (...args: string[]) => {
  const run = await promisify(execFile)(process.execPath, [path.join(root, 'node_modules/zapier-platform-cli/src/bin/run'), 'invoke', ...args, '--non-interactive'], {
    cwd: folder,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, DISABLE_ZAPIER_ANALYTICS: '1', LOG_TO_STDOUT: '', DETAILED_LOG_TO_STDOUT: '' },
  });
  return JSON.parse(run.stdout.slice(run.stdout.search(/^[[{]/m))) as unknown;
};

describe('zapier-platform invoke against the sandbox', () => {
  it('writes .env as the Keap connection, with the app environment and authData lines', () => {
    const env = readFileSync(path.join(folder, '.env'), 'utf8');
    expect(env).toMatch(/^# Written by the connector sandbox at http:\/\/127\.0\.0\.1:\d+ for a keap connection/);
    expect(env).toContain(`KEAP_API_BASE_URL='${sandbox.env.KEAP_API_BASE_URL}'`);
    expect(env).toMatch(/^authData_access_token='.+'$/m);
    expect(env).toMatch(/^authData_crm='keap'$/m);
  });

  it('runs Create or Update Contact on the Keap connection', async () => {
    const output = await invoke('create', 'upsert_contact', '-i', JSON.stringify({ email: 'invoke.keap@example.com', last_name: 'Invoke' }));
    expect(output).toMatchObject({ crm: 'keap', created: true, email: 'invoke.keap@example.com' });
    expect([...sandbox.state.keap.contacts.values()].some((contact) => contact.email_addresses.some((e) => e.email === 'invoke.keap@example.com'))).toBe(true);
  }, 60_000);

  it('runs a Salesforce dropdown once .env.salesforce is copied over .env', async () => {
    copyFileSync(path.join(folder, '.env.salesforce'), path.join(folder, '.env'));
    const output = await invoke('trigger', 'lookup_lead_source', '--isFillingDynamicDropdown');
    expect(output).toEqual(expect.arrayContaining([{ id: 'Web', name: 'Web' }]));
  }, 60_000);
});
