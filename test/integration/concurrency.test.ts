import { collectGarbage } from '../helpers/garbage';
import { settleConcurrently, type Settled } from './concurrency.support';
import { findOrCreate, ops, run, useIntegration } from './support';

/**
 * Zapier runs a zap's runs in parallel. Each case starts 2, 5 or 20 runs at once through the real
 * App against the sandbox (whose lookups and inserts are separate moments, Keap's duplicate
 * check included), lets Zapier's retries finish the runs that asked for one, and checks the CRM:
 * one contact per person, one activity per booking chain with the latest status, each tag once.
 */
const ctx = useIntegration();

type Output = Record<string, unknown> & { id: string };
type Crm = 'keap' | 'salesforce';

const CRMS: Crm[] = ['keap', 'salesforce'];
const SIZES = [2, 5, 20];

beforeEach(() => ctx.sandbox.reset());
afterEach(() => collectGarbage());

const step = (crm: Crm, operation: unknown, inputData: Record<string, unknown>) => () => run<Output>(ctx, ctx[crm], operation, inputData);

/** People with this email in the CRM: Keap contacts, or Salesforce Leads and Contacts. */
const peopleWith = (crm: Crm, email: string): string[] =>
  crm === 'keap'
    ? [...ctx.sandbox.state.keap.contacts.values()].filter((c) => c.email_addresses.some((e) => e.email.toLowerCase() === email)).map((c) => String(c.id))
    : [...ctx.sandbox.state.salesforce.records('Lead'), ...ctx.sandbox.state.salesforce.records('Contact')]
        .filter((r) => String(r.Email ?? '').toLowerCase() === email)
        .map((r) => String(r.Id));

/** Every run finished, either at once or after Zapier's retry, and said why it had to wait. */
const expectAllFinished = (settled: Array<Settled<Output>>) => {
  for (const outcome of settled.filter((s) => s.first === 'retry')) {
    expect(outcome.reason).toMatch(/^Another run of this zap is writing .+ right now\. Zapier will run this step again in 15 seconds/);
    expect(outcome.delay).toBe(15);
  }
};

describe.each(CRMS)('%s: concurrent runs', (crm) => {
  it.each(SIZES)('Upsert Contact: %i runs for one new email make one contact, and every run returns it', async (size) => {
    const email = `ada.${size}@example.com`;
    const settled = await settleConcurrently(
      Array.from({ length: size }, (_, i) => step(crm, ops.upsertContact, { email, first_name: 'Ada', last_name: 'Lovelace', phone: `+1 555 01${String(i).padStart(2, '0')}` })),
    );

    const people = peopleWith(crm, email);
    expect(people).toHaveLength(1);
    expect(new Set(settled.map((s) => s.output.id))).toEqual(new Set(people));
    expectAllFinished(settled);
  });

  it.each(SIZES)('Find or Create Contact: %i runs for one new email make one contact', async (size) => {
    const email = `grace.${size}@example.com`;
    const { search, create } = findOrCreate('find_contact');
    const findOrCreateRun = async () => {
      const found = await run<Output[]>(ctx, ctx[crm], search, { email });
      return found[0] ?? run<Output>(ctx, ctx[crm], create, { email, last_name: 'Hopper' });
    };

    const settled = await settleConcurrently(Array.from({ length: size }, () => findOrCreateRun));

    expect(peopleWith(crm, email)).toHaveLength(1);
    expect(new Set(settled.map((s) => s.output.id)).size).toBe(1);
    expectAllFinished(settled);
  });
});

/** Activities of the chain in the CRM, with the status each records. */
const activitiesOf = (crm: Crm, contactId: string): Array<{ id: string; status: string }> =>
  crm === 'keap'
    ? [...ctx.sandbox.state.keap.tasks.values()]
        .filter((t) => String(t.contact_id) === contactId)
        .map((t) => ({ id: String(t.id), status: t.description?.match(/^Status: (.+)$/m)?.[1] ?? '' }))
    : ctx.sandbox.state.salesforce
        .records('Event')
        .filter((e) => e.WhoId === contactId)
        .map((e) => ({ id: String(e.Id), status: String(e.Event_Status__c ?? '') }));

const meeting = { subject: 'Discovery call', start_time: '2026-11-23T15:00:00Z', end_time: '2026-11-23T15:30:00Z' };
/**
 * One booking's lifecycle: booked, moved to a new booking (which names the one it replaces, as
 * every later event of it does here), then completed. The status times order them, whatever
 * order the deliveries arrive in.
 */
const LIFECYCLE = [
  { ...meeting, booking_id: 'BKNG-C1', status: 'Scheduled', status_updated_at: '2026-11-20T10:00:00Z' },
  { ...meeting, booking_id: 'BKNG-C2', previous_booking_id: 'BKNG-C1', status: 'Rescheduled', status_updated_at: '2026-11-21T10:00:00Z', start_time: '2026-11-24T15:00:00Z', end_time: '2026-11-24T15:30:00Z' },
  { ...meeting, booking_id: 'BKNG-C2', previous_booking_id: 'BKNG-C1', status: 'Completed', status_updated_at: '2026-11-24T15:30:00Z', start_time: '2026-11-24T15:00:00Z', end_time: '2026-11-24T15:30:00Z' },
];

describe.each(CRMS)('%s: concurrent activity runs', (crm) => {
  let contactId: string;
  beforeEach(async () => {
    contactId = (await run<Output>(ctx, ctx[crm], ops.upsertContact, { email: 'ada@example.com', last_name: 'Lovelace' })).id;
  });

  const activityRun = (input: Record<string, unknown>) => step(crm, ops.activity, { ...input, contact_id: contactId });

  it.each([
    [2, 'in order', [0, 1]],
    [2, 'reversed', [1, 0]],
    [5, 'reversed, with redeliveries', [2, 1, 0, 2, 1]],
    [5, 'newest first, then the rest twice', [2, 0, 1, 0, 1]],
    [20, 'every event six or seven times, interleaved', Array.from({ length: 20 }, (_, i) => (i * 7) % 3)],
  ])('%i lifecycle deliveries arriving together (%s) leave one activity with the latest status', async (_size, _order, order) => {
    const settled = await settleConcurrently(order.map((i) => activityRun(LIFECYCLE[i]!)));

    const activities = activitiesOf(crm, contactId);
    expect(activities).toHaveLength(1);
    expect(activities[0]!.status).toBe(order.includes(2) ? 'Completed' : 'Rescheduled');
    expect(new Set(settled.map((s) => s.output.id))).toEqual(new Set([activities[0]!.id]));
    expectAllFinished(settled);
  });

  it.each(SIZES)('%i redeliveries of one booking overlapping the original make one activity', async (size) => {
    const settled = await settleConcurrently(Array.from({ length: size }, () => activityRun(LIFECYCLE[0]!)));

    expect(activitiesOf(crm, contactId)).toHaveLength(1);
    expect(settled.filter((s) => s.output.action === 'created')).toHaveLength(1);
    expectAllFinished(settled);
  });

  it('two bookings for one new person at once: one contact, one activity per booking', async () => {
    const email = 'new.person@example.com';
    const flow = (bookingId: string) => async () => {
      const person = await run<Output>(ctx, ctx[crm], ops.upsertContact, { email, last_name: 'Person' });
      return run<Output>(ctx, ctx[crm], ops.activity, { ...meeting, booking_id: bookingId, contact_id: person.id });
    };

    await settleConcurrently([flow('BKNG-P1'), flow('BKNG-P2')]);

    const people = peopleWith(crm, email);
    expect(people).toHaveLength(1);
    expect(activitiesOf(crm, people[0]!)).toHaveLength(2);
  });
});

describe.each(CRMS)('%s: concurrent Apply Tag runs', (crm) => {
  /** Tags (Keap) or Topics (Salesforce) with this name, case-insensitively. */
  const tagsNamed = (name: string): string[] =>
    crm === 'keap'
      ? [...ctx.sandbox.state.keap.tags.values()].filter((t) => t.name.toLowerCase() === name.toLowerCase()).map((t) => String(t.id))
      : ctx.sandbox.state.salesforce
          .records('Topic')
          .filter((t) => String(t.Name).toLowerCase() === name.toLowerCase())
          .map((t) => String(t.Id));

  it.each(SIZES)('%i runs tagging people with the same new tags create each tag once and tag everyone', async (size) => {
    const people = await Promise.all(
      Array.from({ length: size }, (_, i) => run<Output>(ctx, ctx[crm], ops.upsertContact, { email: `tagged.${i}@example.com`, last_name: `Person ${i}` })),
    );
    const tags = ['Webinar Attendee', 'Booked via OnceHub'];

    const settled = await settleConcurrently(
      people.map((person) => step(crm, ops.applyTag, { contact_id: person.id, tags, create_missing_tags: true, tag_category: crm === 'keap' ? 'Bookings' : undefined })),
    );

    for (const name of tags) expect(tagsNamed(name)).toHaveLength(1);
    expect(settled.every((s) => s.output.applied_count === 2)).toBe(true);
    if (crm === 'keap') expect([...ctx.sandbox.state.keap.tagCategories.values()].filter((c) => c.name === 'Bookings')).toHaveLength(1);
    expectAllFinished(settled);
  });
});

describe('keap: concurrent runs with a new lead source', () => {
  it.each(SIZES)('%i people booking through a new booking page create its lead source and category once', async (size) => {
    const source = `Sales > Demo ${size} > Olivia Host`;
    await settleConcurrently(
      Array.from({ length: size }, (_, i) => step('keap', ops.upsertContact, { email: `lead.${size}.${i}@example.com`, lead_source: source, lead_source_category: `Webinars ${size}` })),
    );

    const { leadSources, leadSourceCategories } = ctx.sandbox.state.keap;
    expect([...leadSources.values()].filter((s) => s.name === source)).toHaveLength(1);
    expect([...leadSourceCategories.values()].filter((c) => c.name === `Webinars ${size}`)).toHaveLength(1);
  });
});

describe.each(CRMS)('%s: concurrent lifecycle-mode Apply Tag runs', (crm) => {
  const statusTags = (contactId: string): string[] =>
    crm === 'keap'
      ? Object.keys(ctx.sandbox.state.keap.contacts.get(Number(contactId))!.tags).map((id) => ctx.sandbox.state.keap.tags.get(Number(id))!.name)
      : ctx.sandbox.state.salesforce
          .records('TopicAssignment')
          .filter((a) => a.EntityId === contactId)
          .map((a) => String(ctx.sandbox.state.salesforce.record(String(a.TopicId))!.Name));

  it.each(SIZES)("%i of one booking's status deliveries at once leave only the latest status on the contact", async (size) => {
    const contactId = (await run<Output>(ctx, ctx[crm], ops.upsertContact, { email: `status.${size}@example.com`, last_name: 'Status' })).id;
    const deliveries = [
      { booking_status: 'Scheduled', status_updated_at: '2026-11-20T10:00:00Z' },
      { booking_status: 'Canceled', status_updated_at: '2026-11-22T10:00:00Z' },
      { booking_status: 'Rescheduled', status_updated_at: '2026-11-21T10:00:00Z' },
    ];

    const settled = await settleConcurrently(
      Array.from({ length: size }, (_, i) => step(crm, ops.applyTag, { contact_id: contactId, booking_id: 'BKNG-S1', create_missing_tags: true, ...deliveries[i % deliveries.length]! })),
    );

    // Two runs deliver Scheduled and Canceled; five and twenty deliver all three. Canceled is newest either way.
    const statuses = statusTags(contactId).filter((name) => ['Scheduled', 'Rescheduled', 'Completed', 'Canceled', 'No-show'].includes(name));
    expect(statuses).toEqual(['Canceled']);
    expectAllFinished(settled);
  });
});
