import type { FaultSpec, Provider } from '../../sandbox';
import {
  API_ROOT,
  crmOperations,
  crmState,
  failure,
  ops,
  run,
  subscribeNewBooking,
  TOKEN_PATH,
  useSandbox,
  type Harness,
  type Subscription,
} from './support';

/**
 * Rate limits through every kind of operation: Keap and OnceHub answer 429, Salesforce 403
 * REQUEST_LIMIT_EXCEEDED. Each becomes ThrottledError (Zapier retries the step later) with the
 * wait the provider's own hints give, the step sends nothing after the refused call, and
 * nothing is written.
 */
const h: Harness = useSandbox();

const contactIds: Record<'keap' | 'salesforce', string> = { keap: '', salesforce: '' };
beforeAll(async () => {
  for (const crm of ['keap', 'salesforce'] as const) {
    const contact = await run(h, h[crm], ops.upsertContact, { email: `someone.${crm}@example.com`, first_name: 'Ada' });
    contactIds[crm] = String(contact.id);
  }
});

beforeEach(() => h.sandbox.faults.clear());

/**
 * Runs `step` with the provider's throttling answer on its first call and returns the error
 * the user sees, after checking that the step sent nothing more and wrote nothing.
 */
const throttled = async (provider: Provider, step: () => Promise<unknown>, fault: Partial<FaultSpec> = {}) => {
  const before = crmState(h.sandbox);
  h.sandbox.faults.add({ provider, path: API_ROOT[provider], rateLimit: true, ...fault });
  const start = h.sandbox.requests.length;
  const error = await failure(step());
  const sent = h.sandbox.requests.slice(start).filter((r) => r.provider === provider && r.path.startsWith(API_ROOT[provider]));
  expect(sent.map((r) => ({ fault: r.fault, status: r.status }))).toEqual([{ fault: true, status: provider === 'salesforce' ? 403 : 429 }]);
  expect(h.sandbox.faults.pending).toEqual([]);
  expect(crmState(h.sandbox)).toBe(before);
  return error;
};

const operations = (crm: 'keap' | 'salesforce') => crmOperations(h, crm, () => contactIds[crm]);

const KEAP_MESSAGE = (seconds: number) =>
  `Keap is rate limiting requests right now. Zapier will retry this step automatically in about ${seconds} seconds.`;

describe('Keap 429', () => {
  it.each(operations('keap'))('%s: ThrottledError, retried after the per-minute throttle interval', async (_name, step) => {
    const error = await throttled('keap', () => step(h.keap));
    expect(error).toEqual({ name: 'ThrottledError', message: KEAP_MESSAGE(60), delay: 60 });
  });

  it('an exhausted daily quota waits until the quota expiry time Keap gives', async () => {
    const expiry = Date.now() + 2 * 3600_000;
    const error = await throttled('keap', () => run(h, h.keap, ops.findContact, { email: 'someone.keap@example.com' }), {
      headers: { 'x-keap-product-quota-available': '0', 'x-keap-product-quota-expiry-time': String(expiry), 'x-keap-product-throttle-available': '900' },
    });
    expect(error.name).toBe('ThrottledError');
    expect(error.delay).toBeGreaterThan(7100);
    expect(error.delay).toBeLessThanOrEqual(7200);
    expect(error.message).toBe(KEAP_MESSAGE(error.delay!));
  });

  it('an exhausted tenant throttle waits one of its own intervals', async () => {
    const error = await throttled('keap', () => run(h, h.keap, ops.applyTag, { contact_id: contactIds.keap, tags: ['VIP'] }), {
      headers: {
        'x-keap-product-throttle-available': '900',
        'x-keap-tenant-throttle-available': '0',
        'x-keap-tenant-throttle-time-unit': 'second',
        'x-keap-tenant-throttle-interval': '10',
      },
    });
    expect(error).toEqual({ name: 'ThrottledError', message: KEAP_MESSAGE(10), delay: 10 });
  });

  it('a throttled token refresh is retried later and leaves the connection as it was', async () => {
    const before = { ...h.keap.authData };
    h.sandbox.expireAccessTokens('keap');
    h.sandbox.faults.add({ provider: 'keap', path: TOKEN_PATH.keap, rateLimit: true });

    const error = await failure(run(h, h.keap, ops.findContact, { email: 'someone.keap@example.com' }));

    expect(error).toEqual({ name: 'ThrottledError', message: KEAP_MESSAGE(60), delay: 60 });
    expect(h.keap.authData).toEqual(before);
    // Zapier's retry refreshes with the same, still valid, refresh token.
    await expect(run(h, h.keap, ops.findContact, { email: 'someone.keap@example.com' })).resolves.toBeDefined();
    expect(h.keap.authData.refresh_token).not.toBe(before.refresh_token);
  });
});

const SALESFORCE_MESSAGE = (detail: string) => `Salesforce API request limit reached (${detail}). Zapier will retry this step later.`;

describe('Salesforce 403 REQUEST_LIMIT_EXCEEDED', () => {
  it.each(operations('salesforce'))('%s: ThrottledError, retried after an hour (the daily limit rolls over 24 hours)', async (_name, step) => {
    const error = await throttled('salesforce', () => step(h.salesforce));
    expect(error).toEqual({ name: 'ThrottledError', message: SALESFORCE_MESSAGE('TotalRequests Limit exceeded.'), delay: 3600 });
  });

  it('the concurrent-request limit is retried after a minute', async () => {
    const body = [{ message: 'ConcurrentPerOrgLongTxn Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }];
    const error = await throttled('salesforce', () => run(h, h.salesforce, ops.applyTag, { contact_id: contactIds.salesforce, tags: ['VIP'] }), { body });
    expect(error).toEqual({ name: 'ThrottledError', message: SALESFORCE_MESSAGE('ConcurrentPerOrgLongTxn Limit exceeded.'), delay: 60 });
  });

  it('a Retry-After header, when Salesforce sends one, sets the wait', async () => {
    const error = await throttled('salesforce', () => run(h, h.salesforce, ops.findContact, { email: 'someone.salesforce@example.com' }), {
      headers: { 'retry-after': '120' },
    });
    expect(error).toEqual({ name: 'ThrottledError', message: SALESFORCE_MESSAGE('TotalRequests Limit exceeded.'), delay: 120 });
  });
});

describe('OnceHub 429', () => {
  let subscription: Subscription;
  beforeAll(async () => {
    subscription = await subscribeNewBooking(h);
  });

  const MESSAGE = (wait: string) => `OnceHub is rate limiting requests right now. Zapier will retry this step automatically in about ${wait}.`;

  const oncehubOperations: Array<[string, () => Promise<unknown>]> = [
    ['New Booking subscribe', () => run(h, h.keap, ops.subscribe, { events: ['booking'] }, { targetUrl: h.hooks.url })],
    ['New Booking unsubscribe', () => run(h, h.keap, ops.unsubscribe, {}, { subscribeData: subscription.subscribeData })],
    ['New Booking samples (performList)', () => run(h, h.keap, ops.listBookings, { events: ['booking'] })],
    ['connection test (OnceHub API key check)', () => run(h, h.keap, ops.test)],
  ];

  it.each(oncehubOperations)('%s: ThrottledError with the Retry-After delay', async (_name, step) => {
    const webhooks = h.sandbox.state.oncehub.webhooks.length;
    const error = await throttled('oncehub', step);
    expect(error).toEqual({ name: 'ThrottledError', message: MESSAGE('1 second'), delay: 1 });
    expect(h.sandbox.state.oncehub.webhooks.length).toBe(webhooks);
  });

  it('a longer Retry-After is passed on', async () => {
    const error = await throttled('oncehub', () => run(h, h.keap, ops.listBookings, { events: ['booking'] }), { headers: { 'retry-after': '30' } });
    expect(error).toEqual({ name: 'ThrottledError', message: MESSAGE('30 seconds'), delay: 30 });
  });
});
