import App from '../../index';
import { type OrgFeatures, type Provider, type RequestLogEntry, type Sandbox } from '../../sandbox';
import { startCheckedSandbox } from '../helpers/checked-sandbox';
import { connect, submitConsent, type Connection } from '../../sandbox/zapier/connect';
import { createRuntime, type AppTester } from '../../sandbox/zapier/runtime';
import { failure, ops, pointAppAtForFile, registerConnection, runStep } from '../helpers/sandbox';

/**
 * Integration tests: the real app definition (createAppTester on App) against the local
 * sandbox over real HTTP on loopback. One sandbox per test file; the app finds it only through
 * the same environment variables a deployment would set.
 */

export { failure, ops };

type Operation = { operation: { perform: unknown } };

/** A Find or Create pairing resolved by key, as Zapier resolves it: the search, then the create on a miss. */
export const findOrCreate = (key: string) => {
  const pairing = (App.searchOrCreates as Record<string, { search: string; create: string }>)[key]!;
  return {
    pairing,
    search: (App.searches as Record<string, Operation>)[pairing.search]!.operation.perform,
    create: (App.creates as Record<string, Operation>)[pairing.create]!.operation.perform,
  };
};

/** The hidden dropdown trigger for one kind of choice. */
export const lookupTrigger = (kind: string): unknown => (App.triggers as Record<string, Operation>)[`lookup_${kind}`]!.operation.perform;

export type Integration = {
  sandbox: Sandbox;
  appTester: AppTester;
  redirectUri: string;
  keap: Connection;
  salesforce: Connection;
};

/** Connects one CRM through the app's real OAuth flow and the sandbox's consent page. */
export const connectCrm = async (
  ctx: Integration,
  crm: Connection['crm'],
  inputData: Record<string, string> = {},
  onAuthorizeUrl?: (url: string) => void,
): Promise<Connection> => {
  const connection = await connect(ctx.appTester, {
    crm,
    redirectUri: ctx.redirectUri,
    inputData,
    consent: (url) => {
      onAuthorizeUrl?.(url);
      return submitConsent(url, 'allow');
    },
  });
  registerConnection(connection.authData);
  return connection;
};

/**
 * Starts the sandbox before the file's tests, points the app at it and connects both CRMs
 * (the Keap connection carries the OnceHub API key); restores the environment afterwards.
 */
export const useIntegration = (): Integration => {
  const ctx = {} as Integration;
  let restoreEnv = () => {};
  beforeAll(async () => {
    ctx.sandbox = await startCheckedSandbox();
    restoreEnv = pointAppAtForFile(ctx.sandbox);
    ctx.appTester = createRuntime(ctx.sandbox);
    ctx.redirectUri = `${ctx.sandbox.url}/_zapier/oauth/return`;
    ctx.keap = await connectCrm(ctx, 'keap', { oncehub_api_key: ctx.sandbox.oncehub.apiKey });
    ctx.salesforce = await connectCrm(ctx, 'salesforce');
  });
  afterAll(async () => {
    await ctx.sandbox?.close();
    restoreEnv();
  });
  return ctx;
};

/** Runs one operation for a connection as Zapier does with autoRefresh (a new token is kept on the connection). */
export const run = <T = Record<string, unknown>>(
  ctx: Integration,
  connection: Connection,
  method: unknown,
  inputData: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Promise<T> => runStep<T>(ctx.appTester, connection, method, inputData, extra);

/** Forgets everything the app cached (describes, settings, locales, claims), as an expired cache would. */
export const clearAppCache = (ctx: Integration): void => {
  ctx.sandbox.zapier.cache.clear();
};

/**
 * Switches Salesforce org features for the tests of one describe block, and back afterwards.
 * The app caches describes, so its cache is cleared on both sides of the switch.
 */
export const useOrgFeatures = (ctx: Integration, changes: Partial<OrgFeatures>): void => {
  let before: Partial<OrgFeatures> = {};
  beforeAll(() => {
    const features = ctx.sandbox.state.salesforce.features;
    before = Object.fromEntries(Object.keys(changes).map((key) => [key, features[key as keyof OrgFeatures]]));
    ctx.sandbox.configure({ salesforce: changes });
    clearAppCache(ctx);
  });
  afterAll(() => {
    ctx.sandbox.configure({ salesforce: before });
    clearAppCache(ctx);
  });
};

const API_ROOTS: Record<Provider, RegExp> = {
  keap: /^\/keap\/crm\/rest/,
  salesforce: /^\/salesforce\/services\/data\/v\d+\.\d/,
  oncehub: /^\/oncehub\/v2/,
};

/** The provider API calls in the sandbox log, as `METHOD /path` below the API root. */
export const apiCalls = (sandbox: Sandbox, provider: Provider): string[] =>
  sandbox.requests.filter((r) => r.provider === provider).map((r) => `${r.method} ${r.path.replace(API_ROOTS[provider], '')}`);

/** Requests that could change provider state. */
export const writes = (sandbox: Sandbox, provider?: Provider): RequestLogEntry[] =>
  sandbox.requests.filter((r) => r.method !== 'GET' && (!provider || r.provider === provider));

/** Salesforce composite calls carry their work in the body: each sub-request as `METHOD url` (SOQL decoded). */
const compositeParts = (entry: RequestLogEntry): string[] =>
  ((entry.body as { compositeRequest?: Array<{ method: string; url: string }> } | undefined)?.compositeRequest ?? []).map(
    (sub) => `${sub.method} ${decodeURIComponent(sub.url.replace(/^\/services\/data\/v\d+\.\d/, ''))}`,
  );

/** Salesforce writes, composite sub-requests included: what a step changed in the org. */
export const salesforceWrites = (sandbox: Sandbox): string[] =>
  sandbox.requests
    .filter((r) => r.provider === 'salesforce' && r.path.startsWith('/salesforce/services/data/'))
    .flatMap((r) => (r.path.endsWith('/composite') ? compositeParts(r) : [`${r.method} ${r.path.replace(API_ROOTS.salesforce, '')}`]))
    .filter((call) => !call.startsWith('GET '));

/** Test setup straight through Salesforce's REST API, with the connection's own token: records the app did not write. */
export const salesforceApi = async <T = { id: string }>(connection: Connection, method: string, path: string, body?: unknown): Promise<T> => {
  const response = await fetch(`${connection.authData.instance_url}/services/data/v62.0${path}`, {
    method,
    headers: { authorization: `Bearer ${connection.authData.access_token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Salesforce setup call ${method} ${path} answered ${response.status}: ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
};

/** Lets the clock move on, so records written next carry a later modification stamp. */
export const nextMillisecond = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));
