import './zapier/platform-checks';
import { startSandbox } from './index';
import { PORT_FLAG, withFlags } from './flags';
import { connectBothCrms } from './zapier/connect';
import { pointAppAt } from './zapier/env';
import { writeInvokeEnv } from './zapier/invoke-env';
import { createRuntime } from './zapier/runtime';

/**
 * `npm run sandbox -- --port=4000`: runs the emulator alone (no zap) until Ctrl-C. It connects a
 * Keap and a Salesforce account through the app's own OAuth and writes `.env` files with those
 * connections, so `zapier-platform invoke` runs any operation against it (docs/testing.md).
 */
const main = async ({ port }: { port: number }): Promise<number> => {
  const sandbox = await startSandbox({ port });
  pointAppAt(sandbox);
  const connections = await connectBothCrms(createRuntime(sandbox), sandbox);
  const env = writeInvokeEnv(process.cwd(), sandbox, connections);
  console.log(
    [
      `Sandbox running at ${sandbox.url}/ (state page)`,
      ...connections.map((connection) => `Connected ${connection.crm}: ${connection.label}`),
      `Wrote ${env.written.map((file) => file.slice(process.cwd().length + 1)).join(', ')} for zapier-platform invoke (docs/testing.md).`,
      ...(env.kept ? [`Kept ${env.kept}.`] : []),
      `OnceHub API key: ${sandbox.oncehub.apiKey}`,
      '',
      'Press Ctrl-C to stop.',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  await sandbox.close();
  return 0;
};

withFlags('npm run sandbox --', { port: PORT_FLAG }, main);
