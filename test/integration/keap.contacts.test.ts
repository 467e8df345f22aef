import { apiCalls, clearAppCache, failure, findOrCreate, nextMillisecond, ops, run, useIntegration, writes } from './support';

/** Create or Update Contact and Find Contact for a Keap connection, over HTTP against the sandbox. */
const ctx = useIntegration();

type Contact = Record<string, unknown> & { id: string; created: boolean };

const upsert = (inputData: Record<string, unknown>) => run<Contact>(ctx, ctx.keap, ops.upsertContact, inputData);
const find = (email: string) => run<Contact[]>(ctx, ctx.keap, ops.findContact, { email });
const stored = () => [...ctx.sandbox.state.keap.contacts.values()];
const storedContact = (id: string) => ctx.sandbox.state.keap.contacts.get(Number(id))!;

beforeEach(() => ctx.sandbox.reset());

describe('Create or Update Contact (Keap)', () => {
  it('creates a contact, then updates the same one when the email comes back in another case', async () => {
    const first = await upsert({ email: 'Ada.Lovelace@Example.com', first_name: 'Ada', last_name: 'Lovelace', phone: '+44 20 7946 0958' });

    expect(first).toMatchObject({
      crm: 'keap',
      object_type: 'Contact',
      created: true,
      email: 'ada.lovelace@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      phone: '+44 20 7946 0958',
      contact_type: 'Prospect',
      url: `${ctx.sandbox.env.KEAP_WEB_APP_URL}/Contact/manageContact.jsp?view=edit&ID=${first.id}`,
    });
    const [write] = writes(ctx.sandbox, 'keap');
    expect(write).toMatchObject({ method: 'POST', path: '/keap/crm/rest/v2/contacts', query: { duplicate_option: 'Email' } });
    expect(write!.body).toEqual({
      email_addresses: [{ email: 'ada.lovelace@example.com', field: 'EMAIL1' }],
      given_name: 'Ada',
      family_name: 'Lovelace',
      phone_numbers: [{ number: '+44 20 7946 0958', field: 'PHONE1', type: 'Work' }],
      contact_type: 'Prospect',
    });

    const second = await upsert({ email: 'ADA.LOVELACE@example.com', job_title: 'Countess' });

    expect(second).toMatchObject({ id: first.id, created: false, first_name: 'Ada', job_title: 'Countess', phone: '+44 20 7946 0958' });
    expect(stored()).toHaveLength(1);
    expect(storedContact(first.id).fields).toMatchObject({ given_name: 'Ada', family_name: 'Lovelace', job_title: 'Countess' });
    expect(storedContact(first.id).phone_numbers).toEqual([expect.objectContaining({ number: '+44 20 7946 0958', field: 'PHONE1' })]);
  });

  it('links to a record page that opens the contact', async () => {
    const contact = await upsert({ email: 'grace@example.com', first_name: 'Grace' });

    const page = await fetch(String(contact.url));

    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Keap contact ${contact.id}`);
  });

  it('matches on email and name when asked: another name with the same email is another contact', async () => {
    const ada = await upsert({ email: 'shared@example.com', first_name: 'Ada', last_name: 'Lovelace', match_on: 'email_and_name' });
    const augusta = await upsert({ email: 'shared@example.com', first_name: 'Augusta', last_name: 'Lovelace', match_on: 'email_and_name' });
    const adaAgain = await upsert({ email: 'shared@example.com', first_name: 'ada', last_name: 'LOVELACE', match_on: 'email_and_name', job_title: 'Analyst' });

    expect([ada.created, augusta.created, adaAgain.created]).toEqual([true, true, false]);
    expect(adaAgain.id).toBe(ada.id);
    expect(augusta.id).not.toBe(ada.id);
    expect(stored()).toHaveLength(2);
    // New people are created with Keap's duplicate check on; the known one is updated by ID.
    expect(writes(ctx.sandbox, 'keap').map((r) => `${r.method} ${r.query.duplicate_option ?? r.path.split('/').pop()}`)).toEqual([
      'POST EmailAndName',
      'POST EmailAndName',
      `PATCH ${ada.id}`,
    ]);
  });

  it.each([
    ['Ada King Lovelace', 'Ada', 'King Lovelace'],
    ['Lovelace, Ada', 'Ada', 'Lovelace'],
    ['Ada', 'Ada', null],
  ])('splits the full name "%s" into first and last name', async (name, first, last) => {
    const contact = await upsert({ email: 'ada@example.com', name });

    expect([contact.first_name, contact.last_name]).toEqual([first, last]);
    expect(storedContact(contact.id).fields.given_name).toBe(first);
    expect(storedContact(contact.id).fields.family_name).toBe(last ?? undefined);
  });

  it('uses First Name and Last Name over the full name', async () => {
    const contact = await upsert({ email: 'ada@example.com', name: 'Someone Else', first_name: 'Ada', last_name: 'Lovelace' });

    expect([contact.first_name, contact.last_name]).toEqual(['Ada', 'Lovelace']);
  });

  it.each([
    ['United States', 'Arizona', 'USA', 'US-AZ', 'Arizona'],
    ['us', 'az', 'USA', 'US-AZ', 'Arizona'],
    ['CAN', 'Ontario', 'CAN', 'CA-ON', 'Ontario'],
    ['united kingdom', undefined, 'GBR', undefined, undefined],
  ])('stores country "%s" and region "%s" as Keap codes', async (country, region, alpha3, regionCode, regionName) => {
    const contact = await upsert({ email: 'ada@example.com', country_code: country, region });

    expect([contact.country_code, contact.region]).toEqual([alpha3, regionCode ?? null]);
    expect(storedContact(contact.id).addresses).toEqual([
      { field: 'BILLING', country_code: alpha3, ...(regionCode ? { region_code: regionCode, region: regionName } : {}) },
    ]);
  });

  it.each([
    ['Asia/Kolkata', 'Asia/Kolkata', []],
    ['Asia/Calcutta', 'Asia/Kolkata', ["Time Zone written as Asia/Kolkata, Keap's name for Asia/Calcutta."]],
    ['Europe/Kyiv', 'Europe/Kiev', ["Time Zone written as Europe/Kiev, Keap's name for Europe/Kyiv."]],
    ['Etc/UTC', 'UTC', ["Time Zone written as UTC, Keap's name for Etc/UTC."]],
    ['Asia/Kathmandu', undefined, ["Time Zone Asia/Kathmandu is not one Keap accepts for contacts, so the contact's time zone was left unchanged."]],
  ])('writes time zone %s as the name Keap knows (%s), or leaves it unset and says so', async (zone, written, warnings) => {
    const contact = await upsert({ email: 'ada@example.com', time_zone: zone });

    expect(contact).toMatchObject({ created: true, time_zone: written ?? null, warnings });
    expect(storedContact(contact.id).fields.time_zone).toBe(written);

    // Keap's refusals are remembered: the next step writes the name Keap takes at once.
    ctx.sandbox.resetRequestLog();
    await upsert({ email: 'ada@example.com', time_zone: zone, job_title: 'Analyst' });
    expect(writes(ctx.sandbox, 'keap')).toHaveLength(1);
    expect(writes(ctx.sandbox, 'keap')[0]!.body).toEqual({ job_title: 'Analyst', ...(written ? { time_zone: written } : {}) });
  });

  it.each([
    [
      { country_code: 'Untied States' },
      "Unknown country 'Untied States' in Country (country_code). Did you mean: United States of America (USA)? Use an ISO code (US or USA) or the English country name, or choose one from the list.",
    ],
    [
      { country_code: 'Narnia' },
      "Unknown country 'Narnia' in Country (country_code). Use an ISO code (US or USA) or the English country name, or choose one from the list.",
    ],
    [
      { country_code: 'USA', region: 'Arizna' },
      "Unknown region 'Arizna' for United States (USA) in Region (region). Did you mean: Arizona (US-AZ)? Use the region code (such as US-AZ or AZ) or its name, or choose one from the list.",
    ],
    [
      { region: 'Arizona' },
      'Region (region) is set to "Arizona" but Country (country_code) is empty. Keap needs the country to store a region: set Country too, or clear Region.',
    ],
  ])('refuses %j before writing anything', async (address, message) => {
    const error = await failure(upsert({ email: 'ada@example.com', lead_source: 'Brand New Source', ...address }));

    expect(error).toMatchObject({ name: 'AppError', message });
    expect(writes(ctx.sandbox)).toEqual([]);
    expect(stored()).toEqual([]);
  });

  it('creates a missing lead source once, in the OnceHub category, and finds it again on the next run', async () => {
    const source = 'Sales team > Discovery call > Olivia Host';
    const first = await upsert({ email: 'ada@example.com', lead_source: source });
    const { leadSources, leadSourceCategories } = ctx.sandbox.state.keap;
    const created = [...leadSources.values()].find((s) => s.name === source)!;
    const category = [...leadSourceCategories.values()].find((c) => c.name === 'OnceHub')!;

    expect(created).toMatchObject({ status: 'ACTIVE', lead_source_category_id: category.id });
    expect(first.lead_source_id).toBe(String(created.id));
    expect(storedContact(first.id).fields.leadsource_id).toBe(created.id);

    ctx.sandbox.resetRequestLog();
    const second = await upsert({ email: 'grace@example.com', lead_source: source.toUpperCase() });

    expect(second.lead_source_id).toBe(String(created.id));
    expect(leadSources.size).toBe(2);
    expect(writes(ctx.sandbox).map((r) => r.path)).toEqual(['/keap/crm/rest/v2/contacts']);
  });

  it('creates a lead source in the chosen category, and uses an existing one as it is', async () => {
    const webinar = await upsert({ email: 'ada@example.com', lead_source: 'Spring Webinar', lead_source_category: 'Webinars' });
    const { leadSources, leadSourceCategories } = ctx.sandbox.state.keap;
    const webinars = [...leadSourceCategories.values()].find((c) => c.name === 'Webinars')!;
    expect([...leadSources.values()].find((s) => s.name === 'Spring Webinar')).toMatchObject({
      id: Number(webinar.lead_source_id),
      lead_source_category_id: webinars.id,
    });

    ctx.sandbox.resetRequestLog();
    const organic = await upsert({ email: 'grace@example.com', lead_source: 'organic search' });

    const seeded = [...leadSources.values()].find((s) => s.name === 'Organic Search')!;
    expect(organic.lead_source_id).toBe(String(seeded.id));
    expect(writes(ctx.sandbox).map((r) => r.path)).toEqual(['/keap/crm/rest/v2/contacts']);
  });

  it("stores the account's spelling of a contact type, and refuses one the account does not have", async () => {
    const customer = await upsert({ email: 'ada@example.com', contact_type: 'customer' });
    expect(storedContact(customer.id).fields.contact_type).toBe('Customer');

    ctx.sandbox.resetRequestLog();
    const error = await failure(upsert({ email: 'grace@example.com', contact_type: 'Alien' }));

    expect(error.message).toBe(
      'Contact Type (contact_type) "Alien" is not one of this Keap account\'s values: Prospect, Customer, Partner, Vendor. Choose one from the list, or add it in Keap first.',
    );
    expect(writes(ctx.sandbox)).toEqual([]);
  });

  it('offers the custom fields of the contact model as typed inputs, and writes their values', async () => {
    const fields = await run<Array<Record<string, unknown>>>(ctx, ctx.keap, ops.upsertContactFields, {});
    const custom = fields.filter((field) => String(field.key).startsWith('custom_field_'));

    expect(custom.map(({ key, label, type, choices }) => ({ key, label, type, ...(choices ? { choices } : {}) }))).toEqual([
      { key: 'custom_field_12', label: 'Booking Notes', type: 'string' },
      {
        key: 'custom_field_14',
        label: 'Meeting Type',
        type: 'string',
        choices: ['Discovery', 'Demo', 'Follow-up'].map((label) => ({ value: label, sample: label, label })),
      },
      { key: 'custom_field_16', label: 'Last Booking Date', type: 'datetime' },
      { key: 'custom_field_18', label: 'Newsletter', type: 'boolean' },
      { key: 'custom_field_20', label: 'Bookings Count', type: 'integer' },
    ]);

    const contact = await upsert({ email: 'ada@example.com', custom_field_12: 'Prefers mornings', custom_field_14: 'Demo', custom_field_18: 'true' });

    expect(storedContact(contact.id).custom_fields).toEqual({ 12: 'Prefers mornings', 14: 'Demo', 18: true });
  });

  it('builds the form from z.cache the second time: the contact model is read once per cache', async () => {
    clearAppCache(ctx);
    const modelReads = () => apiCalls(ctx.sandbox, 'keap').filter((call) => call === 'GET /v2/contacts/model').length;

    await run(ctx, ctx.keap, ops.upsertContactFields, {});
    await run(ctx, ctx.keap, ops.upsertContactFields, {});
    expect(modelReads()).toBe(1);

    clearAppCache(ctx);
    await run(ctx, ctx.keap, ops.upsertContactFields, {});
    expect(modelReads()).toBe(2);
  });
});

describe('names beside IDs (Keap)', () => {
  it('outputs the lead source, owner and tag names, and names a lead source created after the names were remembered', async () => {
    const first = await upsert({ email: 'names@example.com', lead_source: 'Site > Demo', owner_id: '3' });
    expect(first).toMatchObject({ lead_source: 'Site > Demo', owner_id: '3', owner_name: 'Avery Owner (avery.owner@example.com)', tags: [] });

    // The lead source directory is remembered now; this new lead source is not in it yet.
    const second = await upsert({ email: 'names@example.com', lead_source: 'Site > Pricing' });
    expect(second).toMatchObject({ lead_source: 'Site > Pricing', owner_name: 'Avery Owner (avery.owner@example.com)' });

    const before = apiCalls(ctx.sandbox, 'keap').length;
    const [found] = await find('names@example.com');
    expect(found).toMatchObject({ lead_source: 'Site > Pricing', owner_name: 'Avery Owner (avery.owner@example.com)' });
    // Names come from the remembered directories: the search itself is the only call.
    expect(apiCalls(ctx.sandbox, 'keap').slice(before)).toEqual(['GET /v2/contacts']);
  });
});

describe('Find Contact (Keap)', () => {
  it('finds a contact whatever the case of the email, and returns [] when none has it', async () => {
    const ada = await upsert({ email: 'ada@example.com', first_name: 'Ada' });
    ctx.sandbox.resetRequestLog();

    expect(await find('ADA@Example.COM')).toEqual([expect.objectContaining({ id: ada.id, email: 'ada@example.com', created: false })]);
    expect(await find('nobody@example.com')).toEqual([]);
    expect(ctx.sandbox.requests.filter((r) => r.path === '/keap/crm/rest/v2/contacts' && r.method === 'GET').map((r) => r.query)).toEqual([
      expect.objectContaining({ filter: 'email==ada@example.com', order_by: 'update_time desc' }),
      expect.objectContaining({ filter: 'email==nobody@example.com', order_by: 'update_time desc' }),
    ]);
  });

  it('lists the most recently updated contact first', async () => {
    const ada = await upsert({ email: 'shared@example.com', first_name: 'Ada', match_on: 'email_and_name' });
    const grace = await upsert({ email: 'shared@example.com', first_name: 'Grace', match_on: 'email_and_name' });
    expect((await find('shared@example.com')).map((c) => c.id)).toEqual([grace.id, ada.id]);

    await nextMillisecond();
    await upsert({ email: 'shared@example.com', first_name: 'Ada', match_on: 'email_and_name', job_title: 'Analyst' });

    expect((await find('shared@example.com')).map((c) => c.id)).toEqual([ada.id, grace.id]);
  });

  it('pairs with Create or Update Contact as Find or Create: a miss creates, the next search finds it', async () => {
    const { pairing, search, create } = findOrCreate('find_contact');
    expect([pairing.search, pairing.create]).toEqual(['find_contact', 'upsert_contact']);
    const inputData = { email: 'new.person@example.com', first_name: 'New' };

    expect(await run(ctx, ctx.keap, search, inputData)).toEqual([]);
    const created = await run<Contact>(ctx, ctx.keap, create, inputData);
    const found = await run<Contact[]>(ctx, ctx.keap, search, inputData);

    expect(created.created).toBe(true);
    expect(found.map((c) => c.id)).toEqual([created.id]);
  });
});
