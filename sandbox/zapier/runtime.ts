import { createAppTester } from 'zapier-platform-core';
import App from '../../index';

export type AppTester = (method: never, bundle: Record<string, unknown>) => Promise<unknown>;

/** The real app definition, run the way the platform runs it (checks included). */
export const createRuntime = (): AppTester => createAppTester(App) as unknown as AppTester;

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
