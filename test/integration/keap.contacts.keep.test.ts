import type { KeapContact } from '../../sandbox/keap/store';
import { findOrCreate, ops, run, useIntegration, writes } from './support';

/**
 * Keap's v2 contact writes remove every list item they do not list (CreateUpdateContactRequest:
 * "Any item not listed here will be removed if it already exists"), and the sandbox does so on
 * every v2 and v1 contact write. Create or Update Contact must still keep every email, phone,
 * address and custom field it was not asked to change, whatever path the step takes.
 */
const ctx = useIntegration();

type Contact = Record<string, unknown> & { id: string; created: boolean; warnings?: string[] };

/** A contact as a real account holds one: three emails, a home phone and a mobile, three addresses, five custom fields. */
const seedRichContact = (): KeapContact => {
  const store = ctx.sandbox.state.keap;
  const now = new Date(Date.now() - 60_000).toISOString();
  const contact: KeapContact = {
    id: store.id(),
    fields: { given_name: 'Ada', family_name: 'Lovelace', contact_type: 'Customer', job_title: 'Countess' },
    email_addresses: [
      { email: 'ada@example.com', field: 'EMAIL1' },
      { email: 'ada@engines.example', field: 'EMAIL2', opt_in_reason: 'Signed up at the fair' },
      { email: 'countess@home.example', field: 'EMAIL3' },
    ],
    phone_numbers: [
      { number: '+44 20 7946 0001', field: 'PHONE1', type: 'Work' },
      { number: '+44 20 7946 0002', field: 'PHONE2', type: 'Home', extension: '7' },
      { number: '+44 7700 900003', field: 'PHONE3', type: 'Mobile' },
    ],
    addresses: [
      { field: 'BILLING', line1: '12 St James Sq', locality: 'London', country_code: 'GBR', postal_code: 'SW1Y 4JH' },
      { field: 'SHIPPING', line1: '1 Dock Rd', locality: 'Phoenix', region: 'Arizona', region_code: 'US-AZ', country_code: 'USA', postal_code: '85001' },
      { field: 'OTHER', line1: 'Ockham Park', locality: 'Ockham', country_code: 'GBR', zip_four: '0001' },
    ],
    custom_fields: { 12: 'First notes', 14: 'Discovery', 16: '2026-01-02', 18: true, 20: 4 },
    tags: {},
    created: now,
    updated: now,
  };
  store.contacts.set(contact.id, contact);
  return contact;
};

const upsert = (inputData: Record<string, unknown>) => run<Contact>(ctx, ctx.keap, ops.upsertContact, inputData);

/** What the steps map: a new work phone, a new mobile, a new city, one custom field. */
const MAPPED = { email: 'ADA@example.com', phone: '+44 20 7946 0999', mobile_phone: '+44 7700 900999', city: 'Cambridge', custom_field_12: 'Booked a demo' };

const PATHS: Array<[string, () => Promise<Contact>]> = [
  ['by email', () => upsert(MAPPED)],
  ['by email and name', () => upsert({ ...MAPPED, first_name: 'ada', last_name: 'LOVELACE', match_on: 'email_and_name' })],
  ['with a lead source', () => upsert({ ...MAPPED, lead_source: 'Autumn Webinar', lead_source_category: 'Webinars' })],
  ['from Find or Create (the search missed, the create ran)', () => run<Contact>(ctx, ctx.keap, findOrCreate('find_contact').create, MAPPED)],
  ['replayed', async () => (await upsert(MAPPED), upsert(MAPPED))],
];

beforeEach(() => ctx.sandbox.reset());

describe('Create or Update Contact (Keap) keeps what it did not map', () => {
  it.each(PATHS)('%s: every other email, phone, address and custom field stays exactly as it was', async (_path, step) => {
    const before = structuredClone(seedRichContact());

    const result = await step();

    const after = ctx.sandbox.state.keap.contacts.get(before.id)!;
    expect(ctx.sandbox.state.keap.contacts.size).toBe(1);
    expect(result).toMatchObject({ id: String(before.id), created: false, phone: MAPPED.phone, city: 'Cambridge', warnings: [] });
    expect(after.email_addresses).toEqual(before.email_addresses);
    expect(after.phone_numbers).toEqual([
      { number: MAPPED.phone, field: 'PHONE1', type: 'Work' },
      before.phone_numbers[1],
      { number: MAPPED.mobile_phone, field: 'PHONE3', type: 'Mobile' },
    ]);
    expect(after.addresses).toEqual([{ ...before.addresses[0], locality: 'Cambridge' }, before.addresses[1], before.addresses[2]]);
    expect(after.custom_fields).toEqual({ ...before.custom_fields, 12: 'Booked a demo' });
    // The default contact type (Prospect) is for new contacts; an update keeps the contact's own.
    expect(after.fields).toMatchObject({ contact_type: 'Customer', job_title: 'Countess' });
  });

  it('sends only what the step changes: no list it does not change, no default contact type', async () => {
    const before = structuredClone(seedRichContact());

    await upsert({ email: 'ada@example.com', job_title: 'Analyst' });

    const [write] = writes(ctx.sandbox, 'keap');
    expect(write).toMatchObject({ method: 'PATCH', path: `/keap/crm/rest/v2/contacts/${before.id}` });
    expect(write!.body).toEqual({ job_title: 'Analyst' });
    const after = ctx.sandbox.state.keap.contacts.get(before.id)!;
    expect([after.email_addresses, after.phone_numbers, after.addresses, after.custom_fields]).toEqual([
      before.email_addresses,
      before.phone_numbers,
      before.addresses,
      before.custom_fields,
    ]);
  });

  it('the sandbox, like Keap, removes what a write leaves out of a list it sends', async () => {
    const before = seedRichContact();
    const response = await fetch(`${ctx.sandbox.env.KEAP_API_BASE_URL}/v2/contacts/${before.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ctx.keap.authData.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ phone_numbers: [{ number: '555 0100', field: 'PHONE1' }], custom_fields: [{ id: '12', content: 'Only' }] }),
    });

    expect(response.status).toBe(200);
    const after = ctx.sandbox.state.keap.contacts.get(before.id)!;
    expect(after.phone_numbers).toEqual([{ number: '555 0100', field: 'PHONE1' }]);
    expect(after.custom_fields).toEqual({ 12: 'Only' });
    expect(after.email_addresses).toHaveLength(3);
  });
});
