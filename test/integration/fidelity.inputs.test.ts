import { failure, ops, run, useIntegration } from './support';

/**
 * Values real accounts accept must not be refused on the way in: email addresses Salesforce
 * documents as valid, and booleans and numbers arriving as text (mapped text, inputDataRaw, older
 * runners). Each goes through the real app to the sandbox, on both CRMs.
 */
const ctx = useIntegration();

type Output = Record<string, unknown> & { id: string };

beforeEach(() => ctx.sandbox.reset());

const CRMS = ['keap', 'salesforce'] as const;

describe.each(CRMS)('%s: inputs real accounts accept', (crm) => {
  const connection = () => ctx[crm];
  const upsert = (inputData: Record<string, unknown>) => run<Output>(ctx, connection(), ops.upsertContact, inputData);

  it.each([
    'ann_100%@example.com',
    "o'brien+bookings@example.com",
    'a!#$&*/=?^_{|}~-z@example.com',
    'jörg@example.de',
  ])('creates and finds the contact for %s (Salesforce documents it as valid)', async (email) => {
    const contact = await upsert({ email, last_name: 'Tester' });
    const found = await run<Output[]>(ctx, connection(), ops.findContact, { email });

    expect(contact).toMatchObject({ email });
    expect(found.map((c) => c.id)).toEqual([contact.id]);
  });

  it.each([
    ['ada.example.com', 'no @'],
    ['ada lovelace@example.com', 'a space'],
    ['ada@localhost', 'no dotted domain'],
  ])('refuses %s (%s) before any call, naming the field', async (email) => {
    const error = await failure(upsert({ email }));

    expect(error.message).toBe(
      `Please fix this step's input: Email (email) is not an email address (it needs one @, no spaces and a domain with a dot, such as name@example.com); got "${email}".`,
    );
    expect(ctx.sandbox.requests.filter((r) => r.provider === crm)).toEqual([]);
  });

  it.each(['no', 'NO', 'false', '0', ' False '])('reads Create Missing Tags %j as false', async (value) => {
    const contact = await upsert({ email: 'ada@example.com', last_name: 'Lovelace' });
    ctx.sandbox.resetRequestLog();

    const error = await failure(run(ctx, connection(), ops.applyTag, { contact_id: contact.id, tags: ['Never Heard Of'], create_missing_tags: value }));

    // Only a step whose Create Missing Tags reads as off refuses the unknown tag instead of creating it.
    expect(error.message).toContain('Turn on Create Missing Tags (create_missing_tags)');
  });

  it('refuses a Create Missing Tags value that is not a yes or no, naming the field', async () => {
    const error = await failure(run(ctx, connection(), ops.applyTag, { contact_id: '1', tags: ['VIP'], create_missing_tags: 'maybe' }));

    expect(error.message).toBe(
      'Please fix this step\'s input: Create Missing Tags (create_missing_tags) must be true or false (yes/no and 1/0 work too); got "maybe".',
    );
  });

  it.each([
    [' 45 ', 45],
    ['90', 90],
  ])('reads Duration (Minutes) %j as %d', async (value, minutes) => {
    const contact = await upsert({ email: 'ada@example.com', last_name: 'Lovelace' });
    const output = await run<Output>(ctx, connection(), ops.activity, {
      booking_id: `BKNG-${minutes}`,
      contact_id: contact.id,
      start_time: '2026-07-01T09:00:00Z',
      duration_minutes: value,
    });

    if (crm === 'keap') expect(ctx.sandbox.state.keap.tasks.get(Number(output.id))!.description).toContain(`Duration: ${minutes} minutes`);
    else expect(ctx.sandbox.state.salesforce.record(output.id)).toMatchObject({ DurationInMinutes: minutes });
  });

  it.each([
    ['forty', 'must be a number'],
    ['2.5', 'must be a whole number of minutes'],
  ])('refuses Duration (Minutes) %j, naming the field', async (value, why) => {
    const error = await failure(
      run(ctx, connection(), ops.activity, { booking_id: 'BKNG-X', contact_id: '1', start_time: '2026-07-01T09:00:00Z', duration_minutes: value }),
    );

    expect(error.message).toBe(`Please fix this step's input: Duration (Minutes) (duration_minutes) ${why}; got "${value}".`);
  });
});

/**
 * Keap checks countries against its list; a Salesforce org without State and Country picklists
 * stores any text. Both now judge the input against ISO 3166-1, so it fails, or passes, alike.
 */
describe('countries: one verdict on both CRMs', () => {
  const upsertOn = (crm: (typeof CRMS)[number], country: string) =>
    run<Output>(ctx, ctx[crm], ops.upsertContact, { email: 'ada@example.com', last_name: 'Lovelace', country_code: country });

  it.each([
    ['Narnia', "Unknown country 'Narnia' in Country (country_code). Use an ISO code (US or USA) or the English country name, or choose one from the list."],
    [
      'Grmany',
      "Unknown country 'Grmany' in Country (country_code). Did you mean: Germany (DEU)? Use an ISO code (US or USA) or the English country name, or choose one from the list.",
    ],
    ['XYZ', "Unknown country 'XYZ' in Country (country_code). Use an ISO code (US or USA) or the English country name, or choose one from the list."],
  ])('refuses %j with the same words on Keap and on a text-address Salesforce org, writing nothing', async (country, message) => {
    const keap = await failure(upsertOn('keap', country));
    const salesforce = await failure(upsertOn('salesforce', country));

    expect([keap.message, salesforce.message]).toEqual([message, message]);
    expect(ctx.sandbox.state.keap.contacts.size).toBe(0);
    expect(ctx.sandbox.state.salesforce.records('Lead')).toEqual([]);
  });

  it.each([
    ['Ivory Coast', 'CIV'],
    ['UK', 'GBR'],
    ['Czechia', 'CZE'],
  ])('accepts %j on both: Keap stores its code, the text-address org the words as given', async (country, alpha3) => {
    const keapContact = await upsertOn('keap', country);
    const lead = await upsertOn('salesforce', country);

    expect(ctx.sandbox.state.keap.contacts.get(Number(keapContact.id))!.addresses[0]).toMatchObject({ country_code: alpha3 });
    expect(ctx.sandbox.state.salesforce.record(lead.id)).toMatchObject({ Country: country });
  });
});
