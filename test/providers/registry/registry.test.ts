import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nock from 'nock';
import App from '../../../index';
import { appTester, keapAuth, useNock } from '../../helpers/app';
import { rejection } from '../../helpers/errors';
import { ACME_BASE, ACME_LOGIN } from './acme-crm';

/**
 * Adding a CRM is one folder and one registry line: this file adds a minimal third CRM to the
 * registry, exactly as that line would, and runs the real App's connection, operations and
 * dropdowns against it. Nothing else in the app is told about Acme CRM.
 */
jest.mock('../../../src/providers/registry', () => {
  const actual = jest.requireActual('../../../src/providers/registry');
  const { acmeProvider } = jest.requireActual('./acme-crm');
  return { CRM_PROVIDERS: [...actual.CRM_PROVIDERS, acmeProvider] };
});

const acmeAuth = { crm: 'acme', access_token: 'acme-access-token', refresh_token: 'acme-refresh-token', issued_at: '1700000000000' };
const ann = { id: 'p-7', email: 'ann@example.com', first_name: 'Ann', last_name: 'Lee' };
const annRecord = { ...ann, crm: 'acme', object_type: 'Person', url: 'https://app.acme-crm.test/people/p-7' };

const api = () => nock(ACME_BASE).matchHeader('authorization', 'Bearer acme-access-token');
const step = (operation: { perform?: unknown }, inputData: Record<string, unknown>, authData: Record<string, string> = acmeAuth) =>
  appTester(operation.perform as never, { authData, inputData, meta: {} } as never) as Promise<Record<string, unknown>>;
const oauth = App.authentication!.oauth2Config!;
const flow = (inputData: Record<string, string>) => ({
  inputData: { redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/', state: 'st4te', ...inputData },
  authData: {},
  meta: {},
});

describe('a third CRM registered with one line', () => {
  useNock();

  describe('connection', () => {
    it('is offered on the connection form beside Keap and Salesforce', () => {
      const crm = App.authentication!.fields!.find((field) => field.key === 'crm');
      expect(crm?.choices).toEqual({ keap: 'Keap', salesforce: 'Salesforce', acme: 'Acme CRM' });
    });

    it('sends the user to its own authorize page', async () => {
      const url = new URL((await appTester(oauth.authorizeUrl as never, flow({ crm: 'acme' }) as never)) as string);
      expect(url.origin + url.pathname).toBe(`${ACME_LOGIN}/oauth/authorize`);
      expect(url.searchParams.get('state')).toBe('st4te');
    });

    it('exchanges the code at its own token endpoint and keeps the CRM choice', async () => {
      let sent = '';
      nock(ACME_LOGIN)
        .post('/oauth/token', (body) => ((sent = body), true))
        .reply(200, { access_token: 'acme-new', refresh_token: 'acme-refresh' });
      const authData = await appTester(oauth.getAccessToken as never, flow({ crm: 'acme', code: 'c0de' }) as never);
      expect(new URLSearchParams(sent).get('code')).toBe('c0de');
      expect(authData).toMatchObject({ crm: 'acme', access_token: 'acme-new', refresh_token: 'acme-refresh' });
    });

    it('refreshes through its own token endpoint and keeps everything else', async () => {
      nock(ACME_LOGIN).post('/oauth/token', (body) => new URLSearchParams(body).get('refresh_token') === 'acme-refresh-token').reply(200, { access_token: 'acme-fresh' });
      const authData = await appTester(oauth.refreshAccessToken as never, { authData: { ...acmeAuth, oncehub_api_key: '' }, inputData: {}, meta: {} } as never);
      expect(authData).toMatchObject({ crm: 'acme', access_token: 'acme-fresh', refresh_token: 'acme-refresh-token', oncehub_api_key: '' });
    });

    it('labels the connection with the CRM, account and user', async () => {
      api().get('/v1/me').reply(200, { email: 'owner@acme.test', name: 'Oona Owner', company: 'Acme Inc' });
      const result = (await appTester(App.authentication!.test as never, { authData: acmeAuth, meta: {} } as never)) as Record<string, string>;
      expect(result.connection_label).toBe('Acme CRM · Acme Inc · owner@acme.test');
    });
  });

  describe('operations', () => {
    it('Create or Update Contact creates the person at its API with its credentials', async () => {
      api().get('/v1/people').query({ email: 'ann@example.com' }).reply(200, { people: [] });
      let body: unknown;
      api().post('/v1/people', (sent) => ((body = sent), true)).reply(201, ann);
      const result = await step(App.creates.upsert_contact.operation, { email: ' Ann@Example.com ', name: 'Ann Lee', acme_segment: 'Enterprise' });
      expect(body).toEqual({ email: 'ann@example.com', first_name: 'Ann', last_name: 'Lee', segment: 'enterprise' });
      expect(result).toEqual({ ...annRecord, created: true });
    });

    it('its own input shows on its form only, and a bad value is refused with the shared ones, before any call', async () => {
      const form = async (authData: Record<string, string>) =>
        ((await appTester(App.creates.upsert_contact.operation.inputFields!.at(-1) as never, { authData, inputData: {}, meta: {} } as never)) as Array<{ key: string; label: string }>).map((field) => field.key);
      expect(await form(acmeAuth)).toEqual(['acme_segment']);
      nock('https://api.infusionsoft.com').get('/crm/rest/v2/contacts/model').reply(200, { custom_fields: [], optional_properties: [] });
      expect(await form(keapAuth)).not.toContain('acme_segment');

      const error = await rejection(step(App.creates.upsert_contact.operation, { email: 'nope', acme_segment: 'galactic' }));
      expect(error.message).toBe(
        'Please fix this step\'s input: Email (email) is not an email address (it needs one @, no spaces and a domain with a dot, such as name@example.com); got "nope". ' +
          'Segment (acme_segment) must be one of smb, enterprise; got "galactic".',
      );
    });

    it('Update Contact writes the person with that ID', async () => {
      let body: unknown;
      api().patch('/v1/people/p-7', (sent) => ((body = sent), true)).reply(200, { ...ann, last_name: 'Lee-Smith' });
      const result = await step(App.creates.update_contact.operation, { contact_id: 'p-7', last_name: 'Lee-Smith' });
      expect(body).toEqual({ last_name: 'Lee-Smith' });
      expect(result).toMatchObject({ id: 'p-7', created: false, last_name: 'Lee-Smith' });
    });

    it('Create or Update Note writes the booking’s note', async () => {
      let body: unknown;
      api().put('/v1/notes/B-1', (sent) => ((body = sent), true)).reply(200, { id: 'n-1', created: true });
      const result = await step(App.creates.add_note.operation, { contact_id: 'p-7', booking_id: 'B-1', subject: 'Intro call', status: 'Scheduled', details: 'Zoom' });
      expect(body).toEqual({ person_id: 'p-7', title: 'Scheduled: Intro call', body: 'Zoom' });
      expect(result).toMatchObject({ id: 'n-1', action: 'created', title: 'Scheduled: Intro call' });
    });

    it('Find Contact returns the match', async () => {
      api().get('/v1/people').query({ email: 'ann@example.com' }).reply(200, { people: [ann] });
      const result = await appTester(App.searches.find_contact.operation.perform as never, { authData: acmeAuth, inputData: { email: 'ann@example.com' }, meta: {} } as never);
      expect(result).toEqual([{ ...annRecord, created: false }]);
    });

    it('Apply Tag finds the contact by email and applies lifecycle tags', async () => {
      api().get('/v1/people').query({ email: 'ann@example.com' }).reply(200, { people: [ann] });
      let body: unknown;
      api()
        .post('/v1/people/p-7/tags', (sent) => ((body = sent), true))
        .reply(200, { tags: [{ id: 't1', name: 'Scheduled', status: 'applied' }] });
      const result = await step(App.creates.apply_tag.operation, { email: 'ann@example.com', booking_status: 'Scheduled', booking_id: 'B-1' });
      expect(body).toEqual({
        add: ['Scheduled', 'Scheduled (Booking ID: B-1)'],
        remove: ['Rescheduled', 'Completed', 'Canceled', 'No-show'],
      });
      expect(result).toMatchObject({ contact_id: 'p-7', applied_count: 1, removed_count: 0 });
    });

    it('Create Activity Event writes the booking once, keyed by its booking ID', async () => {
      let body: unknown;
      api().put('/v1/meetings/B-1', (sent) => ((body = sent), true)).reply(200, { id: 'm-1', created: true });
      const result = await step(App.creates.create_activity_event.operation, {
        contact_id: 'p-7',
        booking_id: 'B-1',
        subject: 'Intro call',
        start_time: '2026-12-10T15:00:00Z',
        duration_minutes: '30',
        status: 'scheduled',
      });
      expect(body).toEqual({ person_id: 'p-7', subject: 'Intro call', start: '2026-12-10T15:00:00.000Z', end: '2026-12-10T15:30:00.000Z', status: 'Scheduled' });
      expect(result).toMatchObject({ id: 'm-1', crm: 'acme', action: 'created', status: 'Scheduled', booking_id: 'B-1' });
    });

    it('shows its own error mapper’s words, and an empty contact pair is refused before any call', async () => {
      api().get('/v1/people').query(true).reply(422, { message: 'email domain is blocked' });
      expect((await rejection(step(App.creates.upsert_contact.operation, { email: 'ann@example.com' }))).message).toBe(
        'Acme CRM refused the request: email domain is blocked',
      );
      expect((await rejection(step(App.creates.apply_tag.operation, { tags: 'VIP' }))).message).toMatch(/Contact ID \(contact_id\) or Email \(email\)/);
    });

    it('fills the Owner dropdown from its own users', async () => {
      api().get('/v1/users').reply(200, { users: [{ id: 'u-1', name: 'Oona Owner' }] });
      const result = await appTester((App.triggers as Record<string, { operation: { perform: unknown } }>).lookup_owner!.operation.perform as never, { authData: acmeAuth, inputData: {}, meta: {} } as never);
      expect(result).toEqual([{ id: 'u-1', name: 'Oona Owner' }]);
    });

    it('never sends its token to another CRM’s host, and the other CRMs still work', async () => {
      nock('https://api.infusionsoft.com')
        .matchHeader('authorization', 'Bearer keap-access-token')
        .get('/crm/rest/v2/contacts')
        .query(true)
        .reply(200, { contacts: [], next_page_token: '' });
      expect(await appTester(App.searches.find_contact.operation.perform as never, { authData: keapAuth, inputData: { email: 'ann@example.com' }, meta: {} } as never)).toEqual([]);
    });
  });

  it('the authentication and HTTP layers import no provider folder', () => {
    const root = join(__dirname, '../../..');
    for (const file of ['authentication.ts', 'src/http/api.ts', 'src/http/oauth.ts', 'src/http/errors.ts', 'src/providers/index.ts']) {
      const imports = [...readFileSync(join(root, file), 'utf8').matchAll(/from '([^']+)'/g)].map((match) => match[1] ?? '');
      expect({ file, imports: imports.filter((path) => /providers\/(keap|salesforce)|oncehub\/(?!account)/.test(path)) }).toEqual({ file, imports: [] });
    }
  });
});
