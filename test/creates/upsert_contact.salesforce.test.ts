import { rejection } from '../helpers/errors';
import {
  API,
  App,
  cachedKeys,
  bodiesOf,
  CONNECTIONS,
  expectComposite,
  mockDescribe,
  mockOwnerName,
  mockRecordTypePicklists,
  OWNER_NAME,
  records,
  runStep,
  sf,
  soqlOf,
  useNock,
  type Connection,
  type Sub,
} from '../providers/salesforce/support';
import duplicates from './fixtures/salesforce/duplicates-detected.json';
import requiredMissing from './fixtures/salesforce/required-field-missing.json';
import validationRule from './fixtures/salesforce/validation-rule.json';
import invalidField from './fixtures/salesforce/invalid-field.json';

const perform = App.creates.upsert_contact.operation.perform;
type Output = Record<string, unknown>;

const ok = (referenceId: string, type: string, rows: Array<Record<string, unknown>> = []): Sub => ({
  referenceId,
  httpStatusCode: 200,
  body: records(type, rows),
});
const today = () => new Date().toISOString().slice(0, 10);

/** Describes for an org; `personAccounts` switches the Account describe. */
const describes = ({ personAccounts = false, textAddress = false, auth = CONNECTIONS.myDomain as Connection } = {}) => {
  mockDescribe('Lead', textAddress ? 'lead-text-address' : 'lead', auth);
  mockDescribe('Contact', textAddress ? 'contact-text-address' : 'contact', auth);
  mockDescribe('Account', personAccounts ? 'account-person' : 'account', auth);
};

const ada = { email: 'Ada@Example.com', first_name: 'Ada', last_name: 'Lovelace' };

const LEAD_DEFAULTS = { Company: 'Unspecified', Booking_Channel__c: 'Website', Region_Code__c: 'Unspecified' };

describe('Create or Update Contact (Salesforce)', () => {
  useNock();
  beforeEach(() => mockOwnerName());

  it('creates a Lead when nobody has the email, filling unmapped required fields with typed defaults', async () => {
    describes();
    const find = expectComposite(() => [ok('Contact', 'Contact'), ok('Lead', 'Lead')]);
    const create = bodiesOf();
    sf().post(`${API}/sobjects/Lead`, create.matcher).reply(201, { id: '00Q5g00000New01AAA', success: true, errors: [] });

    const result = await runStep<Output>(perform, { ...ada, lead_source: 'web', phone: '+1 555 0100' });

    expect(find[0]!.compositeRequest.map((sub) => sub.referenceId)).toEqual(['Contact', 'Lead']);
    expect(create.bodies).toEqual([
      {
        FirstName: 'Ada',
        LastName: 'Lovelace',
        Email: 'ada@example.com',
        Phone: '+1 555 0100',
        LeadSource: 'Web',
        ...LEAD_DEFAULTS,
        Consent_Date__c: today(),
      },
    ]);
    expect(result).toEqual({
      id: '00Q5g00000New01AAA',
      crm: 'salesforce',
      object_type: 'Lead',
      created: true,
      email: 'ada@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      url: 'https://acme.my.salesforce.com/lightning/r/Lead/00Q5g00000New01AAA/view',
      // A new record is the connected user's, and the output names them beside the ID.
      owner_id: '005000000000001AAA',
      owner_name: OWNER_NAME,
      account_id: null,
      company: 'Unspecified',
      lead_status: null,
      person_contact_id: null,
      last_modified_date: null,
      fields_written: ['FirstName', 'LastName', 'Email', 'Phone', 'LeadSource', 'Company', 'Booking_Channel__c', 'Region_Code__c', 'Consent_Date__c'],
      defaults_applied: ['Company', 'Booking_Channel__c', 'Region_Code__c', 'Consent_Date__c'],
      ignored_inputs: [],
      warnings: [],
    });
  });

  it('writes values outside unrestricted picklists (Lead Source, Rating) as given, and lists them in the output', async () => {
    describes();
    expectComposite(() => [ok('Contact', 'Contact'), ok('Lead', 'Lead')]);
    const create = bodiesOf();
    sf().post(`${API}/sobjects/Lead`, create.matcher).reply(201, { id: '00Q5g00000New01AAA', success: true, errors: [] });

    const result = await runStep<Output>(perform, { ...ada, lead_source: 'Trade Show', sf__Rating: 'Frozen' });

    expect(create.bodies).toEqual([expect.objectContaining({ LeadSource: 'Trade Show', Rating: 'Frozen' })]);
    expect(result.warnings).toEqual([
      'Lead Source (lead_source): "Trade Show" is not one of the Lead Source (LeadSource) picklist values; it was written as given, since the picklist is unrestricted. Its values: Web, Phone Inquiry, Partner Referral, OnceHub.',
      'Rating (sf__Rating): "Frozen" is not one of the Rating (Rating) picklist values; it was written as given, since the picklist is unrestricted. Its values: Hot, Warm, Cold.',
    ]);
  });

  it('needs only the search and the write once describes are cached (a second run is two round trips)', async () => {
    describes();
    expectComposite(() => [ok('Contact', 'Contact'), ok('Lead', 'Lead')]);
    sf().post(`${API}/sobjects/Lead`).reply(201, { id: '00Q5g00000New01AAA', success: true, errors: [] });
    await runStep(perform, { ...ada, company: 'Analytical Engines' });

    // No describe mocks now: a describe call would hit a closed network and fail the step.
    expectComposite(() => [ok('Contact', 'Contact'), ok('Lead', 'Lead', [{ Id: '00Q5g00000New01AAA', Email: 'ada@example.com' }])]);
    const update = bodiesOf();
    sf().patch(`${API}/sobjects/Lead/00Q5g00000New01AAA`, update.matcher).reply(204);
    const result = await runStep<Output>(perform, { ...ada, company: 'Analytical Engines' }, { cold: false });

    expect(update.bodies).toEqual([{ FirstName: 'Ada', LastName: 'Lovelace', Company: 'Analytical Engines' }]);
    expect(result).toMatchObject({ id: '00Q5g00000New01AAA', object_type: 'Lead', created: false, defaults_applied: [] });
  });

  it('updates the existing Contact before any Lead, with Mailing address codes from the State and Country picklists', async () => {
    describes();
    expectComposite(() => [
      ok('Contact', 'Contact', [{ Id: '0035g0000Ada001AAA', FirstName: 'Ada', LastName: 'Lovelace', Email: 'ada@example.com', AccountId: '0015g00000Acme1AAA' }]),
      ok('Lead', 'Lead', [{ Id: '00Q5g0000Lead01AAA', Email: 'ada@example.com' }]),
    ]);
    const update = bodiesOf();
    sf().patch(`${API}/sobjects/Contact/0035g0000Ada001AAA`, update.matcher).reply(204);

    const result = await runStep<Output>(perform, {
      ...ada,
      company: 'Analytical Engines',
      website: 'https://example.com',
      job_title: 'Analyst',
      address_line1: '12 St James Sq',
      address_line2: 'Floor 2',
      city: 'Los Angeles',
      region: 'california',
      country_code: 'united states',
      postal_code: '90001',
      lead_source: 'OnceHub',
      contact_type: 'Working - Contacted',
    });

    expect(update.bodies).toEqual([
      {
        FirstName: 'Ada',
        LastName: 'Lovelace',
        Title: 'Analyst',
        MailingCity: 'Los Angeles',
        MailingPostalCode: '90001',
        LeadSource: 'OnceHub',
        MailingStreet: '12 St James Sq\nFloor 2',
        MailingCountryCode: 'US',
        MailingStateCode: 'CA',
      },
    ]);
    expect(result).toMatchObject({
      id: '0035g0000Ada001AAA',
      object_type: 'Contact',
      created: false,
      account_id: '0015g00000Acme1AAA',
      url: 'https://acme.my.salesforce.com/lightning/r/Contact/0035g0000Ada001AAA/view',
      ignored_inputs: ['company', 'website', 'contact_type'],
    });
  });

  it('writes country and state as text where the org has no State and Country picklists, on a classic instance host', async () => {
    const auth = CONNECTIONS.classic;
    describes({ textAddress: true, auth });
    expectComposite(() => [ok('Contact', 'Contact'), ok('Lead', 'Lead', [{ Id: '00Q5g0000Lead01AAA', Email: 'ada@example.com' }])], auth);
    const update = bodiesOf();
    sf(auth).patch(`${API}/sobjects/Lead/00Q5g0000Lead01AAA`, update.matcher).reply(204);

    const result = await runStep<Output>(perform, { ...ada, region: 'Bavaria', country_code: 'Germany', contact_type: 'working - contacted' }, { auth });

    expect(update.bodies).toEqual([{ FirstName: 'Ada', LastName: 'Lovelace', Status: 'Working - Contacted', Country: 'Germany', State: 'Bavaria' }]);
    expect(result.url).toBe('https://na85.salesforce.com/lightning/r/Lead/00Q5g0000Lead01AAA/view');
  });

  it('updates a Person Account through its Person fields where the org has them', async () => {
    describes({ personAccounts: true });
    const find = expectComposite(() => [
      ok('Contact', 'Contact', [{ Id: '0035g0000Person1AA', Email: 'ada@example.com', LastModifiedDate: '2026-11-21T09:00:00.000+0000' }]),
      ok('PersonAccount', 'Account', [
        { Id: '0015g0000Person1AA', PersonEmail: 'ada@example.com', PersonContactId: '0035g0000Person1AA', LastModifiedDate: '2026-11-21T09:00:00.000+0000' },
      ]),
      ok('Lead', 'Lead'),
    ]);
    const update = bodiesOf();
    sf().patch(`${API}/sobjects/Account/0015g0000Person1AA`, update.matcher).reply(204);

    const result = await runStep<Output>(perform, { ...ada, mobile_phone: '+44 20 7946 0000', country_code: 'GB', lead_source: 'Web', contact_type: 'Prospect' });

    expect(find[0]!.compositeRequest.map((sub) => sub.referenceId)).toEqual(['Contact', 'PersonAccount', 'Lead']);
    expect(update.bodies).toEqual([
      { FirstName: 'Ada', LastName: 'Lovelace', PersonMobilePhone: '+44 20 7946 0000', PersonLeadSource: 'Web', Type: 'Prospect', PersonMailingCountryCode: 'GB' },
    ]);
    expect(result).toMatchObject({
      id: '0015g0000Person1AA',
      object_type: 'PersonAccount',
      person_contact_id: '0035g0000Person1AA',
      url: 'https://acme.my.salesforce.com/lightning/r/Account/0015g0000Person1AA/view',
    });
  });

  it("creates a Person Account with the connected user's person record type when Salesforce Object is Person Account", async () => {
    mockDescribe('Contact', 'contact');
    mockDescribe('Account', 'account-person');
    sf()
      .get(`${API}/query`)
      .query({ q: "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true AND IsActive = true" })
      .reply(200, records('RecordType', [{ Id: '0125g000000PersAAA' }]));
    mockRecordTypePicklists('Account', '0125g000000PersAAA', 'account-person-account');
    const find = expectComposite(() => [ok('PersonAccount', 'Account'), ok('Contact', 'Contact')]);
    const create = bodiesOf();
    sf().post(`${API}/sobjects/Account`, create.matcher).reply(201, { id: '0015g00000New01AAA', success: true, errors: [] });

    const result = await runStep<Output>(perform, { ...ada, salesforce_object: 'PersonAccount', lead_source: 'web', contact_type: 'prospect' });

    expect(find[0]!.compositeRequest.map((sub) => sub.referenceId)).toEqual(['PersonAccount', 'Contact']);
    expect(create.bodies).toEqual([
      { FirstName: 'Ada', LastName: 'Lovelace', PersonEmail: 'ada@example.com', PersonLeadSource: 'Web', Type: 'Prospect', RecordTypeId: '0125g000000PersAAA' },
    ]);
    expect(result).toMatchObject({ id: '0015g00000New01AAA', created: true, object_type: 'PersonAccount', defaults_applied: [] });
  });

  it('fill-empty mode reads the fields with the search and sends only the empty ones', async () => {
    describes();
    const find = expectComposite(() => [
      ok('Contact', 'Contact'),
      ok('Lead', 'Lead', [{ Id: '00Q5g0000Lead01AAA', Email: 'ada@example.com', FirstName: 'Ada', LastName: 'King', Phone: '+1 555 0199', Title: null, Rating: '' }]),
    ]);
    const update = bodiesOf();
    sf().patch(`${API}/sobjects/Lead/00Q5g0000Lead01AAA`, update.matcher).reply(204);

    const result = await runStep<Output>(perform, { ...ada, phone: '+1 555 0100', job_title: 'Analyst', update_mode: 'fill_empty', sf__Rating: 'warm' });

    const leadQuery = soqlOf(find[0]!.compositeRequest[1]!.url);
    expect(leadQuery).toMatch(/^SELECT Id, FirstName, LastName, Email, Company, Status, OwnerId, Owner.Name, LastModifiedDate, Phone, MobilePhone, Title, Website, City, PostalCode, LeadSource, Street, State, StateCode, Country, CountryCode, Rating FROM Lead WHERE/);
    expect(update.bodies).toEqual([{ Title: 'Analyst', Rating: 'Warm' }]);
    expect(result).toMatchObject({ last_name: 'King', fields_written: ['Title', 'Rating'] });
  });

  it('fill-empty mode skips the write when nothing is empty', async () => {
    describes();
    expectComposite(() => [
      ok('Contact', 'Contact', [{ Id: '0035g0000Ada001AAA', Email: 'ada@example.com', FirstName: 'Ada', LastName: 'Lovelace' }]),
      ok('Lead', 'Lead'),
    ]);
    const result = await runStep<Output>(perform, { ...ada, update_mode: 'fill_empty' });
    expect(result).toMatchObject({ id: '0035g0000Ada001AAA', created: false, fields_written: [] });
  });

  it('creates a Contact with the chosen record type when Salesforce Object is Contact', async () => {
    mockDescribe('Contact', 'contact');
    mockDescribe('Account', 'account');
    const find = expectComposite(() => [ok('Contact', 'Contact')]);
    const create = bodiesOf();
    sf().post(`${API}/sobjects/Contact`, create.matcher).reply(201, { id: '0035g00000New01AAA', success: true, errors: [] });

    const result = await runStep<Output>(perform, { email: 'ada@example.com', first_name: 'Ada', salesforce_object: 'Contact', sf__Preferred_Channel__c: 'video' });

    expect(find[0]!.compositeRequest.map((sub) => sub.referenceId)).toEqual(['Contact']);
    expect(create.bodies).toEqual([{ FirstName: 'Ada', Email: 'ada@example.com', Preferred_Channel__c: 'Video', LastName: 'Unspecified' }]);
    expect(result).toMatchObject({ object_type: 'Contact', created: true, defaults_applied: ['LastName'] });
  });

  it('sets an active record type on a new Lead and converts dynamic field values by type', async () => {
    describes();
    mockRecordTypePicklists('Lead', '0125g000000LeadAAA', 'lead-inbound-lead');
    expectComposite(() => [ok('Contact', 'Contact'), ok('Lead', 'Lead')]);
    const create = bodiesOf();
    sf().post(`${API}/sobjects/Lead`, create.matcher).reply(201, { id: '00Q5g00000New01AAA', success: true, errors: [] });

    await runStep(perform, {
      ...ada,
      company: 'Analytical Engines',
      record_type_id: '0125g000000LeadAAA',
      sf__NumberOfEmployees: '1,200',
      sf__AnnualRevenue: '2500000.50',
      sf__Interests__c: 'demo, Pricing',
      sf__Booking_Channel__c: 'email link',
      sf__Region_Code__c: 'EMEA',
      sf__Consent_Date__c: '2026-11-01',
    });

    expect(create.bodies).toEqual([
      {
        FirstName: 'Ada',
        LastName: 'Lovelace',
        Email: 'ada@example.com',
        Company: 'Analytical Engines',
        NumberOfEmployees: 1200,
        AnnualRevenue: 2500000.5,
        Interests__c: 'Demo;Pricing',
        Booking_Channel__c: 'Email Link',
        Region_Code__c: 'EMEA',
        Consent_Date__c: '2026-11-01',
        RecordTypeId: '0125g000000LeadAAA',
      },
    ]);
  });

  it("checks picklists against the chosen record type's values: a restricted one refuses others, an unrestricted one warns", async () => {
    describes();
    mockRecordTypePicklists('Lead', '0125g000000LeadAAA', 'lead-inbound-lead');
    expectComposite(() => [ok('Contact', 'Contact'), ok('Lead', 'Lead')]);
    const error = await rejection(runStep(perform, { ...ada, company: 'Co', record_type_id: 'Inbound Lead', sf__Interests__c: 'Demo; Support' }));
    expect(error.message).toBe(
      'Interests (sf__Interests__c): "Support" is not an active value of Interests (Interests__c) for the chosen record type. Valid values: Demo, Pricing.',
    );

    describes();
    mockRecordTypePicklists('Lead', '0125g000000LeadAAA', 'lead-inbound-lead');
    expectComposite(() => [ok('Contact', 'Contact'), ok('Lead', 'Lead')]);
    const create = bodiesOf();
    sf().post(`${API}/sobjects/Lead`, create.matcher).reply(201, { id: '00Q5g00000New02AAA', success: true, errors: [] });
    const result = await runStep<Output>(perform, { ...ada, company: 'Co', record_type_id: '0125g000000LeadAAA', lead_source: 'Phone Inquiry' });
    // The unmapped required Booking Channel takes the record type's first value.
    expect(create.bodies[0]).toMatchObject({ LeadSource: 'Phone Inquiry', Booking_Channel__c: 'Email Link', RecordTypeId: '0125g000000LeadAAA' });
    expect(result.warnings).toEqual([
      'Lead Source (lead_source): "Phone Inquiry" is not one of the chosen record type’s Lead Source (LeadSource) picklist values; it was written as given, since the picklist is unrestricted. Its values: Web, OnceHub.',
    ]);
  });

  it.each([
    [
      { sf__Booking_Channel__c: 'Carrier Pigeon' },
      'Booking Channel (sf__Booking_Channel__c): "Carrier Pigeon" is not an active value of Booking Channel (Booking_Channel__c). Valid values: Website, Email Link.',
    ],
    [{ sf__Interests__c: 'Demo; Golf' }, 'Interests (sf__Interests__c): "Golf" is not an active value of Interests (Interests__c). Valid values: Demo, Pricing, Support.'],
    [{ sf__NumberOfEmployees: 'many' }, 'Employees (sf__NumberOfEmployees): Employees (NumberOfEmployees) needs a number; got "many".'],
    [
      { country_code: 'Untied States' },
      "Unknown country 'Untied States' in Country (country_code). Did you mean: United States of America (USA)? Use an ISO code (US or USA) or the English country name, or choose one from the list.",
    ],
    [
      { country_code: 'US', region: 'Ontario' },
      "Unknown region 'Ontario' for United States (US) in Region (region). Use the region code (such as US-AZ or AZ) or its name, or choose one from the list.",
    ],
    [{ region: 'CA' }, 'Region (region) needs a Country (country_code): this Salesforce org stores states per country.'],
    [
      { record_type_id: '0125g000000OldXAAA' },
      'Record Type (record_type_id) "0125g000000OldXAAA" is not an active Lead record type available to the connected user. Choose one of: Inbound Lead (0125g000000LeadAAA).',
    ],
  ])('rejects %j with a message naming the field', async (input, message) => {
    describes();
    expectComposite(() => [ok('Contact', 'Contact'), ok('Lead', 'Lead')]);
    const error = await rejection(runStep(perform, { ...ada, ...input }));
    expect(error.message).toBe(message);
  });

  it('rejects an unknown Salesforce Object before calling Salesforce', async () => {
    const error = await rejection(runStep(perform, { ...ada, salesforce_object: 'Account' }));
    expect(error.message).toBe("Please fix this step's input: Salesforce Object (salesforce_object) must be one of auto, Lead, Contact, PersonAccount; got \"Account\".");
  });

  it.each([
    [
      duplicates,
      "A Salesforce duplicate rule (Standard_Lead_Duplicate_Rule) blocked this save: You're creating a duplicate record. We recommend you use an existing record instead. Matching record IDs: 0038M0000016Wv8QAE. Update the existing record instead, or ask your Salesforce admin to let this rule allow saves.",
    ],
    [requiredMissing, 'Salesforce needs a value for Industry__c. Map that field in this step or give it a default in Salesforce.'],
    [
      validationRule,
      'A Salesforce validation rule blocked the save (field: Phone): Phone must include the country code. Change the mapped value or ask your Salesforce admin about the rule.',
    ],
    [
      invalidField,
      'Salesforce does not accept a field this step sent (field: Rating): Unable to create/update fields: Rating. Please check the security settings of this field and verify that it is read/write for your profile or permission set. Check that the field exists and the connected user can edit it.',
    ],
  ])('shows the Salesforce save error in words (%#)', async (body, message) => {
    describes();
    expectComposite(() => [ok('Contact', 'Contact'), ok('Lead', 'Lead')]);
    sf().post(`${API}/sobjects/Lead`).reply(400, body);
    const error = await rejection(runStep(perform, { ...ada, company: 'Analytical Engines' }));
    expect(error.message).toBe(message);
  });

  it('leaves out a dynamic field the matched object does not have, and says so', async () => {
    describes();
    expectComposite(() => [ok('Contact', 'Contact', [{ Id: '0035g0000Ada001AAA', Email: 'ada@example.com' }]), ok('Lead', 'Lead')]);
    const update = bodiesOf();
    sf().patch(`${API}/sobjects/Contact/0035g0000Ada001AAA`, update.matcher).reply(204);
    const result = await runStep<Output>(perform, { ...ada, sf__Rating: 'Hot' });
    expect(update.bodies).toEqual([{ FirstName: 'Ada', LastName: 'Lovelace' }]);
    expect(result.ignored_inputs).toEqual(['sf__Rating']);
  });

  it('keeps describes in z.cache under the connection and user', async () => {
    describes();
    expectComposite(() => [ok('Contact', 'Contact', [{ Id: '0035g0000Ada001AAA', Email: 'ada@example.com' }]), ok('Lead', 'Lead')]);
    sf().patch(`${API}/sobjects/Contact/0035g0000Ada001AAA`).reply(204);
    await runStep(perform, ada);
    expect(cachedKeys()).toEqual(
      ['Account', 'Contact', 'Lead'].map((object) => `salesforce:v62.0:https://acme.my.salesforce.com|00D000000000001EAA/005000000000001AAA:describe:${object}`),
    );
  });
});
