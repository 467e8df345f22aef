import nock from 'nock';
import { callApi } from '../../src/http/api';
import { API_ROUTES, keapAuth, runWithApp, salesforceAuth, useNock } from '../helpers/app';
import { takeRequestViolations } from './record-requests';
import { requestViolations } from './shapes';

const KEAP = 'https://api.infusionsoft.com';
const SF = salesforceAuth.instance_url;
const ONCEHUB = 'https://api.oncehub.com';
const DATA = '/services/data/v62.0';
const oncehubAuth = { ...keapAuth, oncehub_api_key: 'oncehub-key' };

type Sent = { method?: string; url: string; body?: unknown; form?: Record<string, string>; headers?: Record<string, string> };

/** The checks alone, on a request as the hook would see it (credentials present unless a test removes them). */
const check = ({ method = 'GET', url, body, form, headers }: Sent) =>
  requestViolations({
    method,
    url: new URL(url),
    headers: {
      authorization: 'Bearer token',
      'api-key': 'key',
      ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      ...headers,
    },
    body: form ? new URLSearchParams(form).toString() : body === undefined ? '' : JSON.stringify(body),
  });

describe('documented request shapes', () => {
  describe('Keap v1 and token', () => {
    it('accepts the documented tag calls and rejects ids that are not integers', () => {
      expect(check({ method: 'POST', url: `${KEAP}/crm/rest/v1/contacts/12/tags`, body: { tagIds: [1, 2] } })).toEqual([]);
      expect(check({ method: 'DELETE', url: `${KEAP}/crm/rest/v1/contacts/12/tags?ids=1%2C2` })).toEqual([]);
      expect(check({ method: 'POST', url: `${KEAP}/crm/rest/v1/contacts/12/tags`, body: { tagIds: ['1'] } }).join()).toMatch(/tagIds\.0/);
      expect(check({ method: 'POST', url: `${KEAP}/crm/rest/v1/contacts/12/tags`, body: { tagIds: [] } }).join()).toMatch(/tagIds/);
      expect(check({ method: 'DELETE', url: `${KEAP}/crm/rest/v1/contacts/12/tags?ids=1;2` }).join()).toMatch(/comma-separated tag ids/);
      expect(check({ method: 'PUT', url: `${KEAP}/crm/rest/v1/contacts` })).toEqual([
        'PUT /v1/contacts is not a documented Keap v1 call (describe it in test/contract/shapes.ts)',
      ]);
    });

    it('checks token forms: grant, fields, encoding, client credentials on refresh', () => {
      const code = { grant_type: 'authorization_code', code: 'c', redirect_uri: 'https://zapier.com/cb', client_id: 'i', client_secret: 's' };
      expect(check({ method: 'POST', url: `${KEAP}/token`, form: code })).toEqual([]);
      expect(check({ method: 'POST', url: `${KEAP}/token`, form: { ...code, redirect_uri: '' } }).join()).toMatch(/redirect_uri/);
      expect(check({ method: 'POST', url: `${KEAP}/token`, body: code }).join()).toMatch(/not form-encoded/);
      const refresh = { grant_type: 'refresh_token', refresh_token: 'r' };
      expect(check({ method: 'POST', url: `${KEAP}/token`, form: refresh, headers: { authorization: 'Basic aTpz' } })).toEqual([]);
      expect(check({ method: 'POST', url: `${KEAP}/token`, form: refresh, headers: { authorization: '' } })).toEqual([
        'refresh sends no client credentials',
      ]);
    });
  });

  describe('Keap v2, from the official spec', () => {
    it('knows paths, methods and declared query parameters', () => {
      expect(check({ url: `${KEAP}/crm/rest/v2/tags?page_size=1000&filter=name%3D%3DVIP` })).toEqual([]);
      expect(check({ url: `${KEAP}/crm/rest/v2/tags?pagesize=10` }).join()).toMatch(/pagesize is not declared/);
      expect(check({ url: `${KEAP}/crm/rest/v2/tagz` }).join()).toMatch(/not in the Keap v2 spec/);
      expect(check({ method: 'DELETE', url: `${KEAP}/crm/rest/v2/locales/countries` }).join()).toMatch(/not in the Keap v2 spec/);
    });

    it('validates write bodies against the request schema of the operation', () => {
      expect(check({ method: 'POST', url: `${KEAP}/crm/rest/v2/tags`, body: { name: 'VIP' } })).toEqual([]);
      expect(check({ method: 'POST', url: `${KEAP}/crm/rest/v2/tags`, body: { name: 'VIP', colour: 'red' } }).join()).toMatch(
        /colour is not a property of CreateUpdateTagRequest/,
      );
      expect(check({ method: 'POST', url: `${KEAP}/crm/rest/v2/tasks`, body: { title: 'x' } }).join()).toMatch(/assigned_to_user_id/);
    });
  });

  describe('Salesforce', () => {
    it('refuses Id, unknown or read-only fields, offset-less datetimes and over-long text in sObject bodies', () => {
      expect(check({ method: 'POST', url: `${SF}${DATA}/sobjects/Lead`, body: { LastName: 'Lovelace', Company: 'AE' } })).toEqual([]);
      const problems = check({
        method: 'POST',
        url: `${SF}${DATA}/sobjects/Event`,
        body: { Id: '00U000000000001', Location: 'x'.repeat(300), StartDateTime: '2026-01-01T10:00:00', Colour__c: 'red', CreatedDate: null },
      });
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/body contains Id/),
          'Event.Location is 300 characters; the field holds 255 (STRING_TOO_LONG)',
          'StartDateTime=2026-01-01T10:00:00 is a datetime without Z or an offset',
          expect.stringMatching(/Event.Colour__c is not a field/),
          'Event.CreatedDate is not createable',
        ]),
      );
    });

    it('requires well-formed SOQL in q', () => {
      const q = (soql: string) => `${SF}${DATA}/query?q=${encodeURIComponent(soql)}`;
      expect(check({ url: q("SELECT Id FROM Contact WHERE Email = 'o\\'brien@example.com'") })).toEqual([]);
      expect(check({ url: q("SELECT Id FROM Contact WHERE Email = 'o'brien@example.com'") }).join()).toMatch(/unterminated/);
      expect(check({ url: q("SELECT Id FROM Contact WHERE Email = 'a\\b\\x'") }).join()).toMatch(/invalid escape \\x/);
      expect(check({ url: `${SF}${DATA}/query` }).join()).toMatch(/query q/);
    });

    it('checks the composite envelope and every sub-request in it', () => {
      const sub = (i: number) => ({ method: 'GET', url: `${DATA}/sobjects/Lead/describe`, referenceId: `d${i}` });
      expect(check({ method: 'POST', url: `${SF}${DATA}/composite`, body: { allOrNone: false, compositeRequest: [sub(1)] } })).toEqual([]);
      const many = { compositeRequest: Array.from({ length: 26 }, (_, i) => sub(i)) };
      expect(check({ method: 'POST', url: `${SF}${DATA}/composite`, body: many }).join()).toMatch(/compositeRequest/);
      const bad = {
        compositeRequest: [
          { ...sub(1), url: '/services/data/v58.0/sobjects/Lead/describe' },
          { method: 'POST', url: `${DATA}/sobjects/Lead`, referenceId: 'd1', body: { Id: '00Q000000000001' } },
        ],
      };
      const problems = check({ method: 'POST', url: `${SF}${DATA}/composite`, body: bad }).join('\n');
      expect(problems).toMatch(/must be under \/services\/data\/v62.0/);
      const duplicate = { compositeRequest: [sub(1), { method: 'POST', url: `${DATA}/sobjects/Lead`, referenceId: 'd1', body: { Id: '1' } }] };
      const nested = check({ method: 'POST', url: `${SF}${DATA}/composite`, body: duplicate }).join('\n');
      expect(nested).toMatch(/referenceId d1 is used twice/);
      expect(nested).toMatch(/d1 \(POST \/services\/data\/v62.0\/sobjects\/Lead\): body contains Id/);
      const queries = { compositeRequest: Array.from({ length: 6 }, (_, i) => ({ method: 'GET', url: `${DATA}/query?q=SELECT+Id+FROM+Lead`, referenceId: `q${i}` })) };
      expect(check({ method: 'POST', url: `${SF}${DATA}/composite`, body: queries }).join()).toMatch(/6 query sub-requests/);
    });

    it('checks OAuth forms and refuses other API versions', () => {
      const refresh = { grant_type: 'refresh_token', refresh_token: 'r', client_id: 'i', client_secret: 's' };
      expect(check({ method: 'POST', url: 'https://login.salesforce.com/services/oauth2/token', form: refresh })).toEqual([]);
      const { client_id: _id, ...withoutClient } = refresh;
      expect(check({ method: 'POST', url: 'https://login.salesforce.com/services/oauth2/token', form: withoutClient }).join()).toMatch(/client_id/);
      expect(check({ url: `${SF}/services/data/v58.0/limits` }).join()).toMatch(/not under the pinned/);
    });
  });

  describe('OnceHub', () => {
    it('accepts the documented webhook body and refuses http URLs and unknown events', () => {
      const body = { url: 'https://hooks.zapier.com/hooks/standard/1/abc', name: 'Zapier New Booking', events: ['booking.scheduled'] };
      expect(check({ method: 'POST', url: `${ONCEHUB}/v2/webhooks`, body })).toEqual([]);
      const problems = check({ method: 'POST', url: `${ONCEHUB}/v2/webhooks`, body: { ...body, url: 'http://hooks.zapier.com/x', events: ['booking.created'] } });
      expect(problems.join('\n')).toMatch(/only https/);
      expect(problems.join('\n')).toMatch(/events\.0/);
      expect(check({ method: 'POST', url: `${ONCEHUB}/v2/webhooks`, body, headers: { 'api-key': '' } })).toEqual(['no API-Key header']);
    });

    it('checks booking list parameters', () => {
      expect(check({ url: `${ONCEHUB}/v2/bookings?limit=50&expand=data.owner%2Cdata.event_type&status=scheduled` })).toEqual([]);
      expect(check({ url: `${ONCEHUB}/v2/bookings?limit=500` }).join()).toMatch(/limit/);
      expect(check({ url: `${ONCEHUB}/v2/bookings?expand=data.contact` }).join()).toMatch(/expand takes/);
      expect(check({ url: `${ONCEHUB}/v2/bookings?after=B1&before=B2` }).join()).toMatch(/mutually exclusive/);
      expect(check({ url: `${ONCEHUB}/v2/bookings?sort=asc` }).join()).toMatch(/sort/);
    });
  });

  it('leaves hosts that belong to no provider alone', () => {
    expect(check({ method: 'PUT', url: 'http://127.0.0.1:4010/anything', body: 'x' })).toEqual([]);
  });
});

describe('the nock hook', () => {
  useNock();

  const send = (crm: 'keap' | 'salesforce' | 'oncehub', url: string, method: 'POST' | 'GET', json?: unknown) =>
    runWithApp((z, bundle) => callApi(z, bundle, API_ROUTES[crm], { url, method, ...(json ? { json } : {}) }).then((r) => r.status), {
      authData: crm === 'salesforce' ? salesforceAuth : oncehubAuth,
    });

  it('records each answered request the real API would reject, with its reasons', async () => {
    nock(KEAP).post('/crm/rest/v1/contacts/12/tags').reply(200, {});
    nock(SF).post(`${DATA}/sobjects/Lead`).reply(201, { id: '00Q000000000001AAA' });
    nock(ONCEHUB).get('/v2/bookings').query(true).reply(200, { data: [] });
    await send('keap', '/v1/contacts/12/tags', 'POST', { tagIds: ['Gold'] });
    await send('salesforce', '/sobjects/Lead', 'POST', { Id: '00Q000000000001AAA', LastName: 'x' });
    await runWithApp((z, bundle) => callApi(z, bundle, API_ROUTES.oncehub, { url: '/bookings', params: { limit: '0' } }), { authData: oncehubAuth });

    const violations = takeRequestViolations();
    expect(violations).toHaveLength(3);
    expect(violations[0]).toMatch(/^POST https:\/\/api.infusionsoft.com\/crm\/rest\/v1\/contacts\/12\/tags\n {2}- body tagIds.0/);
    expect(violations[1]).toMatch(/sobjects\/Lead\n {2}- body contains Id/);
    expect(violations[2]).toMatch(/\/v2\/bookings\?limit=0\n {2}- query limit/);
  });

  it('records nothing for documented requests', async () => {
    nock(KEAP).post('/crm/rest/v1/contacts/12/tags', { tagIds: [3] }).reply(200, { '3': 'SUCCESS' });
    await send('keap', '/v1/contacts/12/tags', 'POST', { tagIds: [3] });
    expect(takeRequestViolations()).toEqual([]);
  });
});
