import {
  apiCalls,
  clearAppCache,
  failure,
  findOrCreate,
  nextMillisecond,
  ops,
  run,
  salesforceApi,
  salesforceWrites,
  useIntegration,
  useOrgFeatures,
} from './support';

/** Create or Update Contact and Find Contact for a Salesforce connection, over HTTP against the sandbox. */
const ctx = useIntegration();

type Contact = Record<string, unknown> & { id: string; created: boolean; object_type: string };
type Field = { key: string; label?: string; type?: string; required?: boolean; choices?: Array<{ value: string }> };

const upsert = (inputData: Record<string, unknown>) => run<Contact>(ctx, ctx.salesforce, ops.upsertContact, inputData);
const find = (inputData: Record<string, unknown>) => run<Contact[]>(ctx, ctx.salesforce, ops.findContact, inputData);
const formFields = (inputData: Record<string, unknown> = {}) => run<Field[]>(ctx, ctx.salesforce, ops.upsertContactFields, inputData);
const records = (object: string) => ctx.sandbox.state.salesforce.records(object);
const record = (id: string) => ctx.sandbox.state.salesforce.record(id)!;
const sobjectWrites = () => salesforceWrites(ctx.sandbox).filter((call) => call.includes('/sobjects/'));

beforeEach(() => ctx.sandbox.reset());

describe('Create or Update Contact (Salesforce)', () => {
  it('names the owner beside its ID: the connected user on a new record, the read owner, and a newly chosen one', async () => {
    const created = await upsert({ email: 'owner.names@example.com', last_name: 'Names' });
    expect(created).toMatchObject({ owner_id: record(created.id).OwnerId, owner_name: 'Sandbox Admin' });

    const owen = ctx.sandbox.state.salesforce.records('User').find((user) => user.LastName === 'Owner')!;
    const reassigned = await upsert({ email: 'owner.names@example.com', owner_id: owen.Id });
    expect(reassigned).toMatchObject({ created: false, owner_id: owen.Id, owner_name: 'Owen Owner' });

    const [found] = await run<Array<Record<string, unknown>>>(ctx, ctx.salesforce, ops.findContact, { email: 'owner.names@example.com' });
    expect(found).toMatchObject({ owner_id: owen.Id, owner_name: 'Owen Owner' });
  });

  it('creates a Lead when nobody has the email, filling the required Company, then updates that Lead', async () => {
    const created = await upsert({ email: 'Grace.Hopper@Example.com', name: 'Grace Hopper', lead_source: 'web', phone: '+1 202 555 0143' });

    expect(created).toMatchObject({
      crm: 'salesforce',
      object_type: 'Lead',
      created: true,
      email: 'grace.hopper@example.com',
      first_name: 'Grace',
      last_name: 'Hopper',
      company: 'Unspecified',
      defaults_applied: ['Company'],
      ignored_inputs: [],
      url: `${ctx.salesforce.authData.instance_url}/lightning/r/Lead/${created.id}/view`,
    });
    expect(ctx.sandbox.requests.find((r) => r.method === 'POST' && r.path.endsWith('/sobjects/Lead'))!.body).toEqual({
      FirstName: 'Grace',
      LastName: 'Hopper',
      Email: 'grace.hopper@example.com',
      Phone: '+1 202 555 0143',
      LeadSource: 'Web',
      Company: 'Unspecified',
    });
    expect(record(created.id)).toMatchObject({ Company: 'Unspecified', LeadSource: 'Web', Status: 'Open - Not Contacted' });

    ctx.sandbox.resetRequestLog();
    const updated = await upsert({ email: 'GRACE.HOPPER@example.com', company: 'US Navy', job_title: 'Rear Admiral' });

    expect(updated).toMatchObject({ id: created.id, object_type: 'Lead', created: false, defaults_applied: [], fields_written: ['Company', 'Title'] });
    expect(records('Lead')).toHaveLength(1);
    expect(record(created.id)).toMatchObject({ Email: 'grace.hopper@example.com', Company: 'US Navy', Title: 'Rear Admiral', FirstName: 'Grace' });
    expect(sobjectWrites()).toEqual([`PATCH /sobjects/Lead/${created.id}`]);
  });

  it('updates the Contact with the email in Auto even when a Lead has it too, ignoring what a Contact cannot hold', async () => {
    const lead = await upsert({ email: 'ada@example.com', last_name: 'Lovelace' });
    const contact = await upsert({ email: 'ada@example.com', last_name: 'Lovelace', salesforce_object: 'Contact' });
    expect([lead.object_type, contact.object_type, contact.created]).toEqual(['Lead', 'Contact', true]);

    const auto = await upsert({ email: 'ada@example.com', first_name: 'Ada', company: 'Analytical Engines' });

    expect(auto).toMatchObject({ id: contact.id, object_type: 'Contact', created: false, fields_written: ['FirstName'], ignored_inputs: ['company'] });
    expect(record(contact.id).FirstName).toBe('Ada');
    expect(record(lead.id).FirstName).toBeUndefined();
  });

  it('fills only empty fields in fill-empty mode, and writes nothing when none is empty', async () => {
    const lead = await upsert({ email: 'ada@example.com', last_name: 'Lovelace', phone: '111' });
    ctx.sandbox.resetRequestLog();

    const filled = await upsert({ email: 'ada@example.com', phone: '222', job_title: 'Analyst', update_mode: 'fill_empty' });

    expect(filled.fields_written).toEqual(['Title']);
    expect(record(lead.id)).toMatchObject({ Phone: '111', Title: 'Analyst' });
    expect(sobjectWrites()).toEqual([`PATCH /sobjects/Lead/${lead.id}`]);

    ctx.sandbox.resetRequestLog();
    const nothing = await upsert({ email: 'ada@example.com', phone: '333', update_mode: 'fill_empty' });
    expect(nothing.fields_written).toEqual([]);
    expect(sobjectWrites()).toEqual([]);
  });

  it('writes a lead source outside the unrestricted Lead Source picklist as given, and says so in the output', async () => {
    const lead = await upsert({ email: 'ada@example.com', lead_source: 'Trade Show (Legacy)' });

    expect(record(lead.id)).toMatchObject({ LeadSource: 'Trade Show (Legacy)' });
    expect(lead.warnings).toEqual([
      'Lead Source (lead_source): "Trade Show (Legacy)" is not one of the Lead Source (LeadSource) picklist values; it was written as given, since the picklist is unrestricted. ' +
        'Its values: Web, Phone Inquiry, Partner Referral, Purchased List, Other.',
    ]);
  });

  describe('when an admin restricts Lead Source', () => {
    useOrgFeatures(ctx, { restrictLeadSource: true });

    it('refuses a value outside the list, listing the valid ones, before writing', async () => {
      const error = await failure(upsert({ email: 'ada@example.com', lead_source: 'Trade Show (Legacy)' }));

      expect(error).toMatchObject({
        name: 'AppError',
        message:
          'Lead Source (lead_source): "Trade Show (Legacy)" is not an active value of Lead Source (LeadSource). ' +
          'Valid values: Web, Phone Inquiry, Partner Referral, Purchased List, Other.',
      });
      expect(sobjectWrites()).toEqual([]);
      expect(records('Lead')).toEqual([]);
    });

  });

  it('links to the record page', async () => {
    const lead = await upsert({ email: 'ada@example.com', last_name: 'Lovelace' });

    const page = await fetch(String(lead.url));

    expect(page.status).toBe(200);
    expect(await page.text()).toContain(`Salesforce Lead ${lead.id}`);
  });

  it('writes country and region as given when the org stores them as text', async () => {
    const lead = await upsert({ email: 'ada@example.com', last_name: 'Lovelace', country_code: 'USA', region: 'Arizona' });

    expect(record(lead.id)).toMatchObject({ Country: 'USA', State: 'Arizona' });
  });

  describe('with State and Country picklists', () => {
    useOrgFeatures(ctx, { statePicklists: true });

    it.each([
      ['USA', 'arizona', 'US', 'AZ'],
      ['United States', 'US-AZ', 'US', 'AZ'],
      ['gbr', undefined, 'GB', undefined],
      ['Canada', 'ON', 'CA', 'ON'],
    ])('turns country "%s" and region "%s" into the picklist codes', async (country, region, countryCode, stateCode) => {
      const lead = await upsert({ email: 'ada@example.com', last_name: 'Lovelace', country_code: country, region });

      expect(record(lead.id)).toMatchObject({ CountryCode: countryCode, StateCode: stateCode ?? null });
    });

    it.each([
      [
        { country_code: 'Untied States' },
        "Unknown country 'Untied States' in Country (country_code). Did you mean: United States of America (USA)? Use an ISO code (US or USA) or the English country name, or choose one from the list.",
      ],
      [
        { country_code: 'Iceland' },
        "Iceland (ISL) is not in this Salesforce org's country list, in Country (country_code): choose a country from the list, or ask an admin to enable it (Setup > State and Country/Territory Picklists).",
      ],
      [
        { country_code: 'Canada', region: 'Arizona' },
        "Unknown region 'Arizona' for Canada (CA) in Region (region). Use the region code (such as US-AZ or AZ) or its name, or choose one from the list.",
      ],
      [{ region: 'Arizona' }, 'Region (region) needs a Country (country_code): this Salesforce org stores states per country.'],
    ])('refuses %j before writing', async (address, message) => {
      const error = await failure(upsert({ email: 'ada@example.com', last_name: 'Lovelace', ...address }));

      expect(error.message).toBe(message);
      expect(sobjectWrites()).toEqual([]);
    });
  });

  it("offers the Lead's own fields as inputs: picklists with active values only, nothing the standard inputs cover", async () => {
    clearAppCache(ctx);
    const fields = await formFields();
    const byKey = new Map(fields.map((field) => [field.key, field]));

    expect(fields.filter((f) => ['salesforce_object', 'update_mode', 'record_type_id'].includes(f.key)).map((f) => f.key)).toEqual([
      'salesforce_object',
      'update_mode',
    ]);
    expect(byKey.get('sf__Preferred_Channel__c')).toMatchObject({ label: 'Preferred Channel', type: 'string', required: false });
    expect(byKey.get('sf__Preferred_Channel__c')!.choices!.map((c) => c.value)).toEqual(['Email', 'Phone', 'SMS']);
    expect(byKey.get('sf__NumberOfEmployees')).toMatchObject({ label: 'Employees', type: 'integer' });
    expect(byKey.get('sf__Description')).toMatchObject({ type: 'text' });
    for (const covered of ['sf__Email', 'sf__Company', 'sf__LastName', 'sf__LeadSource', 'sf__Status', 'sf__IsConverted', 'sf__Id', 'sf__OwnerId']) {
      expect(byKey.has(covered)).toBe(false);
    }

    const contactFields = await formFields({ salesforce_object: 'Contact' });
    const contactKeys = contactFields.map((f) => f.key);
    expect(contactKeys).toEqual(expect.arrayContaining(['sf__Department', 'sf__Birthdate', 'sf__AccountId']));
    expect(contactKeys).not.toContain('sf__Industry');
  });

  it("gives the org's own fields labels the form does not already show: its custom Region beside the standard one", async () => {
    const fields = await formFields();
    const labels = fields.map((field) => field.label);

    expect(fields.find((field) => field.key === 'sf__Region__c')).toMatchObject({ label: 'Region (Salesforce Field)' });
    expect(fields.find((field) => field.key === 'region')).toMatchObject({ label: 'Region' });
    expect(labels.filter((label, i) => labels.indexOf(label) !== i)).toEqual([]);
  });

  it('builds the form from z.cache the second time: no describe call', async () => {
    clearAppCache(ctx);
    const describes = () => apiCalls(ctx.sandbox, 'salesforce').filter((call) => call.endsWith('/describe'));

    await formFields();
    expect(describes()).toEqual(['GET /sobjects/Lead/describe']);
    await formFields();
    expect(describes()).toEqual(['GET /sobjects/Lead/describe']);
  });

  it('writes dynamic field values in the field’s own terms, and refuses an inactive picklist value', async () => {
    const lead = await upsert({ email: 'ada@example.com', last_name: 'Lovelace', sf__Preferred_Channel__c: 'phone', sf__NumberOfEmployees: '1,200' });
    expect(record(lead.id)).toMatchObject({ Preferred_Channel__c: 'Phone', NumberOfEmployees: 1200 });

    ctx.sandbox.resetRequestLog();
    const error = await failure(upsert({ email: 'grace@example.com', last_name: 'Hopper', sf__Preferred_Channel__c: 'Fax' }));
    expect(error.message).toBe(
      'Preferred Channel (sf__Preferred_Channel__c): "Fax" is not an active value of Preferred Channel (Preferred_Channel__c). Valid values: Email, Phone, SMS.',
    );
    expect(sobjectWrites()).toEqual([]);
  });

  describe('when the org makes a custom field required', () => {
    useOrgFeatures(ctx, { requireRegion: true });

    it('marks it required in the form and fills it with a typed default when left empty', async () => {
      const fields = await formFields();
      expect(fields.find((f) => f.key === 'sf__Region__c')).toMatchObject({ required: true });

      const defaulted = await upsert({ email: 'ada@example.com', last_name: 'Lovelace' });
      const given = await upsert({ email: 'grace@example.com', last_name: 'Hopper', sf__Region__c: 'EMEA' });

      expect(defaulted.defaults_applied).toEqual(['Company', 'Region__c']);
      expect(record(defaulted.id).Region__c).toBe('Unspecified');
      expect(given.defaults_applied).toEqual(['Company']);
      expect(record(given.id).Region__c).toBe('EMEA');
    });
  });
});

describe('Find Contact (Salesforce)', () => {
  it('finds whatever the case of the email, and returns [] when nobody has it', async () => {
    const lead = await upsert({ email: 'ada@example.com', last_name: 'Lovelace' });

    expect(await find({ email: 'ADA@EXAMPLE.com' })).toEqual([expect.objectContaining({ id: lead.id, object_type: 'Lead', email: 'ada@example.com' })]);
    expect(await find({ email: 'nobody@example.com' })).toEqual([]);
  });

  it('lists Contacts before Leads, each newest first, and searches one object when asked', async () => {
    const lead = await upsert({ email: 'shared@example.com', last_name: 'Lead' });
    const older = await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Contact', { LastName: 'Older', Email: 'shared@example.com' });
    await nextMillisecond();
    const newer = await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Contact', { LastName: 'Newer', Email: 'Shared@Example.com' });

    expect((await find({ email: 'shared@example.com' })).map((c) => [c.object_type, c.id])).toEqual([
      ['Contact', newer.id],
      ['Contact', older.id],
      ['Lead', lead.id],
    ]);

    await nextMillisecond();
    await salesforceApi(ctx.salesforce, 'PATCH', `/sobjects/Contact/${older.id}`, { Title: 'Touched' });
    expect((await find({ email: 'shared@example.com' })).map((c) => c.id)).toEqual([older.id, newer.id, lead.id]);
    expect((await find({ email: 'shared@example.com', record_type: 'Lead' })).map((c) => c.id)).toEqual([lead.id]);
    expect((await find({ email: 'shared@example.com', record_type: 'Contact' })).map((c) => c.id)).toEqual([older.id, newer.id]);
  });

  it('says so when Person Accounts are asked for in an org known to have none', async () => {
    clearAppCache(ctx);
    await find({ email: 'ada@example.com' });

    const error = await failure(find({ email: 'ada@example.com', record_type: 'PersonAccount' }));

    expect(error.message).toBe('This Salesforce org does not use Person Accounts. Set Record Type (record_type) to Any, Contact or Lead.');
  });

  it('pairs with Create or Update Contact as Find or Create: a miss creates a Lead, the next search finds it', async () => {
    const { search, create } = findOrCreate('find_contact');
    const inputData = { email: 'new.person@example.com', name: 'New Person' };

    expect(await run(ctx, ctx.salesforce, search, inputData)).toEqual([]);
    const created = await run<Contact>(ctx, ctx.salesforce, create, inputData);
    const found = await run<Contact[]>(ctx, ctx.salesforce, search, inputData);

    expect(created).toMatchObject({ created: true, object_type: 'Lead' });
    expect(found.map((c) => c.id)).toEqual([created.id]);
  });
});
