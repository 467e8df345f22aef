import type { Connection } from '../../sandbox/zapier/connect';
import {
  ageSession,
  connectCrm,
  failedSteps,
  failure,
  newZap,
  ops,
  run,
  runDeliveries,
  subscribeNewBooking,
  TOKEN_PATH,
  useSandbox,
  type Harness,
} from './support';

/**
 * Tokens dying under a running zap: an expired access token is refreshed once and the step
 * succeeds with the new tokens stored; a dead refresh token asks the user to reconnect; Keap's
 * rotating refresh tokens are always replaced by the newest.
 */
const h: Harness = useSandbox();

const CRMS = ['keap', 'salesforce'] as const;
type Crm = (typeof CRMS)[number];

/** The write of the Create Activity Event step, the last step of the zap. */
const ACTIVITY_WRITE: Record<Crm, { method: string; path: string }> = {
  keap: { method: 'POST', path: '/keap/crm/rest/v2/tasks' },
  salesforce: { method: 'POST', path: '/salesforce/services/data/v62.0/sobjects/Event' },
};

const tokenCalls = (since = 0) =>
  h.sandbox.requests.slice(since).filter((r) => r.method === 'POST' && (r.path === TOKEN_PATH.keap || r.path === TOKEN_PATH.salesforce));

/** The person's id in the CRM, if the CRM holds one. */
const personOf = (crm: Crm, email: string): unknown => {
  if (crm === 'keap') {
    return [...h.sandbox.state.keap.contacts.values()].find((c) => c.email_addresses.some((e) => e.email === email))?.id;
  }
  const { salesforce } = h.sandbox.state;
  return [...salesforce.records('Lead'), ...salesforce.records('Contact')].find((p) => p.Email === email)?.Id;
};

/** The booking activities the CRM holds for one person, as `<status>: <subject>`. */
const activitiesOf = (crm: Crm, email: string): string[] => {
  const person = personOf(crm, email);
  if (person === undefined) return [];
  if (crm === 'keap') return [...h.sandbox.state.keap.tasks.values()].filter((t) => t.contact_id === person).map((t) => String(t.title));
  return h.sandbox.state.salesforce
    .records('Event')
    .filter((e) => e.WhoId === person)
    .map((e) => `${String(e.Event_Status__c)}: ${String(e.Subject)}`);
};

let email = '';
let counter = 0;
beforeEach(() => {
  h.sandbox.reset();
  counter += 1;
  email = `fault.auth.${counter}@example.com`;
});

const book = () => h.sandbox.oncehub.book({ customer: { name: 'Ada Lovelace', email }, subject: 'Intro call' });

describe('an access token that expires in the middle of a zap', () => {
  it.each(CRMS)('%s: the step that got the 401 refreshes once, succeeds, and the connection keeps the new tokens', async (crm) => {
    const connection = await connectCrm(h, crm);
    const before = { ...connection.authData };
    const zap = newZap(h, await subscribeNewBooking(h), [connection]);
    h.sandbox.faults.add({ provider: crm, ...ACTIVITY_WRITE[crm], status: 401 });
    const start = h.sandbox.requests.length;

    await book();
    const runs = await runDeliveries(h, zap);

    expect(failedSteps(runs)).toEqual([]);
    expect(runs[0]!.steps.map((s) => s.step)).toEqual([
      'Create or Update Contact',
      'Apply Tag',
      'Create or Update Activity Event',
      'Create or Update Note',
      ...(crm === 'salesforce' ? ['Create or Update Case'] : []),
    ]);
    // The 401 came from the activity write; the refresh happened right after it, then the step ran again from its start.
    const log = h.sandbox.requests.slice(start);
    const refused = log.findIndex((r) => r.status === 401);
    const refreshed = log.findIndex((r) => r.path === TOKEN_PATH[crm]);
    expect(log[refused]).toMatchObject({ method: 'POST', path: ACTIVITY_WRITE[crm].path, fault: true });
    expect(refreshed).toBe(refused + 1);
    expect(tokenCalls(start)).toHaveLength(1);
    expect(log.slice(refreshed + 1).filter((r) => r.method === 'POST' && r.path === ACTIVITY_WRITE[crm].path)).toHaveLength(1);

    expect(activitiesOf(crm, email)).toEqual(['Scheduled: Intro call']);
    expect(connection.authData.access_token).not.toBe(before.access_token);
    // Keap rotates the refresh token on every refresh; Salesforce (without rotation) keeps it.
    if (crm === 'keap') expect(connection.authData.refresh_token).not.toBe(before.refresh_token);
    else expect(connection.authData.refresh_token).toBe(before.refresh_token);
    expect(Number(connection.authData.issued_at)).toBeGreaterThan(Number(before.issued_at));
    const { access_token: _a, refresh_token: _r, issued_at: _i, expires_in: _e, ...rest } = connection.authData;
    const { access_token: _a0, refresh_token: _r0, issued_at: _i0, expires_in: _e0, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
  });

  it.each(CRMS)('%s: tokens expired between two deliveries cost one refresh; every later step uses the new token', async (crm) => {
    const connection = await connectCrm(h, crm);
    const zap = newZap(h, await subscribeNewBooking(h), [connection]);
    const { booking } = await book();
    expect(failedSteps(await runDeliveries(h, zap))).toEqual([]);

    h.sandbox.expireAccessTokens(crm);
    const start = h.sandbox.requests.length;
    await h.sandbox.oncehub.cancel(booking.id, 'No longer needed');
    const runs = await runDeliveries(h, zap);

    expect(failedSteps(runs)).toEqual([]);
    expect(tokenCalls(start)).toHaveLength(1);
    const refused = h.sandbox.requests.slice(start).filter((r) => r.status === 401);
    expect(refused).toHaveLength(1);
    expect(activitiesOf(crm, email)).toEqual(['Canceled: Intro call']);
  });

  it.each(CRMS)('%s: a token refused moments after it was issued asks to reconnect instead of refreshing in a loop', async (crm) => {
    const connection = await connectCrm(h, crm);
    connection.authData.issued_at = String(Date.now());
    h.sandbox.expireAccessTokens(crm);
    const start = h.sandbox.requests.length;

    const error = await failure(run(h, connection, ops.findContact, { email }));

    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toBe(
      crm === 'keap'
        ? 'Keap rejected an access token it issued moments ago, so reconnecting is needed rather than a refresh. ' +
            'Reconnect your Keap account; if it happens again, the Keap app may not be approved for this client.'
        : 'Salesforce rejected a session it issued moments ago ("This session is not valid for use with the REST API"). ' +
            'This happens when the org requires a high-assurance session or blocks this connected app. Ask your Salesforce admin ' +
            'to allow API access for the connected app (its OAuth policies and session security level), then reconnect.',
    );
    expect(tokenCalls(start)).toEqual([]);
  });
});

const RECONNECT: Record<Crm, string> = {
  keap:
    "Keap no longer accepts this connection's sign-in (invalid_request: Invalid Refresh Token). This happens when access is revoked, " +
    'the refresh token expires, or the Keap password or policy changes. Reconnect your Keap account in Zapier to keep your Zaps running.',
  salesforce:
    "Salesforce no longer accepts this connection's sign-in (invalid_grant: expired access/refresh token). This happens when access is revoked, " +
    'the refresh token expires, or the Salesforce password or policy changes. Reconnect your Salesforce account in Zapier to keep your Zaps running.',
};

/** Zapier shows the message; the platform's "What happened:" trace below it is for its logs. */
const withoutTrace = (message = '') => message.split('\nWhat happened:\n')[0];

describe('a refresh token that no longer works', () => {
  it.each(CRMS)('%s: the zap stops at its first step with words that ask the user to reconnect, and writes nothing', async (crm) => {
    const connection = await connectCrm(h, crm);
    const before = { ...connection.authData };
    const zap = newZap(h, await subscribeNewBooking(h), [connection]);
    h.sandbox.revokeRefreshTokens(crm);
    h.sandbox.expireAccessTokens(crm);
    const start = h.sandbox.requests.length;

    await book();
    const runs = await runDeliveries(h, zap);

    expect(runs[0]!.steps.map(({ error, input: _input, ...step }) => ({ ...step, error: withoutTrace(error) }))).toEqual([
      { crm, step: 'Create or Update Contact', ok: false, summary: 'failed', error: RECONNECT[crm] },
    ]);
    expect(tokenCalls(start)).toHaveLength(1);
    expect(personOf(crm, email)).toBeUndefined();
    expect(activitiesOf(crm, email)).toEqual([]);
    expect(connection.authData).toEqual(before);
  });

  it.each(CRMS)('%s: the error is ExpiredAuthError, so Zapier marks the connection for reconnecting', async (crm) => {
    const connection = await connectCrm(h, crm);
    h.sandbox.revokeRefreshTokens(crm);
    h.sandbox.expireAccessTokens(crm);
    const error = await failure(run(h, connection, ops.findContact, { email }));
    expect(error).toEqual({ name: 'ExpiredAuthError', message: RECONNECT[crm] });
  });
});

describe('Keap refresh-token rotation', () => {
  /** The app's own refresh, from a copy of the connection holding another refresh token. */
  const refreshWith = (connection: Connection, refreshToken: string) =>
    failure(h.appTester(ops.refresh as never, { authData: { ...connection.authData, refresh_token: refreshToken }, meta: {} }));

  /** One expiry and one step: the step's 401 makes the app refresh. */
  const expireAndRun = async (connection: Connection) => {
    ageSession(connection);
    h.sandbox.expireAccessTokens('keap');
    await run(h, connection, ops.findContact, { email });
  };

  it('after two refreshes the connection holds the newest refresh token; Keap refuses the two before it', async () => {
    const connection = await connectCrm(h, 'keap');
    const first = connection.authData.refresh_token!;
    await expireAndRun(connection);
    const second = connection.authData.refresh_token!;
    await expireAndRun(connection);
    const third = connection.authData.refresh_token!;

    expect(new Set([first, second, third]).size).toBe(3);
    expect(tokenCalls().filter((r) => r.path === TOKEN_PATH.keap && (r.body as Record<string, string>)?.grant_type === 'refresh_token')).toHaveLength(2);
    const start = h.sandbox.requests.length;
    for (const old of [first, second]) {
      expect(await refreshWith(connection, old)).toEqual({ name: 'ExpiredAuthError', message: RECONNECT.keap });
    }
    expect(tokenCalls(start).map((r) => r.status)).toEqual([400, 400]);
    // The stored one still works: a third expiry refreshes with it and the step succeeds.
    await expireAndRun(connection);
    expect(connection.authData.refresh_token).not.toBe(third);
  });

  it('a copy of the connection from before the last refresh can no longer refresh, and says to reconnect', async () => {
    const connection = await connectCrm(h, 'keap');
    const stale = { crm: 'keap' as const, label: connection.label, authData: { ...connection.authData } };
    await expireAndRun(connection);

    h.sandbox.expireAccessTokens('keap');
    const error = await failure(run(h, stale, ops.findContact, { email }));

    expect(error).toEqual({ name: 'ExpiredAuthError', message: RECONNECT.keap });
  });
});
