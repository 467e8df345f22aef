import nock from 'nock';
import App from '../../index';
import { appTester, keapAuth, salesforceAuth } from '../helpers/app';
import { rejection } from '../helpers/errors';

/** Apply Tag and Create Activity Event act on one contact, named by Contact ID or found by Email. */
const OPERATIONS = [
  ['apply_tag', App.creates!.apply_tag!.operation, { tags: ['VIP'] }],
  ['create_activity_event', App.creates!.create_activity_event!.operation, { booking_id: 'BKNG-1', start_time: '2026-11-23T15:00:00Z' }],
] as const;

type Field = { key: string; dynamic?: string; search?: string; helpText?: string };

describe.each(OPERATIONS)('%s: the contact it acts on', (_key, operation, inputs) => {
  const field = (key: string) => (operation.inputFields as Field[]).find((f) => f.key === key)!;

  it('offers Contact ID as a dropdown of recent contacts, with Find Contact as its search (Zapier check D004)', () => {
    expect(field('contact_id')).toMatchObject({ dynamic: 'lookup_contact.id.name', search: 'find_contact.id' });
    expect((App.triggers as Record<string, unknown>).lookup_contact).toBeDefined();
    expect(App.searches!.find_contact).toBeDefined();
  });

  it('says in both fields that one of them is required', () => {
    expect(field('contact_id').helpText).toMatch(/^Contact ID or Email: one of them is required\./);
    expect(field('email').helpText).toMatch(/^Contact ID or Email: one of them is required\./);
  });

  it.each([
    ['Keap', keapAuth],
    ['Salesforce', salesforceAuth],
  ])('refuses an empty Contact ID and Email on %s before any call', async (_crm, authData) => {
    // The network is closed (test/setup-nock.ts) and no interceptor is set: any call would fail differently.
    const error = await rejection(appTester(operation.perform as never, { authData, inputData: { ...inputs, contact_id: '', email: ' ' }, meta: {} } as never));

    expect(error.message).toBe(
      "Please fix this step's input: Contact ID (contact_id) or Email (email): one of them is required. Map the Contact ID from an earlier Upsert Contact or Find Contact step, or the person's email; it was empty.",
    );
    expect(nock.pendingMocks()).toEqual([]);
  });
});
