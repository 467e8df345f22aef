import { startSandbox } from './index';

/** `npm run sandbox -- --port 4000`: runs the emulator until Ctrl-C and prints how to point the connector at it. */

const portArg = (): number => {
  const index = process.argv.indexOf('--port');
  const raw = index >= 0 ? process.argv[index + 1] : process.env.SANDBOX_PORT;
  const port = Number(raw ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${raw}`);
  return port;
};

const main = async (): Promise<void> => {
  const sandbox = await startSandbox({ port: portArg() });
  const lines = [
    `Sandbox running at ${sandbox.url}/ (state page)`,
    '',
    ...Object.entries(sandbox.env).map(([k, v]) => `export ${k}=${v}`),
    `export KEAP_CLIENT_ID=${sandbox.clients.keap.clientId}`,
    `export KEAP_CLIENT_SECRET=${sandbox.clients.keap.clientSecret}`,
    `export SALESFORCE_CLIENT_ID=${sandbox.clients.salesforce.clientId}`,
    `export SALESFORCE_CLIENT_SECRET=${sandbox.clients.salesforce.clientSecret}`,
    `# OnceHub API-Key: ${sandbox.oncehub.apiKey}`,
    '',
    'Press Ctrl-C to stop.',
  ];
  console.log(lines.join('\n'));
  const stop = () => {
    sandbox.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
