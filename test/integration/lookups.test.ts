import type { LookupKind } from '../../src/dropdowns';
import { COUNTRIES } from '../../sandbox/locales';
import { lookupTrigger, ops, run, salesforceApi, useIntegration, useOrgFeatures } from './support';

/**
 * Every hidden dropdown trigger (lookup_<kind>) asks the connected account for its own list:
 * the same input shows Keap's values to a Keap user and the org's values to a Salesforce user.
 */
const ctx = useIntegration();

type Choice = { id: string; name: string };

const lookup = (crm: 'keap' | 'salesforce', kind: LookupKind, inputData: Record<string, unknown> = {}, meta: Record<string, unknown> = {}) =>
  run<Choice[]>(ctx, ctx[crm], lookupTrigger(kind), inputData, { meta });

const same = (values: string[]): Choice[] => values.map((value) => ({ id: value, name: value }));
const names = (choices: Choice[]) => choices.map((choice) => choice.name);

const BOOKING_STATUSES = ['Scheduled', 'Rescheduled', 'Completed', 'Canceled', 'No-show'];

beforeEach(() => ctx.sandbox.reset());

describe('Keap dropdowns', () => {
  const keapId = (collection: 'tags' | 'tagCategories' | 'leadSources' | 'leadSourceCategories', name: string) =>
    String([...ctx.sandbox.state.keap[collection].values()].find((item) => item.name === name)!.id);
  const userId = (email: string) => String(ctx.sandbox.state.keap.users.find((user) => user.email === email)!.id);

  const expected: Record<LookupKind, () => Choice[]> = {
    contact: () => [],
    contact_type: () => same(['Prospect', 'Customer', 'Partner', 'Vendor']),
    lead_source: () => [{ id: keapId('leadSources', 'Organic Search'), name: 'Organic Search' }],
    lead_source_category: () => [{ id: keapId('leadSourceCategories', 'Website'), name: 'Website' }],
    owner: () => [
      { id: userId('sandy.box@example.com'), name: 'Sandy Box (sandy.box@example.com)' },
      { id: userId('avery.owner@example.com'), name: 'Avery Owner (avery.owner@example.com)' },
    ],
    country: () => COUNTRIES.map((c) => ({ id: c.alpha3, name: c.name })),
    region: () => [],
    tag: () => [{ id: keapId('tags', 'Newsletter Subscriber'), name: 'Newsletter Subscriber' }],
    tag_category: () => [{ id: keapId('tagCategories', 'Lead Status'), name: 'Lead Status' }],
    activity_type: () => same(['Call', 'Email', 'Appointment', 'Fax', 'Letter', 'Other']),
    note_type: () => same(['Call', 'Email', 'Appointment', 'Fax', 'Letter', 'Other']),
    campaign: () => [],
    campaign_member_status: () => [],
    priority: () => [
      { id: 'CRITICAL', name: 'Critical' },
      { id: 'ESSENTIAL', name: 'Essential' },
      { id: 'NONESSENTIAL', name: 'Non-Essential' },
    ],
    event_status: () => same(BOOKING_STATUSES),
  };

  it.each(Object.keys(expected) as LookupKind[])('lookup_%s lists the account’s own values', async (kind) => {
    expect(await lookup('keap', kind)).toEqual(expected[kind]());
  });

  it('lists the regions of the country chosen in the form', async () => {
    const regions = await lookup('keap', 'region', { country_code: 'United States' });

    expect(regions).toContainEqual({ id: 'US-AZ', name: 'Arizona' });
    expect(regions.every((region) => region.id.startsWith('US-'))).toBe(true);
    expect(await lookup('keap', 'region', { country_code: 'Narnia' })).toEqual([]);
  });

  it('offers the most recently updated contacts for Contact ID, with their names and emails, on the first page only', async () => {
    const ada = await run<{ id: string }>(ctx, ctx.keap, ops.upsertContact, { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' });
    const grace = await run<{ id: string }>(ctx, ctx.keap, ops.upsertContact, { email: 'grace@example.com', first_name: 'Grace', last_name: 'Hopper' });
    ctx.sandbox.resetRequestLog();

    const choices = await lookup('keap', 'contact');

    expect(choices).toEqual([
      { id: grace.id, name: 'Grace Hopper (grace@example.com)' },
      { id: ada.id, name: 'Ada Lovelace (ada@example.com)' },
    ]);
    expect(ctx.sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/keap/crm/rest/v2/contacts', { order_by: 'update_time desc', page_size: '100', fields: 'id,given_name,family_name,email_addresses' }],
    ]);
    expect(await lookup('keap', 'contact', {}, { page: 1 })).toEqual([]);
  });

  it('shows tags and lead sources created since, without a stale cache', async () => {
    const contact = await run<{ id: string }>(ctx, ctx.keap, ops.upsertContact, {
      email: 'ada@example.com',
      lead_source: 'Spring Webinar',
    });
    await run(ctx, ctx.keap, ops.applyTag, { contact_id: contact.id, tags: ['VIP'] });

    expect(names(await lookup('keap', 'lead_source'))).toEqual(['Organic Search', 'Spring Webinar']);
    expect(names(await lookup('keap', 'tag'))).toEqual(['Newsletter Subscriber', 'VIP']);
    expect(names(await lookup('keap', 'lead_source_category'))).toEqual(['Website', 'OnceHub']);
  });
});

describe('Salesforce dropdowns', () => {
  const expected: Record<LookupKind, Choice[]> = {
    contact: [],
    contact_type: same(['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted']),
    lead_source: same(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']),
    lead_source_category: [],
    owner: [
      { id: expect.stringMatching(/^005/), name: 'Owen Owner (owen.owner@example.com)' },
      { id: expect.stringMatching(/^005/), name: 'Sandbox Admin (admin@sandbox-org.example.com)' },
    ],
    country: [],
    region: [],
    tag: [],
    tag_category: [],
    activity_type: same(['Call', 'Email', 'Meeting', 'Other']),
    note_type: [],
    campaign: [],
    campaign_member_status: [],
    priority: [],
    event_status: same([...BOOKING_STATUSES, 'Scheduled (Reassigned by User)', 'Rescheduled (Reassigned by User)']),
  };

  it.each(Object.keys(expected) as LookupKind[])('lookup_%s lists the org’s own values', async (kind) => {
    expect(await lookup('salesforce', kind)).toEqual(expected[kind]);
  });

  it('offers the most recently changed Contacts and unconverted Leads for Contact ID, saying which is which', async () => {
    const lead = await run<{ id: string }>(ctx, ctx.salesforce, ops.upsertContact, { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' });
    const contact = (await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Contact', { FirstName: 'Grace', LastName: 'Hopper', Email: 'grace@example.com' })).id;

    expect(await lookup('salesforce', 'contact')).toEqual([
      { id: contact, name: 'Grace Hopper (grace@example.com) · Contact' },
      { id: lead.id, name: 'Ada Lovelace (ada@example.com) · Lead' },
    ]);
  });

  it('lists nothing on later pages, so choices never repeat', async () => {
    expect(await lookup('salesforce', 'lead_source', {}, { page: 1 })).toEqual([]);
  });

  it('lists Contact values when the form writes Contacts, which have no Lead Status', async () => {
    expect(await lookup('salesforce', 'contact_type', { salesforce_object: 'Contact' })).toEqual([]);
    expect(names(await lookup('salesforce', 'lead_source', { salesforce_object: 'Contact' }))).toEqual(expected.lead_source.map((c) => c.name));
  });

  it('lists topics, sorted by name', async () => {
    const entity = (await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Contact', { LastName: 'Lovelace', Email: 'ada@example.com' })).id;
    await run(ctx, ctx.salesforce, ops.applyTag, { contact_id: entity, tags: ['Webinar', 'VIP'] });

    const topics = await lookup('salesforce', 'tag');

    expect(names(topics)).toEqual(['VIP', 'Webinar']);
    expect(topics.every((topic) => topic.id.startsWith('0TO'))).toBe(true);
  });

  describe('with State and Country picklists', () => {
    useOrgFeatures(ctx, { statePicklists: true });

    it('lists country codes, and the states valid for the chosen country', async () => {
      expect(await lookup('salesforce', 'country')).toEqual(COUNTRIES.map((c) => ({ id: c.alpha2, name: c.name })));

      const states = await lookup('salesforce', 'region', { country_code: 'USA' });
      expect(states).toContainEqual({ id: 'AZ', name: 'Arizona' });
      expect(states).not.toContainEqual({ id: 'ON', name: 'Ontario' });
    });
  });
});
