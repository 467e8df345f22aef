import App from '../../index';
import type { Sandbox } from '..';

export type AppTester = (method: never, bundle: Record<string, unknown>) => Promise<unknown>;

type Handler = (event: Record<string, unknown>) => Promise<{ results: unknown }>;
// The platform's own handler factory (exported at runtime as createAppHandler, absent from its types).
const { createAppHandler } = require('zapier-platform-core') as { createAppHandler: (app: unknown) => Handler };
// zapier-platform-core's own lookup of a function's path in the app definition (what createAppTester uses).
const resolveMethodPath = require('zapier-platform-core/src/tools/resolve-method-path') as (app: unknown, needle: unknown, explode?: boolean) => string | undefined;

type AdHoc = (z: unknown, bundle: unknown) => unknown;
type AdHocApp = typeof App & Record<string, AdHoc | undefined>;

/**
 * The real app definition, run the way the platform runs it (checks included), with its z.cache
 * answered by the sandbox's Zapier RPC, which honours TTLs and `nx` as production does.
 * createAppTester would answer z.cache from an in-process mock that ignores both, so concurrent
 * runs could not be tested against it. Like createAppTester, a function that is not part of the
 * app runs as an ad-hoc request, here under a key of its own so concurrent ones do not mix.
 */
export const createRuntime = (sandbox: Sandbox): AppTester => {
  const handler = createAppHandler(App);
  const app = App as AdHocApp;
  let adHocRuns = 0;
  return async (method, bundle) => {
    let path = resolveMethodPath(app, method, false);
    const adHocKey = path ? undefined : `_testRequest${(adHocRuns += 1)}`;
    if (adHocKey) {
      app[adHocKey] = (z, given) => (method as unknown as AdHoc)(z, given);
      path = resolveMethodPath(app, app[adHocKey]);
    }
    try {
      const response = await handler({
        command: 'execute',
        method: path,
        bundle,
        rpc_base: sandbox.zapier.rpcUrl,
        // As createAppTester does: the tests read every log line the platform writes (secret scan).
        ...(process.env.LOG_TO_STDOUT ? { logToStdout: true } : {}),
        ...(process.env.DETAILED_LOG_TO_STDOUT ? { detailedLogToStdout: true } : {}),
      });
      return response.results;
    } finally {
      if (adHocKey) delete app[adHocKey];
    }
  };
};

/** A connection whose authData the runtime updates when it refreshes tokens. */
export type Account = { authData: Record<string, string> };

/**
 * Runs one operation the way Zapier does with `autoRefresh`: when the app signals
 * RefreshAuthError, call its refreshAccessToken, store what it returns as the connection's new
 * authData, and retry the operation once. Any other error, or a second 401, reaches the caller.
 */
export const runWithRefresh = async (
  appTester: AppTester,
  account: Account,
  method: unknown,
  bundle: Record<string, unknown>,
): Promise<unknown> => {
  const run = () => appTester(method as never, { meta: {}, ...bundle, authData: account.authData });
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'RefreshAuthError') throw error;
    account.authData = (await appTester(App.authentication!.oauth2Config!.refreshAccessToken as never, {
      authData: account.authData,
      meta: {},
    })) as Record<string, string>;
    return run();
  }
};
