import type { FaultSpec, Provider } from '../../sandbox';
import type { Connection } from '../../sandbox/zapier/connect';
import { API_ROOT, crmOperations, crmState, failure, looksRaw, ops, run, useSandbox, type Harness } from './support';

/**
 * Outages, timeouts and unreadable answers through the real app: each becomes a retryable
 * error (ThrottledError) in plain words, with no stack trace or dumped body; a failed call
 * leaves nothing half-written, and when a write landed but its answer was lost, Zapier's retry
 * finds the record instead of writing it twice.
 */
const h: Harness = useSandbox();

type Crm = Connection['crm'];
const SERVICE: Record<Provider, string> = { keap: 'Keap', salesforce: 'Salesforce', oncehub: 'OnceHub' };

const contactIds: Record<Crm, string> = { keap: '', salesforce: '' };
beforeAll(async () => {
  for (const crm of ['keap', 'salesforce'] as const) {
    contactIds[crm] = String((await run(h, h[crm], ops.upsertContact, { email: `someone.${crm}@example.com`, first_name: 'Ada' })).id);
  }
});
beforeEach(() => h.sandbox.faults.clear());

const outageMessage = (provider: Provider, status: number) =>
  status === 500
    ? `${SERVICE[provider]} had an internal error (HTTP 500). Zapier will retry this step automatically.`
    : `${SERVICE[provider]} is temporarily unavailable (HTTP ${status}). Zapier will retry this step automatically.`;

const unreadableMessage = (provider: Provider, status: number) =>
  `${SERVICE[provider]} sent a response that could not be read (HTTP ${status}, not valid JSON). ` +
  'This is usually a brief glitch; Zapier will retry this step automatically.';

/** Waits until the sandbox has answered (and so logged) a delayed request the app already gave up on. */
const landed = async (since: number) => {
  const deadline = Date.now() + 10_000;
  while (!h.sandbox.requests.slice(since).some((r) => r.fault)) {
    if (Date.now() > deadline) throw new Error('the delayed request never reached the sandbox');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * Runs a step with a fault on its first call and checks it stopped there. A refused call wrote
 * nothing; a cut-off answer may stand for a write that happened (see the write cases below).
 */
const failsAtFirstCall = async (provider: Provider, step: () => Promise<unknown>, fault: Partial<FaultSpec>) => {
  const before = crmState(h.sandbox);
  h.sandbox.faults.add({ provider, path: API_ROOT[provider], ...fault });
  const start = h.sandbox.requests.length;
  const error = await failure(step());
  if (fault.delayMs) await landed(start);
  const sent = h.sandbox.requests.slice(start).filter((r) => r.provider === provider && r.path.startsWith(API_ROOT[provider]));
  expect(sent.map((r) => r.fault)).toEqual([true]);
  if (!fault.malformed) expect(crmState(h.sandbox)).toBe(before);
  expect(looksRaw(error.message)).toBe(false);
  return { error, status: sent[0]!.status };
};

describe.each(['keap', 'salesforce'] as const)('%s', (crm) => {
  const operations = crmOperations(h, crm, () => contactIds[crm]);

  describe('5xx answers become a retry, in words', () => {
    it.each([500, 502, 503, 504])('HTTP %i on Create or Update Contact', async (status) => {
      const { error } = await failsAtFirstCall(crm, () => operations[0]![1](h[crm]), { status });
      expect(error).toEqual({ name: 'ThrottledError', message: outageMessage(crm, status), delay: 60 });
    });

    it.each(operations)('HTTP 503 on %s', async (_name, step) => {
      const { error } = await failsAtFirstCall(crm, () => step(h[crm]), { status: 503 });
      expect(error).toEqual({ name: 'ThrottledError', message: outageMessage(crm, 503), delay: 60 });
    });
  });

  describe('a truncated JSON answer becomes a retry, in words', () => {
    it.each(operations)('%s', async (_name, step) => {
      const { error, status } = await failsAtFirstCall(crm, () => step(h[crm]), { malformed: true });
      expect(error).toEqual({ name: 'ThrottledError', message: unreadableMessage(crm, status), delay: 60 });
    });
  });
});

describe('OnceHub', () => {
  const steps: Array<[string, () => Promise<unknown>]> = [
    ['New Booking subscribe', () => run(h, h.keap, ops.subscribe, { events: ['booking'] }, { targetUrl: h.hooks.url })],
    ['New Booking samples (performList)', () => run(h, h.keap, ops.listBookings, { events: ['booking'] })],
  ];

  it.each(steps)('%s: HTTP 503 becomes a retry', async (_name, step) => {
    const { error } = await failsAtFirstCall('oncehub', step, { status: 503 });
    expect(error).toEqual({ name: 'ThrottledError', message: outageMessage('oncehub', 503), delay: 60 });
  });

  it.each(steps)('%s: a truncated answer becomes a retry', async (_name, step) => {
    const { error, status } = await failsAtFirstCall('oncehub', step, { malformed: true });
    expect(error).toEqual({ name: 'ThrottledError', message: unreadableMessage('oncehub', status), delay: 60 });
  });
});

/**
 * Writes whose answer can be lost after the CRM made them. `count` reads the CRM's state: the
 * number of records the write stands for, which must be exactly one after Zapier's retry.
 */
type WriteCase = {
  name: string;
  crm: Crm;
  method: string;
  path: () => string;
  skip?: number;
  step: () => Promise<unknown>;
  count: () => number;
};

const keapContact = () => h.sandbox.state.keap.contacts.get(Number(contactIds.keap))!;
const keapTagsNamed = (name: string) => [...h.sandbox.state.keap.tags.values()].filter((t) => t.name === name);
const sfRecords = (object: string, where: (r: Record<string, unknown>) => boolean) => h.sandbox.state.salesforce.records(object).filter(where);

const writeCases = (label: string): WriteCase[] => {
  const email = (crm: Crm) => `${label}.${crm}@example.com`;
  const booking = `BKNG-${label.toUpperCase()}`;
  const tag = `Lost answer ${label}`;
  return [
    {
      name: 'Keap: Create or Update Contact',
      crm: 'keap',
      method: 'POST',
      path: () => '/keap/crm/rest/v2/contacts',
      step: () => run(h, h.keap, ops.upsertContact, { email: email('keap'), first_name: 'Grace' }),
      count: () => [...h.sandbox.state.keap.contacts.values()].filter((c) => c.email_addresses.some((e) => e.email === email('keap'))).length,
    },
    {
      name: 'Keap: Apply Tag (a new tag)',
      crm: 'keap',
      method: 'POST',
      path: () => `/keap/crm/rest/v1/contacts/${contactIds.keap}/tags`,
      step: () => run(h, h.keap, ops.applyTag, { contact_id: contactIds.keap, tags: [tag] }),
      // Tags named so, as long as each is on the contact: a second tag or a missing application both show.
      count: () => (keapTagsNamed(tag).every((t) => keapContact().tags[t.id]) ? keapTagsNamed(tag).length : 0),
    },
    {
      name: 'Keap: Create or Update Activity Event',
      crm: 'keap',
      method: 'POST',
      path: () => '/keap/crm/rest/v2/tasks',
      step: () => run(h, h.keap, ops.activity, { contact_id: contactIds.keap, booking_id: booking, start_time: '2026-12-01T15:00:00Z' }),
      count: () => [...h.sandbox.state.keap.tasks.values()].filter((t) => (t.description ?? '').includes(`[OnceHub booking ${booking}]`)).length,
    },
    {
      name: 'Salesforce: Create or Update Contact',
      crm: 'salesforce',
      method: 'POST',
      path: () => '/salesforce/services/data/v62.0/sobjects/Lead',
      step: () => run(h, h.salesforce, ops.upsertContact, { email: email('salesforce'), first_name: 'Grace', last_name: 'Hopper' }),
      count: () => sfRecords('Lead', (r) => r.Email === email('salesforce')).length,
    },
    {
      name: 'Salesforce: Apply Tag (a new topic)',
      crm: 'salesforce',
      method: 'POST',
      path: () => '/salesforce/services/data/v62.0/composite',
      // The first composite reads the topics and the record's assignments; the second writes.
      skip: 1,
      step: () => run(h, h.salesforce, ops.applyTag, { contact_id: contactIds.salesforce, tags: [tag] }),
      count: () => {
        const topics = sfRecords('Topic', (r) => r.Name === tag);
        const assigned = (id: unknown) => sfRecords('TopicAssignment', (r) => r.EntityId === contactIds.salesforce && r.TopicId === id).length === 1;
        return topics.every((t) => assigned(t.Id)) ? topics.length : 0;
      },
    },
    {
      name: 'Salesforce: Create or Update Activity Event',
      crm: 'salesforce',
      method: 'POST',
      path: () => '/salesforce/services/data/v62.0/sobjects/Event',
      step: () => run(h, h.salesforce, ops.activity, { contact_id: contactIds.salesforce, booking_id: booking, start_time: '2026-12-01T15:00:00Z' }),
      count: () => sfRecords('Event', (r) => r.OnceHub_Booking_ID__c === booking).length,
    },
  ];
};

describe('a write that landed but whose answer was cut off', () => {
  it.each(writeCases('truncated').map((c) => [c.name, c] as const))('%s: a retry finds the record instead of writing it twice', async (_name, c) => {
    h.sandbox.faults.add({ provider: c.crm, method: c.method, path: c.path(), skip: c.skip, malformed: true });
    const start = h.sandbox.requests.length;

    const error = await failure(c.step());

    const answered = h.sandbox.requests.slice(start).find((r) => r.fault)!;
    expect(error).toEqual({ name: 'ThrottledError', message: unreadableMessage(c.crm, answered.status), delay: 60 });
    expect(c.count()).toBe(1);
    await c.step();
    expect(c.count()).toBe(1);
  });
});

describe('a provider that does not answer in time', () => {
  const saved = process.env.PROVIDER_TIMEOUT_MS;
  beforeAll(() => {
    process.env.PROVIDER_TIMEOUT_MS = '300';
  });
  afterAll(() => {
    if (saved === undefined) delete process.env.PROVIDER_TIMEOUT_MS;
    else process.env.PROVIDER_TIMEOUT_MS = saved;
  });

  const timeoutMessage = (provider: Provider) =>
    `${SERVICE[provider]} did not answer within 0.3 seconds. Zapier will retry this step automatically.`;

  it.each([
    ['keap', 'Find Contact', () => run(h, h.keap, ops.findContact, { email: 'someone.keap@example.com' })],
    ['salesforce', 'Find Contact', () => run(h, h.salesforce, ops.findContact, { email: 'someone.salesforce@example.com' })],
    ['oncehub', 'New Booking samples', () => run(h, h.keap, ops.listBookings, { events: ['booking'] })],
  ] as const)('%s, %s: gives up after the timeout with a retryable error', async (provider, _name, step) => {
    const { error } = await failsAtFirstCall(provider, step, { delayMs: 700 });
    expect(error).toEqual({ name: 'ThrottledError', message: timeoutMessage(provider), delay: 60 });
  });

  it.each(writeCases('late').map((c) => [c.name, c] as const))(
    '%s: the write lands after the app gave up; the retry finds it instead of writing it twice',
    async (_name, c) => {
      h.sandbox.faults.add({ provider: c.crm, method: c.method, path: c.path(), skip: c.skip, delayMs: 700 });
      const start = h.sandbox.requests.length;

      const error = await failure(c.step());
      expect(error).toEqual({ name: 'ThrottledError', message: timeoutMessage(c.crm), delay: 60 });

      await landed(start);
      expect(c.count()).toBe(1);
      await c.step();
      expect(c.count()).toBe(1);
    },
  );
});
