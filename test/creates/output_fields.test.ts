import App from '../../index';
import { appTester, keapAuth, salesforceAuth } from '../helpers/app';

/** Each CRM labels the fields its contact output adds, for both operations that return contacts. */
describe('contact output fields', () => {
  const dynamicPart = (outputFields: unknown[]) => outputFields.find((field) => typeof field === 'function');
  const keysFor = async (outputFields: unknown[], authData: Record<string, string>) =>
    ((await appTester(dynamicPart(outputFields) as never, { authData, meta: {} } as never)) as Array<{ key: string }>).map((f) => f.key);

  it.each([
    ['upsert_contact', App.creates!.upsert_contact!.operation.outputFields!],
    ['find_contact', App.searches!.find_contact!.operation.outputFields!],
  ])('%s adds Keap’s and Salesforce’s own fields to the shared ones', async (_key, outputFields) => {
    const shared = (outputFields as Array<{ key?: string }>).filter((f) => f.key).map((f) => f.key);
    expect(shared).toEqual(['id', 'crm', 'object_type', 'created', 'email', 'first_name', 'last_name', 'url', 'warnings']);

    const keap = await keysFor(outputFields as unknown[], keapAuth);
    // Names sit beside the IDs they name, so later steps can map words.
    expect(keap).toEqual(expect.arrayContaining(['phone', 'company', 'lead_source_id', 'lead_source', 'owner_id', 'owner_name', 'country_code', 'tag_ids', 'tags']));
    const salesforce = await keysFor(outputFields as unknown[], salesforceAuth);
    expect(salesforce).toEqual(expect.arrayContaining(['defaults_applied', 'lead_status', 'person_contact_id', 'owner_id', 'owner_name']));
    expect([...keap, ...salesforce]).not.toContain('id');
  });
});

describe('activity output fields', () => {
  const outputFields = App.creates!.create_activity_event!.operation.outputFields! as unknown[];
  const keysFor = async (authData: Record<string, string>) =>
    ((await appTester(outputFields.find((field) => typeof field === 'function') as never, { authData, meta: {} } as never)) as Array<{ key: string }>).map((f) => f.key);

  it('labels what each CRM’s activity adds: the Keap task and its contact link, the Salesforce Event’s relations', async () => {
    expect(await keysFor(keapAuth)).toEqual(expect.arrayContaining(['contact_id', 'contact_url', 'title', 'due_time', 'completed']));
    expect(await keysFor(salesforceAuth)).toEqual(expect.arrayContaining(['who_id', 'what_id', 'booking_id_field', 'status_field']));
  });
});
