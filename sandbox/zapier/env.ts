import type { Sandbox } from '..';

/** The environment the app reads to find its providers and its OAuth clients. */
export const appEnvFor = (sandbox: Sandbox): Record<string, string> => ({
  ...sandbox.env,
  KEAP_CLIENT_ID: sandbox.clients.keap.clientId,
  KEAP_CLIENT_SECRET: sandbox.clients.keap.clientSecret,
  SALESFORCE_CLIENT_ID: sandbox.clients.salesforce.clientId,
  SALESFORCE_CLIENT_SECRET: sandbox.clients.salesforce.clientSecret,
  // zapier-platform-core sends its RPC (z.cache) only with a key; the sandbox's RPC accepts any.
  ZAPIER_DEPLOY_KEY: 'sandbox-deploy-key',
});

/**
 * Points the app at the sandbox through the same variables a deployment sets; returns a
 * function that puts the previous values back.
 */
export const pointAppAt = (sandbox: Sandbox): (() => void) => {
  const values = appEnvFor(sandbox);
  const saved = Object.keys(values).map((name) => [name, process.env[name]] as const);
  Object.assign(process.env, values);
  return () => {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
};
