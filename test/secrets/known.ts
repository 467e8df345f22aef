import { appendFileSync } from 'node:fs';
import path from 'node:path';

/** Where every test file writes what it logged, and the secrets it handed to the app. */
export const captureDir = (): string | undefined => process.env.TEST_LOG_CAPTURE_DIR;

/**
 * The credentials the fixtures give the app. Each is long enough to be worth scrubbing (the
 * platform's scrubber, rightly, ignores two-letter values) and unique enough to find in a log.
 */
export const FIXTURE_SECRETS = [
  'keap-access-token',
  'keap-refresh-token',
  'keap-client-secret',
  'sf-access-token',
  'sf-refresh-token',
  'sf-client-secret',
  'oncehub-api-key-fixture',
  'whsec-fixture-signing-secret',
];

/** Records a secret created at run time (sandbox tokens, webhook secrets) for the final scan. */
export const registerSecret = (value: string | undefined): void => {
  const dir = captureDir();
  if (!dir || !value || value.length < 6) return;
  appendFileSync(path.join(dir, 'secrets.txt'), `${value}\n`);
};

/** A secret travels raw in headers and JSON, and encoded in query strings and form bodies. */
const writtenForms = (secret: string): string[] => [
  ...new Set([secret, encodeURIComponent(secret), new URLSearchParams({ s: secret }).toString().slice(2)]),
];

/** The secrets that appear anywhere in the captured logs, in any of their written forms. */
export const findLeaks = (logs: string, secrets: string[]): string[] =>
  secrets.filter((secret) => writtenForms(secret).some((form) => logs.includes(form)));
