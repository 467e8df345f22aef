import { API, App, CONNECTIONS, mockDescribe, mockRecordTypePicklists, runStep, sf, useNock } from './support';

type Field = { key: string; label?: string; type?: string; required?: boolean; list?: boolean; default?: string; helpText?: string; choices?: Array<{ value: string; label: string }> };
const fieldsOf = (operation: object, inputData: Record<string, unknown> = {}) =>
  runStep<Field[]>((operation as { inputFields: unknown }).inputFields, inputData);
const byKey = (fields: Field[]) => new Map(fields.map((field) => [field.key, field]));
const values = (field: Field | undefined) => (field?.choices ?? []).map((choice) => choice.value);

describe('Salesforce dynamic input fields', () => {
  useNock();

  it('adds the object, record type and update mode choices and one input per Lead field the standard inputs miss', async () => {
    mockDescribe('Lead', 'lead');
    const fields = await fieldsOf(App.creates.upsert_contact.operation);
    const keys = fields.map((field) => field.key);
    const map = byKey(fields);

    // The object chooser and the record type change the fields below them, so they come first;
    // the Lead's required fields follow, before the optional ones.
    expect(keys.slice(0, 6)).toEqual(['salesforce_object', 'record_type_id', 'sf__Booking_Channel__c', 'sf__Region_Code__c', 'sf__Consent_Date__c', 'email']);
    expect(map.get('salesforce_object')).toMatchObject({ default: 'auto', altersDynamicFields: true });
    expect(values(map.get('salesforce_object'))).toEqual(['auto', 'Lead', 'Contact', 'PersonAccount']);
    expect(map.get('record_type_id')).toMatchObject({ label: 'Record Type', helpText: expect.stringMatching(/^The Lead record type/), choices: [{ value: '0125g000000LeadAAA', label: 'Inbound Lead', sample: '0125g000000LeadAAA' }] });
    expect(values(map.get('update_mode'))).toEqual(['overwrite', 'fill_empty']);

    const dynamic = keys.filter((key) => key.startsWith('sf__'));
    // Not offered: standard inputs (Company, Email, address…), Owner, conversion and data-service fields, read-only, hidden.
    expect(dynamic).toEqual([
      'sf__Booking_Channel__c',
      'sf__Region_Code__c',
      'sf__Consent_Date__c',
      'sf__Rating',
      'sf__NumberOfEmployees',
      'sf__AnnualRevenue',
      'sf__Description',
      'sf__Meeting_Count__c',
      'sf__Interests__c',
    ]);
    expect(map.get('sf__Booking_Channel__c')).toMatchObject({ required: true, choices: [{ value: 'Website' }, { value: 'Email Link' }] });
    expect(map.get('sf__Region_Code__c')).toMatchObject({ required: true, type: 'string' });
    expect(map.get('sf__Consent_Date__c')).toMatchObject({ required: true, helpText: 'Salesforce field Consent_Date__c. A date such as 2026-11-23.' });
    expect(values(map.get('sf__Rating'))).toEqual(['Hot', 'Warm', 'Cold']);
    expect(map.get('sf__NumberOfEmployees')).toMatchObject({ type: 'integer', required: false });
    expect(map.get('sf__AnnualRevenue')).toMatchObject({ type: 'number' });
    expect(map.get('sf__Description')).toMatchObject({ type: 'text' });
    expect(map.get('sf__Interests__c')).toMatchObject({ list: true });
  });

  it("offers the chosen record type's picklist values, read once for the form's two field functions", async () => {
    mockDescribe('Lead', 'lead');
    mockRecordTypePicklists('Lead', '0125g000000LeadAAA', 'lead-inbound-lead');
    const map = byKey(await fieldsOf(App.creates.upsert_contact.operation, { record_type_id: '0125g000000LeadAAA' }));
    expect(values(map.get('sf__Booking_Channel__c'))).toEqual(['Email Link']);
    expect(values(map.get('sf__Interests__c'))).toEqual(['Demo', 'Pricing']);
    expect(values(map.get('sf__Rating'))).toEqual(['Hot', 'Warm', 'Cold']);
  });

  it.each([
    [400, [{ errorCode: 'INVALID_TYPE', message: 'Object Lead is not supported in UI API' }]],
    [404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]],
  ])("keeps describe's values when the UI API answers %i for the object", async (status, body) => {
    mockDescribe('Lead', 'lead');
    sf().get(`${API}/ui-api/object-info/Lead/picklist-values/0125g000000LeadAAA`).reply(status, body);
    const map = byKey(await fieldsOf(App.creates.upsert_contact.operation, { record_type_id: 'Inbound Lead' }));
    expect(values(map.get('sf__Interests__c'))).toEqual(['Demo', 'Pricing', 'Support']);
  });

  it('builds the Contact form when Salesforce Object is Contact, with no record type choice where the org has none', async () => {
    mockDescribe('Contact', 'contact');
    const fields = await fieldsOf(App.creates.upsert_contact.operation, { salesforce_object: 'Contact' });
    const keys = fields.map((field) => field.key);
    expect(keys).not.toContain('record_type_id');
    expect(keys.filter((key) => key.startsWith('sf__'))).toEqual(['sf__AccountId', 'sf__Birthdate', 'sf__Preferred_Channel__c', 'sf__Meeting_Count__c']);
    expect(byKey(fields).get('sf__AccountId')).toMatchObject({ helpText: 'Salesforce field AccountId. The Salesforce ID of a Account.' });
  });

  it('offers the Event custom fields for booking ID, status and reason, defaulting to the ones that match', async () => {
    mockDescribe('Event', 'event');
    const map = byKey(await fieldsOf(App.creates.create_activity_event.operation));
    expect(map.get('booking_id_field')).toMatchObject({ default: 'OnceHub_Booking_ID__c' });
    expect(values(map.get('booking_id_field'))).toEqual(['OnceHub_Booking_ID__c']);
    expect(map.get('status_field')).toMatchObject({ default: 'Event_Status__c' });
    expect(values(map.get('status_field'))).toEqual(['Event_Status__c']);
    expect(map.get('reason_field')).toMatchObject({ default: 'Cancel_Reschedule_Reason__c' });
    expect(values(map.get('reason_field'))).toEqual(['Cancel_Reschedule_Reason__c', 'Meeting_Notes__c']);
    expect(map.get('on_cancel')).toMatchObject({ default: 'keep' });
    expect(map.get('what_id')).toBeDefined();
  });

  it('explains which field to add when Events have no booking ID field', async () => {
    mockDescribe('Event', 'event-plain', CONNECTIONS.myDomain);
    const map = byKey(await fieldsOf(App.creates.create_activity_event.operation));
    expect(map.get('booking_id_field')?.choices).toBeUndefined();
    expect(map.get('booking_id_field')?.helpText).toContain('OnceHub_Booking_ID__c');
    expect(map.get('status_field')?.default).toBeUndefined();
  });

  it('adds nothing to Find Contact and Apply Tag', async () => {
    const find = await fieldsOf(App.searches.find_contact.operation);
    expect(find.map((field) => field.key)).toEqual(['email', 'record_type']);
  });
});
