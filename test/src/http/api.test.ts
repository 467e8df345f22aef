import nock from 'nock';
import { callApi } from '../../../src/http/api';
import { rejection } from '../../helpers/errors';
import { API_ROUTES, keapAuth, runWithApp, salesforceAuth, useNock, type ApiName } from '../../helpers/app';

const call = (api: ApiName, url: string, authData: Record<string, string>, method: 'GET' | 'POST' = 'GET') =>
  runWithApp((z, bundle) => callApi(z, bundle, API_ROUTES[api], { url, method }).then((r) => r.data), { authData });

const KEAP = 'https://api.infusionsoft.com';
const SF = 'https://acme.my.salesforce.com';
const ONCEHUB = 'https://api.oncehub.com';
const oncehubAuth = { ...keapAuth, oncehub_api_key: 'oh-key' };

describe('provider HTTP layer', () => {
  useNock();

  describe('base URLs and credentials', () => {
    it('resolves Keap paths on the REST root and adds the bearer token', async () => {
      nock(KEAP).get('/crm/rest/v2/tags').matchHeader('authorization', 'Bearer keap-access-token').reply(200, { tags: [] });
      await expect(call('keap', '/v2/tags', keapAuth)).resolves.toEqual({ tags: [] });
    });

    it('resolves Salesforce paths on the connection’s instance with the pinned API version', async () => {
      nock(SF).get('/services/data/v62.0/limits').matchHeader('authorization', 'Bearer sf-access-token').reply(200, {});
      await expect(call('salesforce', '/limits', salesforceAuth)).resolves.toEqual({});
    });

    it('sends the OnceHub key as API-Key, never the CRM bearer token', async () => {
      nock(ONCEHUB, { badheaders: ['authorization'] }).get('/v2/bookings').matchHeader('api-key', 'oh-key').reply(200, { data: [] });
      await expect(call('oncehub', '/bookings', oncehubAuth)).resolves.toEqual({ data: [] });
    });

    it('never sends credentials to a host the connection does not trust', async () => {
      nock('https://attacker.example', { badheaders: ['authorization', 'api-key'] }).get('/next').reply(200, { ok: true });
      await expect(call('keap', 'https://attacker.example/next', keapAuth)).resolves.toEqual({ ok: true });
    });

    it('follows base-URL overrides for the local sandbox', async () => {
      process.env.KEAP_API_BASE_URL = 'http://127.0.0.1:4010/keap/crm/rest/';
      try {
        nock('http://127.0.0.1:4010').get('/keap/crm/rest/v1/users').matchHeader('authorization', 'Bearer keap-access-token').reply(200, { users: [] });
        await expect(call('keap', '/v1/users', keapAuth)).resolves.toEqual({ users: [] });
      } finally {
        delete process.env.KEAP_API_BASE_URL;
      }
    });

    it('asks for the OnceHub key in the connection when it is missing', async () => {
      const error = await rejection(call('oncehub', '/bookings', keapAuth));
      expect(error.message).toContain('no OnceHub API key');
      expect(error.message).toContain('reconnect');
    });
  });

  describe('Keap errors', () => {
    it('reads the v1 {message} shape and points at the field to fix', async () => {
      nock(KEAP).put('/crm/rest/v1/contacts').reply(400, { message: 'BILLING Region is invalid' });
      const error = await rejection(
        runWithApp((z, bundle) => callApi(z, bundle, API_ROUTES.keap, { url: '/v1/contacts', method: 'PUT', json: {} }), { authData: keapAuth }),
      );
      expect(error).toMatchObject({ status: 400, code: 'Keap400' });
      expect(error.message).toBe(
        'Keap rejected the request (HTTP 400): BILLING Region is invalid. Check the Region (region) value mapped in this step.',
      );
    });

    it('points a missing contact at the mapped Contact ID', async () => {
      nock(KEAP).post('/crm/rest/v2/tasks').reply(400, { code: 400, message: 'Contact 999 does not exist', status: 'INVALID_ARGUMENT' });
      const error = await rejection(call('keap', '/v2/tasks', keapAuth, 'POST'));
      expect(error.message).toBe(
        'Keap rejected the request (HTTP 400): Contact 999 does not exist. Check the Contact ID (contact_id) value mapped in this step.',
      );
    });

    it('reads the v2 application error with its details', async () => {
      nock(KEAP).post('/crm/rest/v2/tags').reply(400, {
        code: 400,
        message: 'Invalid request',
        status: 'INVALID_ARGUMENT',
        details: [{ domain: 'tag', resource: 'name must not be blank' }],
      });
      const error = await rejection(call('keap', '/v2/tags', keapAuth, 'POST'));
      expect(error.message).toContain('Keap rejected the request (HTTP 400): Invalid request (tag name must not be blank)');
    });

    it('reads the gateway fault shape', async () => {
      nock(KEAP).get('/crm/rest/v2/users').reply(403, {
        fault: { faultstring: 'Access to this resource is not approved', detail: { errorcode: 'keymanagement.service.access_token_not_approved' } },
      });
      const error = await rejection(call('keap', '/v2/users', keapAuth));
      expect(error.message).toContain('Access to this resource is not approved');
      expect(error.message).toContain('permission');
    });

    it('turns a throttled quota into ThrottledError with the wait the throttle headers imply', async () => {
      nock(KEAP).get('/crm/rest/v2/tags').reply(
        429,
        { code: '429', message: 'Quota Exceeded', status: 'Request Throttled', details: null },
        {
          'x-keap-product-throttle-available': '0',
          'x-keap-product-throttle-interval': '1',
          'x-keap-product-throttle-time-unit': 'minute',
        },
      );
      const error = await rejection(call('keap', '/v2/tags', keapAuth));
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 60 });
      expect(error.message).toContain('Keap is rate limiting requests');
    });

    it('waits for the daily quota to reset when that is what ran out', async () => {
      const resetsIn = 3_600_000;
      nock(KEAP).get('/crm/rest/v2/tags').reply(429, {}, {
        'x-keap-product-quota-available': '0',
        'x-keap-product-quota-expiry-time': String(Date.now() + resetsIn),
      });
      const error = await rejection(call('keap', '/v2/tags', keapAuth));
      expect(error.delay).toBeGreaterThan(3500);
      expect(error.delay).toBeLessThanOrEqual(3600);
    });

    it('lets the platform refresh an expired Keap token (401 fault)', async () => {
      nock(KEAP).get('/crm/rest/v2/tags').reply(401, {
        fault: { faultstring: 'Access Token expired', detail: { errorcode: 'keymanagement.service.access_token_expired' } },
      });
      const error = await rejection(call('keap', '/v2/tags', keapAuth));
      expect(error.name).toBe('RefreshAuthError');
    });
  });

  describe('Salesforce errors', () => {
    const post = () =>
      runWithApp((z, bundle) => callApi(z, bundle, API_ROUTES.salesforce, { url: '/sobjects/Lead', method: 'POST', json: {} }), {
        authData: salesforceAuth,
      });

    it.each([
      [
        [{ message: 'Required fields are missing: [Company]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Company'] }],
        'Salesforce needs a value for Company. Map that field',
      ],
      [
        [{ message: "No such column 'Foo__c' on sobject of type Lead", errorCode: 'INVALID_FIELD' }],
        "Salesforce does not accept a field this step sent: No such column 'Foo__c' on sobject of type Lead",
      ],
      [
        [{ message: 'Phone must be 10 digits', errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION', fields: ['Phone'] }],
        'A Salesforce validation rule blocked the save (field: Phone): Phone must be 10 digits',
      ],
      [
        [{ message: 'bad value for restricted picklist field: Carrier Pigeon', errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', fields: ['LeadSource'] }],
        "Salesforce rejected a picklist value (field: LeadSource): bad value for restricted picklist field: Carrier Pigeon. Choose one of the field's active values",
      ],
    ])('names the field for %j', async (body, expected) => {
      nock(SF).post('/services/data/v62.0/sobjects/Lead').reply(400, body);
      const error = await rejection(post());
      expect(error.message).toContain(expected);
      expect(error.status).toBe(400);
    });

    it.each(['duplicateResut', 'duplicateResult'])('lists duplicate-rule matches read from %s', async (key) => {
      nock(SF)
        .post('/services/data/v62.0/sobjects/Lead')
        .reply(400, [
          {
            [key]: {
              allowSave: false,
              duplicateRule: 'Standard_Lead_Duplicate_Rule',
              matchResults: [{ matchRecords: [{ record: { Id: '0038M0000016Wv8QAE' } }, { record: { Id: '00Q8M000001abcdUAA' } }] }],
            },
            errorCode: 'DUPLICATES_DETECTED',
            message: "You're creating a duplicate record. We recommend you use an existing record instead.",
          },
        ]);
      const error = await rejection(post());
      expect(error.code).toBe('DUPLICATES_DETECTED');
      expect(error.message).toContain('Standard_Lead_Duplicate_Rule');
      expect(error.message).toContain('Matching record IDs: 0038M0000016Wv8QAE, 00Q8M000001abcdUAA.');
    });

    it('explains a duplicate rule that gives no match ids', async () => {
      nock(SF).post('/services/data/v62.0/sobjects/Lead').reply(400, [{ message: 'Use one of these records?', errorCode: 'DUPLICATES_DETECTED' }]);
      const error = await rejection(post());
      expect(error.message).toContain('A Salesforce duplicate rule blocked this save: Use one of these records?');
      expect(error.message).not.toContain('Matching record IDs');
    });

    it('turns REQUEST_LIMIT_EXCEEDED into ThrottledError', async () => {
      nock(SF).post('/services/data/v62.0/sobjects/Lead').reply(403, [{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
      const error = await rejection(post());
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 3600 });
      expect(error.message).toContain('Salesforce API request limit reached');
    });

    it('takes the delay from Retry-After when Salesforce offers one', async () => {
      nock(SF)
        .post('/services/data/v62.0/sobjects/Lead')
        .reply(403, [{ message: 'ConcurrentRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }], { 'Retry-After': '17' });
      const error = await rejection(post());
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 17 });
    });
  });

  describe('OnceHub errors', () => {
    it('turns 429 into ThrottledError with the Retry-After delay', async () => {
      nock(ONCEHUB).get('/v2/bookings').reply(429, { type: 'rate_limit_error', message: 'Request rate limit exceeded' }, { 'Retry-After': '3' });
      const error = await rejection(call('oncehub', '/bookings', oncehubAuth));
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 3 });
      expect(error.message).toContain('OnceHub is rate limiting');
    });

    it('shows OnceHub’s message and the field it names', async () => {
      nock(ONCEHUB).post('/v2/webhooks').reply(409, {
        type: 'invalid_request_error',
        message: "A webhook subscription with this name already exists: 'Zapier'",
        param: 'name',
      });
      const error = await rejection(call('oncehub', '/webhooks', oncehubAuth, 'POST'));
      expect(error.message).toBe(
        "OnceHub rejected the request (HTTP 409) (field: name): A webhook subscription with this name already exists: 'Zapier'",
      );
      expect(error.code).toBe('invalid_request_error');
    });
  });

  describe('failures every provider shares', () => {
    it.each([502, 503, 504])('retries a %i later, in words', async (status) => {
      nock(SF).get('/services/data/v62.0/limits').reply(status, 'Service Unavailable');
      const error = await rejection(call('salesforce', '/limits', salesforceAuth));
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 60 });
      expect(error.message).toContain(`Salesforce is temporarily unavailable (HTTP ${status})`);
    });

    it('treats an unreadable success body as a retryable glitch, not a crash', async () => {
      nock(KEAP).get('/crm/rest/v2/tags').reply(200, '{"tags": [', { 'Content-Type': 'application/json' });
      const error = await rejection(call('keap', '/v2/tags', keapAuth));
      expect(error.name).toBe('ThrottledError');
      expect(error.message).toContain('could not be read');
    });

    it('gives up on a provider that does not answer in time, as a retryable error', async () => {
      nock(KEAP).get('/crm/rest/v2/tags').delay(300).reply(200, { tags: [] });
      const error = await rejection(
        runWithApp((z, bundle) => callApi(z, bundle, API_ROUTES.keap, { url: '/v2/tags', timeout: 50 }), { authData: keapAuth }),
      );
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 60 });
      expect(error.message).toBe('Keap did not answer within 25 seconds. Zapier will retry this step automatically.');
    });

    it('explains a connection that fails before any answer', async () => {
      nock(ONCEHUB).get('/v2/bookings').replyWithError('socket hang up');
      const error = await rejection(call('oncehub', '/bookings', oncehubAuth));
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 60 });
      expect(error.message).toContain('Could not reach OnceHub');
    });

    it('retries a 500 later and explains it without dumping the body', async () => {
      nock(KEAP).get('/crm/rest/v2/tags').reply(500, '<html><body>java.lang.NullPointerException at ...</body></html>');
      const error = await rejection(call('keap', '/v2/tags', keapAuth));
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 60 });
      expect(error.message).toBe('Keap had an internal error (HTTP 500). Zapier will retry this step automatically.');
    });
  });
});

