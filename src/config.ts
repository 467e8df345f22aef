/**
 * How each provider folder reads its settings. Production hosts are the defaults; every base URL
 * can be overridden by an environment variable so the same app definition can run against the
 * local sandbox (`sandbox/`) or any other emulator (the README lists them). Values are read on
 * every call, not at import time, so tests and the sandbox can point the app elsewhere at run time.
 * Each provider's own settings (hosts, pinned API version, scopes, client credentials) live in
 * its folder's `config.ts`.
 */
export const setting = (name: string, fallback: string): string => {
  const value = process.env[name];
  return (value && value.trim() !== '' ? value.trim() : fallback).replace(/\/+$/, '');
};

/** An OAuth client's ID and secret, from the environment Zapier sets for the integration. */
export const oauthClient = (prefix: string) => ({
  clientId: process.env[`${prefix}_CLIENT_ID`] ?? '',
  clientSecret: process.env[`${prefix}_CLIENT_SECRET`] ?? '',
});
