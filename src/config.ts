/**
 * Where each provider lives and which API version the connector speaks to it.
 *
 * Production hosts are the defaults. Every base URL can be overridden by an environment
 * variable so the same app definition can run against the local sandbox (`sandbox/`) or
 * any other emulator; the README lists them. Values are read on every call (not cached at
 * import time) so tests and the sandbox can point the app elsewhere at run time.
 */

/** Salesforce REST API version, pinned once for every Salesforce call (Winter '25). */
export const SALESFORCE_API_VERSION = 'v62.0';

/** Keap REST: v1 and v2 are both current; each call picks the version that does it best (docs/keap.md). */
export const KEAP_API_VERSIONS = { v1: 'v1', v2: 'v2' } as const;

/** OnceHub public API version. */
export const ONCEHUB_API_VERSION = 'v2';

/** The OAuth scopes Salesforce needs to issue a refresh token (`full` alone does not). */
export const SALESFORCE_SCOPES = 'api refresh_token offline_access id';
export const KEAP_SCOPE = 'full';

const env = (name: string, fallback: string): string => {
  const value = process.env[name];
  return (value && value.trim() !== '' ? value.trim() : fallback).replace(/\/+$/, '');
};

export const urls = {
  /** Keap REST root; `/v1/...` and `/v2/...` are appended. */
  keapApiBase: () => env('KEAP_API_BASE_URL', 'https://api.infusionsoft.com/crm/rest'),
  /** Keap OAuth authorize host. */
  keapAuthBase: () => env('KEAP_AUTH_BASE_URL', 'https://accounts.infusionsoft.com'),
  keapTokenUrl: () => env('KEAP_TOKEN_URL', 'https://api.infusionsoft.com/token'),
  /** Keap web app, where a person opens a record: https://<app>.infusionsoft.com */
  keapWebAppBase: (appName: string) =>
    env('KEAP_WEB_APP_URL', `https://${appName || 'app'}.infusionsoft.com`),
  salesforceProductionLogin: () => env('SALESFORCE_LOGIN_URL', 'https://login.salesforce.com'),
  salesforceSandboxLogin: () => env('SALESFORCE_SANDBOX_LOGIN_URL', 'https://test.salesforce.com'),
  oncehubApiBase: () => env('ONCEHUB_API_BASE_URL', `https://api.oncehub.com/${ONCEHUB_API_VERSION}`),
};

export const credentials = {
  keap: () => ({
    clientId: process.env.KEAP_CLIENT_ID ?? '',
    clientSecret: process.env.KEAP_CLIENT_SECRET ?? '',
  }),
  salesforce: () => ({
    clientId: process.env.SALESFORCE_CLIENT_ID ?? '',
    clientSecret: process.env.SALESFORCE_CLIENT_SECRET ?? '',
  }),
};
