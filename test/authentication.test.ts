import nock from 'nock';
import App from '../index';
import { rejection } from './helpers/errors';
import { appTester, keapAuth, salesforceAuth, useNock } from './helpers/app';

const oauth = App.authentication!.oauth2Config!;
const flow = (inputData: Record<string, string>) => ({
  inputData: { redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/', state: 'st4te', ...inputData },
  authData: {},
  meta: {},
});
const SF_INSTANCE = 'https://acme.my.salesforce.com';
const form = (body: string) => Object.fromEntries(new URLSearchParams(body));

describe('authentication', () => {
  useNock();

  describe('Keap', () => {
    it('sends the user to Keap’s authorize page with the full scope', async () => {
      const url = new URL((await appTester(oauth.authorizeUrl as never, flow({ crm: 'keap' }) as never)) as string);
      expect(url.origin + url.pathname).toBe('https://accounts.infusionsoft.com/app/oauth/authorize');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: 'keap-client-id',
        redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/',
        response_type: 'code',
        scope: 'full',
        state: 'st4te',
      });
    });

    it('exchanges the code form-encoded and stores the tokens, app name and connect fields', async () => {
      let sent: Record<string, string> = {};
      nock('https://api.infusionsoft.com')
        .post('/token', (body) => ((sent = form(body)), true))
        .matchHeader('content-type', 'application/x-www-form-urlencoded')
        .reply(200, {
          scope: 'full|cb262.infusionsoft.com',
          access_token: 'new-access',
          token_type: 'bearer',
          expires_in: 86399,
          refresh_token: 'new-refresh',
        });

      const authData = await appTester(
        oauth.getAccessToken as never,
        flow({ crm: 'keap', code: 'the-code', oncehub_api_key: ' oh-key ' }) as never,
      );

      expect(sent).toEqual({
        client_id: 'keap-client-id',
        client_secret: 'keap-client-secret',
        code: 'the-code',
        grant_type: 'authorization_code',
        redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/',
      });
      expect(authData).toMatchObject({
        crm: 'keap',
        access_token: 'new-access',
        refresh_token: 'new-refresh',
        app_name: 'cb262',
        scope: 'full|cb262.infusionsoft.com',
        oncehub_api_key: 'oh-key',
      });
    });

    it('refreshes with HTTP Basic client auth and always keeps the rotated refresh token', async () => {
      let sent: Record<string, string> = {};
      nock('https://api.infusionsoft.com')
        .post('/token', (body) => ((sent = form(body)), true))
        .matchHeader('authorization', `Basic ${Buffer.from('keap-client-id:keap-client-secret').toString('base64')}`)
        .reply(200, { access_token: 'a2', refresh_token: 'r2', expires_in: 86399, scope: 'full|cb262.infusionsoft.com' });

      const authData = await appTester(oauth.refreshAccessToken as never, {
        authData: { ...keapAuth, oncehub_api_key: 'oh-key' },
        meta: {},
      } as never);

      expect(sent).toEqual({ grant_type: 'refresh_token', refresh_token: 'keap-refresh-token' });
      expect(authData).toMatchObject({ crm: 'keap', access_token: 'a2', refresh_token: 'r2', app_name: 'cb262', oncehub_api_key: 'oh-key' });
    });

    it('asks the user to reconnect, in words, when Keap says the refresh token is dead', async () => {
      nock('https://api.infusionsoft.com')
        .post('/token')
        .reply(400, { error: 'invalid_request', error_description: 'Invalid Refresh Token' });

      const error = await rejection(appTester(oauth.refreshAccessToken as never, { authData: keapAuth, meta: {} } as never));

      expect(error.name).toBe('ExpiredAuthError');
      expect(error.message).toContain('Keap no longer accepts this connection');
      expect(error.message).toContain('Invalid Refresh Token');
      expect(error.message).toContain('Reconnect your Keap account');
    });

    it('blames the integration’s client credentials, not the user, on invalid_client', async () => {
      nock('https://api.infusionsoft.com').post('/token').reply(400, { error: 'invalid_client', error_description: 'bad secret' });

      const error = await rejection(
        appTester(oauth.getAccessToken as never, flow({ crm: 'keap', code: 'c' }) as never),
      );

      expect(error.message).toContain('KEAP_CLIENT_ID');
    });

    it('tests the connection through userinfo with the bearer token and labels it', async () => {
      nock('https://api.infusionsoft.com')
        .get('/crm/rest/v2/oauth/connect/userinfo')
        .matchHeader('authorization', 'Bearer keap-access-token')
        .reply(200, { email: 'jane@acme.test', given_name: 'Jane', family_name: 'Doe', sub: '1', id: '1' });

      const result = (await appTester(App.authentication!.test as never, { authData: keapAuth, meta: {} } as never)) as Record<string, string>;

      expect(result).toMatchObject({ crm: 'keap', account: 'cb262', user_email: 'jane@acme.test', user_name: 'Jane Doe' });
      expect(result.connection_label).toBe('Keap · cb262 · jane@acme.test');
      expect(App.authentication!.connectionLabel).toBe('{{connection_label}}');
    });

    it('checks a given OnceHub key too and names the OnceHub account', async () => {
      nock('https://api.infusionsoft.com').get('/crm/rest/v2/oauth/connect/userinfo').reply(200, { email: 'jane@acme.test' });
      nock('https://api.oncehub.com')
        .get('/v2/test')
        .matchHeader('api-key', 'oh-key')
        .reply(200, { message: 'The API key is valid for account: admin@acme.test' });

      const result = (await appTester(App.authentication!.test as never, {
        authData: { ...keapAuth, oncehub_api_key: 'oh-key' },
        meta: {},
      } as never)) as Record<string, string>;

      expect(result.oncehub_account).toBe('admin@acme.test');
    });

    it('reports a OnceHub plan without API access in plain words', async () => {
      nock('https://api.infusionsoft.com').get('/crm/rest/v2/oauth/connect/userinfo').reply(200, { email: 'jane@acme.test' });
      nock('https://api.oncehub.com').get('/v2/test').reply(403, {
        type: 'authentication_error',
        message: 'Your account plan does not support API access. To use the OnceHub API, you must upgrade to the Enterprise plan.',
      });

      const error = await rejection(
        appTester(App.authentication!.test as never, { authData: { ...keapAuth, oncehub_api_key: 'oh-key' }, meta: {} } as never),
      );

      expect(error.message).toContain('OnceHub says your plan does not include API access');
      expect(error.message).toContain('upgrade to the Enterprise plan');
    });

    it('reports a rejected OnceHub key as something to fix by reconnecting, never as a token refresh', async () => {
      nock('https://api.infusionsoft.com').get('/crm/rest/v2/oauth/connect/userinfo').reply(200, { email: 'jane@acme.test' });
      nock('https://api.oncehub.com').get('/v2/test').reply(401, { type: 'authentication_error', message: 'Invalid API key.' });

      const error = await rejection(
        appTester(App.authentication!.test as never, { authData: { ...keapAuth, oncehub_api_key: 'bad' }, meta: {} } as never),
      );

      expect(error.name).toBe('ExpiredAuthError');
      expect(error.message).toContain('OnceHub rejected the API key');
      expect(error.message).toContain('Settings → API & Webhooks');
    });
  });

  describe('Salesforce', () => {
    const authorize = async (inputData: Record<string, string>) =>
      new URL((await appTester(oauth.authorizeUrl as never, flow({ crm: 'salesforce', ...inputData }) as never)) as string);

    it.each([
      ['production', {}, 'https://login.salesforce.com'],
      ['sandbox', { salesforce_environment: 'sandbox' }, 'https://test.salesforce.com'],
      ['My Domain', { salesforce_environment: 'my_domain', salesforce_domain: 'https://Acme.my.salesforce.com/home' }, 'https://acme.my.salesforce.com'],
      ['My Domain pasted from Lightning', { salesforce_environment: 'my_domain', salesforce_domain: 'acme.lightning.force.com' }, 'https://acme.my.salesforce.com'],
      ['My Domain sandbox', { salesforce_environment: 'my_domain', salesforce_domain: 'acme--uat.sandbox.my.salesforce.com' }, 'https://acme--uat.sandbox.my.salesforce.com'],
    ])('authorizes %s on the right host with refresh-capable scopes', async (_name, input, host) => {
      const url = await authorize(input);
      expect(url.origin).toBe(host);
      expect(url.pathname).toBe('/services/oauth2/authorize');
      expect(url.searchParams.get('scope')).toBe('api refresh_token offline_access id');
      expect(url.searchParams.get('client_id')).toBe('sf-client-id');
      expect(url.searchParams.get('response_type')).toBe('code');
      expect(url.searchParams.get('state')).toBe('st4te');
    });

    it('passes a PKCE challenge through to the authorize page', async () => {
      const url = await authorize({ code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' });
      expect(url.searchParams.get('code_challenge')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    });

    it.each(['evil.example.com', 'acme.my.salesforce.com.evil.com', 'login.salesforce.com', ''])(
      'rejects My Domain %j with a message that names the field',
      async (domain) => {
        const error = await rejection(authorize({ salesforce_environment: 'my_domain', salesforce_domain: domain }));
        expect(error.message).toContain('Salesforce My Domain (salesforce_domain)');
        expect(error.message).toContain('acme.my.salesforce.com');
      },
    );

    it('exchanges the code with the client secret and PKCE verifier, storing instance and identity URLs', async () => {
      let sent: Record<string, string> = {};
      nock('https://test.salesforce.com')
        .post('/services/oauth2/token', (body) => ((sent = form(body)), true))
        .reply(200, {
          access_token: '00D!sandbox',
          refresh_token: '5Aep-refresh',
          signature: 'sig',
          scope: 'refresh_token api id',
          instance_url: 'https://acme--uat.sandbox.my.salesforce.com',
          id: 'https://test.salesforce.com/id/00D000000000001EAA/005000000000001AAA',
          token_type: 'Bearer',
          issued_at: '1507998560434',
        });

      const authData = await appTester(
        oauth.getAccessToken as never,
        flow({ crm: 'salesforce', salesforce_environment: 'sandbox', code: 'c0de', code_verifier: 'v'.repeat(43) }) as never,
      );

      expect(sent).toEqual({
        grant_type: 'authorization_code',
        code: 'c0de',
        client_id: 'sf-client-id',
        client_secret: 'sf-client-secret',
        redirect_uri: 'https://zapier.com/dashboard/auth/oauth/return/App123CLIAPI/',
        code_verifier: 'v'.repeat(43),
      });
      expect(authData).toMatchObject({
        crm: 'salesforce',
        access_token: '00D!sandbox',
        refresh_token: '5Aep-refresh',
        instance_url: 'https://acme--uat.sandbox.my.salesforce.com',
        id: 'https://test.salesforce.com/id/00D000000000001EAA/005000000000001AAA',
        issued_at: '1507998560434',
        salesforce_environment: 'sandbox',
        login_url: 'https://test.salesforce.com',
      });
    });

    it('refreshes on the login host, keeps the refresh token Salesforce did not rotate and takes the new instance', async () => {
      let sent: Record<string, string> = {};
      nock('https://login.salesforce.com')
        .post('/services/oauth2/token', (body) => ((sent = form(body)), true))
        .reply(200, { access_token: 'a2', instance_url: 'https://acme2.my.salesforce.com', id: salesforceAuth.id, issued_at: '1708058728442' });

      const authData = await appTester(oauth.refreshAccessToken as never, { authData: salesforceAuth, meta: {} } as never);

      expect(sent).toEqual({
        grant_type: 'refresh_token',
        refresh_token: 'sf-refresh-token',
        client_id: 'sf-client-id',
        client_secret: 'sf-client-secret',
      });
      expect(authData).toMatchObject({
        crm: 'salesforce',
        access_token: 'a2',
        refresh_token: 'sf-refresh-token',
        instance_url: 'https://acme2.my.salesforce.com',
      });
    });

    it('stores a rotated refresh token when Salesforce returns one', async () => {
      nock('https://login.salesforce.com').post('/services/oauth2/token').reply(200, { access_token: 'a2', refresh_token: 'r2' });
      const authData = await appTester(oauth.refreshAccessToken as never, { authData: salesforceAuth, meta: {} } as never);
      expect(authData).toMatchObject({ refresh_token: 'r2', instance_url: salesforceAuth.instance_url });
    });

    it('asks the user to reconnect when the refresh grant is dead', async () => {
      nock('https://login.salesforce.com')
        .post('/services/oauth2/token')
        .reply(400, { error: 'invalid_grant', error_description: 'expired access/refresh token' });

      const error = await rejection(appTester(oauth.refreshAccessToken as never, { authData: salesforceAuth, meta: {} } as never));

      expect(error.name).toBe('ExpiredAuthError');
      expect(error.message).toContain('expired access/refresh token');
      expect(error.message).toContain('Reconnect your Salesforce account');
    });

    it('tests through the identity URL and labels sandbox connections', async () => {
      const authData = {
        ...salesforceAuth,
        salesforce_environment: 'sandbox',
        instance_url: 'https://acme--uat.sandbox.my.salesforce.com',
        id: 'https://test.salesforce.com/id/00D000000000001EAA/005000000000001AAA',
      };
      nock('https://test.salesforce.com')
        .get('/id/00D000000000001EAA/005000000000001AAA')
        .matchHeader('authorization', 'Bearer sf-access-token')
        .reply(200, { username: 'jane@acme.test.uat', email: 'jane@acme.test', display_name: 'Jane Doe', organization_id: '00D000000000001EAA' });
      nock('https://acme--uat.sandbox.my.salesforce.com')
        .get('/services/data/v62.0/query')
        .query({ q: 'SELECT Name FROM Organization LIMIT 1' })
        .reply(200, { totalSize: 1, done: true, records: [{ attributes: { type: 'Organization' }, Name: 'Acme Corp' }] });

      const result = (await appTester(App.authentication!.test as never, { authData, meta: {} } as never)) as Record<string, string>;

      expect(result.connection_label).toBe('Salesforce (Sandbox) · Acme Corp · jane@acme.test');
    });

    it('labels the connection with the org id when the user may not read Organization', async () => {
      nock('https://login.salesforce.com')
        .get('/id/00D000000000001EAA/005000000000001AAA')
        .reply(200, { username: 'jane@acme.test', email: 'jane@acme.test', organization_id: '00D000000000001EAA' });
      nock(SF_INSTANCE)
        .get('/services/data/v62.0/query')
        .query(true)
        .reply(400, [{ message: "sObject type 'Organization' is not supported.", errorCode: 'INVALID_TYPE' }]);

      const result = (await appTester(App.authentication!.test as never, { authData: salesforceAuth, meta: {} } as never)) as Record<string, string>;

      expect(result.connection_label).toBe('Salesforce · 00D000000000001EAA · jane@acme.test');
    });

    it('does not loop on refresh when a brand-new session is refused for the REST API', async () => {
      nock('https://login.salesforce.com')
        .get('/id/00D000000000001EAA/005000000000001AAA')
        .reply(401, [{ message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' }]);

      const error = await rejection(
        appTester(App.authentication!.test as never, { authData: { ...salesforceAuth, issued_at: String(Date.now()) }, meta: {} } as never),
      );

      expect(error.name).toBe('ExpiredAuthError');
      expect(error.message).toContain('not valid for use with the REST API');
      expect(error.message).toContain('Salesforce admin');
    });

    it('lets the platform refresh an older session that expired', async () => {
      nock('https://login.salesforce.com')
        .get('/id/00D000000000001EAA/005000000000001AAA')
        .reply(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);

      const error = await rejection(appTester(App.authentication!.test as never, { authData: salesforceAuth, meta: {} } as never));

      expect(error.name).toBe('RefreshAuthError');
    });
  });

  it('asks for a CRM choice when none was made', async () => {
    const error = await rejection(appTester(oauth.authorizeUrl as never, flow({}) as never));
    expect(error.message).toContain('Choose the CRM to connect (crm)');
  });

  it('declares every connect-time field with the documented keys', () => {
    expect(App.authentication!.fields!.map((field) => (field as { key: string }).key)).toEqual([
      'crm',
      'salesforce_environment',
      'salesforce_domain',
      'oncehub_api_key',
    ]);
    expect(oauth.autoRefresh).toBe(true);
  });
});

