import { failure, lookupTrigger, ops, run, useIntegration, useOrgFeatures } from './support';

/** Create or Update Contact making and keeping Person Accounts, over HTTP against the sandbox. */
const ctx = useIntegration();

type Contact = Record<string, unknown> & { id: string; created: boolean; object_type: string };
type Field = { key: string; label?: string; helpText?: string; required?: boolean; choices?: Array<{ value: string; label: string }> };

const upsert = (inputData: Record<string, unknown>) => run<Contact>(ctx, ctx.salesforce, ops.upsertContact, inputData);
const formFields = (inputData: Record<string, unknown>) => run<Field[]>(ctx, ctx.salesforce, ops.upsertContactFields, inputData);
const record = (id: string) => ctx.sandbox.state.salesforce.record(id)!;
const PERSON_TYPE = '0128d000000PERSAA4';

beforeEach(() => ctx.sandbox.reset());

describe('Create or Update Contact as a Person Account', () => {
  useOrgFeatures(ctx, { personAccounts: true });

  it("offers only the Account's person record types, and the Account's person fields without the business Name", async () => {
    const fields = await formFields({ salesforce_object: 'PersonAccount' });
    const recordType = fields.find((field) => field.key === 'record_type_id');
    expect(recordType?.choices).toEqual([{ value: PERSON_TYPE, label: 'Person Account', sample: PERSON_TYPE }]);
    expect(recordType?.helpText).toMatch(/^The Person Account record type/);
    const keys = fields.map((field) => field.key);
    expect(keys).toEqual(expect.arrayContaining(['sf__Preferred_Channel__pc', 'sf__Salutation', 'sf__Industry']));
    expect(keys).not.toContain('sf__Name');
    expect(keys).not.toContain('sf__PersonEmail');
  });

  it('creates a Person Account with the person record type, then updates that one on the next run', async () => {
    const created = await upsert({ email: 'grace@example.com', first_name: 'Grace', salesforce_object: 'PersonAccount', sf__Preferred_Channel__pc: 'sms' });
    expect(created).toMatchObject({ created: true, object_type: 'PersonAccount', defaults_applied: ['LastName'] });
    expect(record(created.id)).toMatchObject({
      IsPersonAccount: true,
      RecordTypeId: PERSON_TYPE,
      FirstName: 'Grace',
      LastName: 'Unspecified',
      PersonEmail: 'grace@example.com',
      Preferred_Channel__pc: 'SMS',
    });

    const again = await upsert({ email: 'GRACE@example.com', last_name: 'Hopper', salesforce_object: 'PersonAccount' });
    expect(again).toMatchObject({ id: created.id, created: false, object_type: 'PersonAccount' });
    expect(record(created.id)).toMatchObject({ LastName: 'Hopper' });
    expect(ctx.sandbox.state.salesforce.records('Account')).toHaveLength(1);

    const [found] = await run<Contact[]>(ctx, ctx.salesforce, ops.findContact, { email: 'grace@example.com' });
    expect(found).toMatchObject({ id: created.id, object_type: 'PersonAccount' });
  });

  it('updates a Contact that already has the email instead of creating a Person Account beside it', async () => {
    const contact = await upsert({ email: 'ada@example.com', last_name: 'Lovelace', salesforce_object: 'Contact' });
    const again = await upsert({ email: 'ada@example.com', first_name: 'Ada', salesforce_object: 'PersonAccount' });
    expect(again).toMatchObject({ id: contact.id, created: false, object_type: 'Contact' });
    expect(ctx.sandbox.state.salesforce.records('Account')).toHaveLength(0);
  });

  it("offers the Person Account's own Lead Source and Account Type values in the form's dropdowns", async () => {
    const choices = async (kind: string) => (await run<Array<{ id: string }>>(ctx, ctx.salesforce, lookupTrigger(kind), { salesforce_object: 'PersonAccount' })).map((c) => c.id);
    expect(await choices('lead_source')).toEqual(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']);
    expect(await choices('contact_type')).toEqual(['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other']);
  });

  it('refuses a business record type, listing the person ones', async () => {
    const error = await failure(upsert({ email: 'biz@example.com', last_name: 'Biz', salesforce_object: 'PersonAccount', record_type_id: 'Business Account' }));
    expect(error.message).toBe(
      `Record Type (record_type_id) "Business Account" is not a Person Account record type available to the connected user. Choose one of: Person Account (${PERSON_TYPE}).`,
    );
    expect(ctx.sandbox.state.salesforce.records('Account')).toHaveLength(0);
  });
});

describe('Create or Update Contact as a Person Account in an org without them', () => {
  it('says the org has none before searching or writing', async () => {
    const error = await failure(upsert({ email: 'grace@example.com', last_name: 'Hopper', salesforce_object: 'PersonAccount' }));
    expect(error.message).toBe(
      "This Salesforce org does not use Person Accounts. Set Salesforce Object (salesforce_object) to Auto, Lead or Contact.",
    );
    expect(ctx.sandbox.requests.filter((request) => request.provider === 'salesforce' && request.method !== 'GET')).toEqual([]);
  });
});

describe('Lead Source dropdown with Lead record types', () => {
  useOrgFeatures(ctx, { leadRecordTypes: true });

  it("offers the chosen record type's Lead Source values, and every active one before a type is chosen", async () => {
    const leadSources = async (inputData: Record<string, unknown>) =>
      (await run<Array<{ id: string }>>(ctx, ctx.salesforce, lookupTrigger('lead_source'), { salesforce_object: 'Lead', ...inputData })).map((c) => c.id);
    expect(await leadSources({})).toEqual(['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other']);
    expect(await leadSources({ record_type_id: 'Partner' })).toEqual(['Partner Referral', 'Other']);
    const fields = await formFields({ salesforce_object: 'Lead', record_type_id: 'Inbound' });
    expect(fields.find((field) => field.key === 'record_type_id')?.choices?.map((c) => c.label)).toEqual(['Inbound', 'Partner']);
  });
});
