import App from '../../index';
import { rejection } from '../helpers/errors';
import { appTester, fixture, keapApi, keapAuth, mockNameDirectories, REST, useKeapNock, WEB_APP } from '../providers/keap/helpers';

const perform = App.searches.find_contact.operation.perform;
const run = (inputData: Record<string, unknown>) =>
  appTester(perform as never, { authData: keapAuth, inputData, meta: {} } as never, true) as Promise<Array<Record<string, unknown>>>;

const contact = (id: string, email: string, update_time: string) => ({
  ...fixture('contact'),
  id,
  email_addresses: [{ email, field: 'EMAIL1' }],
  update_time,
});

describe('Find Contact by Email (Keap)', () => {
  useKeapNock();
  beforeEach(mockNameDirectories);

  it('finds contacts case-insensitively in one call, most recently updated first', async () => {
    keapApi()
      .get(`${REST}/v2/contacts`)
      .query((query) => {
        expect(query).toMatchObject({ filter: 'email==ada.lovelace@example.com', order_by: 'update_time desc', page_size: '100' });
        expect(String(query.fields).split(',')).toEqual(expect.arrayContaining(['email_addresses', 'tag_ids', 'update_time']));
        return true;
      })
      .reply(200, {
        contacts: [
          contact('10', 'ADA.LOVELACE@example.com', '2026-01-01T00:00:00.000Z'),
          contact('11', 'ada.lovelace@example.com', '2026-03-01T00:00:00.000Z'),
          contact('12', 'ada.lovelace@example.com.au', '2026-04-01T00:00:00.000Z'),
        ],
        next_page_token: '',
      });

    const results = await run({ email: 'Ada.Lovelace@Example.com' });

    expect(results.map((r) => r.id)).toEqual(['11', '10']);
    expect(results[0]).toMatchObject({
      crm: 'keap',
      object_type: 'Contact',
      created: false,
      email: 'ada.lovelace@example.com',
      first_name: 'Ada',
      last_name: 'Lovelace',
      url: `${WEB_APP}/Contact/manageContact.jsp?view=edit&ID=11`,
      lead_source_id: '31',
      lead_source: 'Sales Page > Intro Call > Ada Booking',
      country_code: 'USA',
      region: 'US-AZ',
    });
  });

  it('returns an empty list when nobody has the email', async () => {
    keapApi().get(`${REST}/v2/contacts`).query(true).reply(200, { contacts: [], next_page_token: '' });
    await expect(run({ email: 'nobody@example.com' })).resolves.toEqual([]);
  });

  it('sends a plus-addressed email as it is, encoded', async () => {
    keapApi()
      .get(`${REST}/v2/contacts`)
      .query((query) => query.filter === 'email==ada+zapier@example.com')
      .reply(200, { contacts: [contact('13', 'ada+zapier@example.com', '2026-01-01T00:00:00.000Z')] });
    const results = await run({ email: 'ada+zapier@example.com' });
    expect(results.map((r) => r.id)).toEqual(['13']);
  });

  it('rejects a bad email without calling Keap', async () => {
    const error = await rejection(run({ email: 'not-an-email' }));
    expect(error.message).toContain('Email (email) is not an email address');
  });

  it('maps a 403 to a permission message', async () => {
    keapApi().get(`${REST}/v2/contacts`).query(true).reply(403, { code: 403, message: 'Forbidden', status: 'PERMISSION_DENIED' });
    const error = await rejection(run({ email: 'ada@example.com' }));
    expect(error.message).toBe(
      'Keap rejected the request (HTTP 403): Forbidden. Check that the connected Keap user has permission for this, or reconnect as an admin.',
    );
  });
});
