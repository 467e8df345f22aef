import { type Provider, type Sandbox } from '../../sandbox';
import { startCheckedSandbox } from '../helpers/checked-sandbox';
import { connect, type Connection } from '../../sandbox/zapier/connect';
import { HookEndpoint, type Delivery } from '../../sandbox/zapier/hooks';
import { createRuntime, type AppTester } from '../../sandbox/zapier/runtime';
import { BookingZap, type RunResult } from '../../sandbox/zapier/zap';
import { failure, ops, pointAppAtForFile, registerConnection, runStep } from '../helpers/sandbox';
import { registerSecret } from '../secrets/known';

/**
 * Fault tests run the real app definition against the local sandbox, the way Zapier runs it:
 * one sandbox per test file, both CRMs connected through the app's OAuth, New Booking
 * subscribed to a local hook URL, and each delivery played through BookingZap.
 */

export { failure, ops };

export type Harness = {
  sandbox: Sandbox;
  appTester: AppTester;
  hooks: HookEndpoint;
  keap: Connection;
  salesforce: Connection;
};

/**
 * A connection whose token was issued an hour ago. The app reads a 401 on a token issued
 * moments ago as "refreshing will not help" (docs/decisions.md), so a test of the refresh path
 * needs the session to look as old as an expired one would be.
 */
export const ageSession = (connection: Connection): Connection => {
  connection.authData.issued_at = String(Date.now() - 3_600_000);
  return connection;
};

export const connectCrm = async (h: Harness, crm: Connection['crm']): Promise<Connection> => {
  const connection = await connect(h.appTester, {
    crm,
    redirectUri: `${h.sandbox.url}/_zapier/oauth/return`,
    inputData: {
      ...(crm === 'salesforce' ? { salesforce_environment: 'sandbox' } : {}),
      oncehub_api_key: h.sandbox.oncehub.apiKey,
    },
  });
  registerConnection(connection.authData);
  return ageSession(connection);
};

/** Starts the sandbox, points the app at it, connects both CRMs; restores the environment afterwards. */
export const useSandbox = (): Harness => {
  const h = {} as Harness;
  let restoreEnv = () => {};
  beforeAll(async () => {
    h.sandbox = await startCheckedSandbox();
    restoreEnv = pointAppAtForFile(h.sandbox);
    h.appTester = createRuntime(h.sandbox);
    h.hooks = new HookEndpoint();
    await h.hooks.listen();
    h.keap = await connectCrm(h, 'keap');
    h.salesforce = await connectCrm(h, 'salesforce');
  });
  afterAll(async () => {
    await h.hooks?.close();
    await h.sandbox?.close();
    restoreEnv();
  });
  return h;
};

/** Runs one operation as Zapier does with autoRefresh; a refreshed token stays on the connection. */
export const run = <T = Record<string, unknown>>(
  h: Harness,
  connection: Connection,
  method: unknown,
  inputData: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): Promise<T> => runStep<T>(h.appTester, connection, method, inputData, extra);

/** What a step error must never look like: a stack trace or a dumped JSON body. */
export const looksRaw = (message: string): boolean => /\n\s+at |[{[]"|\bundefined\b|FetchError|ECONN/.test(message);

export type Subscription = { subscribeData: Record<string, unknown>; inputData: Record<string, unknown> };

/** Subscribes New Booking (all lifecycle events) to the harness's hook URL through the Keap connection. */
export const subscribeNewBooking = async (h: Harness): Promise<Subscription> => {
  const inputData = { events: ['booking'] };
  const subscribeData = await run(h, h.keap, ops.subscribe, inputData, { targetUrl: h.hooks.url });
  registerSecret(String(subscribeData.secret ?? ''));
  return { subscribeData, inputData };
};

/** A zap as Zapier builds it for one subscription, writing to both CRMs (its dedupe starts empty). */
export const newZap = (h: Harness, subscription: Subscription, connections = [h.keap, h.salesforce]): BookingZap =>
  new BookingZap(h.appTester, { authData: h.keap.authData, ...subscription }, connections);

/** Runs the zap for every delivery the hook URL has received so far. */
export const runDeliveries = async (h: Harness, zap: BookingZap): Promise<RunResult[]> => {
  const results: RunResult[] = [];
  for (const delivery of await h.hooks.take()) results.push(await zap.run(delivery));
  return results;
};

export type { Delivery };

export { collectGarbage } from '../helpers/garbage';

/** Failed steps of a zap run, as `crm step: error`; empty when every step succeeded. */
export const failedSteps = (runs: RunResult[]): string[] =>
  runs.flatMap((r) => r.steps.filter((s) => !s.ok).map((s) => `${s.crm} ${s.step}: ${s.error}`));

type StepCase = [name: string, step: (connection: Connection) => Promise<unknown>];

/** One step of each operation type a CRM connection runs, on the given contact. */
export const crmOperations = (h: Harness, crm: Connection['crm'], contactId: () => string): StepCase[] => [
  ['Create or Update Contact', (c) => run(h, c, ops.upsertContact, { email: `someone.new.${crm}@example.com`, first_name: 'Grace' })],
  ['Find Contact', (c) => run(h, c, ops.findContact, { email: `someone.${crm}@example.com` })],
  ['Apply Tag', (c) => run(h, c, ops.applyTag, { contact_id: contactId(), tags: ['VIP'] })],
  [
    'Create or Update Activity Event',
    (c) => run(h, c, ops.activity, { contact_id: contactId(), booking_id: 'BKNG-FAULT', start_time: '2026-12-01T15:00:00Z' }),
  ],
  ['connection test', (c) => run(h, c, ops.test)],
];

/** Where each provider's API lives in the sandbox: a fault on this path hits a step's first call. */
export const API_ROOT: Record<Provider, string> = {
  keap: '/keap/crm/rest/',
  // The identity URL, which the connection test reads first, is outside /services/data.
  salesforce: '/salesforce/',
  oncehub: '/oncehub/v2/',
};

/** Everything the CRMs hold that a step could have written, to compare before and after a failure. */
export const crmState = (sandbox: Sandbox): string => {
  const { keap, salesforce } = sandbox.state;
  return JSON.stringify({
    keap: [keap.contacts.size, keap.tags.size, keap.tasks.size, [...keap.contacts.values()].map((c) => Object.keys(c.tags).length)],
    salesforce: ['Lead', 'Contact', 'Event', 'Topic', 'TopicAssignment'].map((o) => salesforce.records(o).length),
  });
};

/** The token endpoint's path per CRM, as the sandbox serves it. */
export const TOKEN_PATH: Record<Connection['crm'], string> = {
  keap: '/keap/token',
  salesforce: '/salesforce/services/oauth2/token',
};
