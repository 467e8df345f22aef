import App from '../../index';
import { ADMIN_USER_ID, ORG_ID, ORG_NAME } from '../../sandbox/salesforce/org';
import { apiCalls, connectCrm, failure, ops, run, useIntegration } from './support';

/**
 * The connection as Zapier makes and keeps it: the app's authorize URL, the provider's consent
 * page, getAccessToken, the connection test and label, then refreshes and dead grants.
 */
const ctx = useIntegration();

const KEAP_USER = 'sandy.box@example.com';
const SF_ADMIN = 'admin@sandbox-org.example.com';

const tokenRequest = (path: string) => ctx.sandbox.requests.filter((r) => r.method === 'POST' && r.path === path);

/** A connection whose access token was issued an hour ago: a 401 on it means "expired", not "refused". */
const agedConnection = async (crm: 'keap' | 'salesforce') => {
  const connection = await connectCrm(ctx, crm);
  connection.authData.issued_at = String(Date.now() - 3_600_000);
  ctx.sandbox.resetRequestLog();
  return connection;
};

beforeEach(() => ctx.sandbox.resetRequestLog());

describe('Keap connection', () => {
  it('authorizes with the full scope, exchanges the code and stores the tenant and the OnceHub key', async () => {
    const { sandbox } = ctx;
    let authorizeUrl = '';
    const connection = await connectCrm(ctx, 'keap', { oncehub_api_key: ` ${sandbox.oncehub.apiKey} ` }, (url) => (authorizeUrl = url));

    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.url}/keap/app/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: sandbox.clients.keap.clientId,
      redirect_uri: ctx.redirectUri,
      response_type: 'code',
      scope: 'full',
      state: expect.stringMatching(/^[0-9a-f]{24}$/),
    });
    expect(tokenRequest('/keap/token').map((r) => r.body)).toEqual([
      {
        client_id: sandbox.clients.keap.clientId,
        client_secret: '[redacted]',
        code: '[redacted]',
        code_verifier: '[redacted]',
        grant_type: 'authorization_code',
        redirect_uri: ctx.redirectUri,
      },
    ]);
    expect(connection.authData).toEqual({
      crm: 'keap',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: '86399',
      scope: 'full|sb123.infusionsoft.com',
      app_name: 'sb123',
      issued_at: expect.stringMatching(/^\d{13}$/),
      oncehub_api_key: sandbox.oncehub.apiKey,
    });
    expect(connection.authData.refresh_token).not.toBe('');
    expect(connection.label).toBe(`Keap · sb123 · ${KEAP_USER}`);
    expect(apiCalls(sandbox, 'keap').filter((call) => call.startsWith('GET /v2'))).toEqual(['GET /v2/oauth/connect/userinfo']);
  });

  it('refreshes with client credentials in HTTP Basic, keeps the rotated refresh token, and the old one is dead', async () => {
    const { sandbox } = ctx;
    const connection = await agedConnection('keap');
    const before = { ...connection.authData };
    sandbox.expireAccessTokens('keap');

    const found = await run<unknown[]>(ctx, connection, ops.findContact, { email: 'nobody@example.com' });

    expect(found).toEqual([]);
    expect(apiCalls(sandbox, 'keap')).toEqual(['GET /v2/contacts', 'POST /keap/token', 'GET /v2/contacts']);
    expect(tokenRequest('/keap/token').map((r) => r.body)).toEqual([{ grant_type: 'refresh_token', refresh_token: '[redacted]' }]);
    expect(connection.authData).toEqual({
      ...before,
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      issued_at: expect.stringMatching(/^\d{13}$/),
    });
    expect(connection.authData.access_token).not.toBe(before.access_token);
    expect(connection.authData.refresh_token).not.toBe(before.refresh_token);

    const replay = await failure(ctx.appTester(ops.refresh as never, { authData: before, meta: {} }));
    expect(replay).toEqual({
      name: 'ExpiredAuthError',
      message:
        "Keap no longer accepts this connection's sign-in (invalid_request: Invalid Refresh Token). This happens when access is revoked, " +
        'the refresh token expires, or the Keap password or policy changes. Reconnect your Keap account in Zapier to keep your Zaps running.',
    });
    const again = await ctx.appTester(ops.refresh as never, { authData: connection.authData, meta: {} });
    expect(again).toMatchObject({ crm: 'keap', app_name: 'sb123' });
  });

  it('asks the user to reconnect when the refresh token was revoked', async () => {
    const { sandbox } = ctx;
    const connection = await agedConnection('keap');
    sandbox.expireAccessTokens('keap');
    sandbox.revokeRefreshTokens('keap');

    const error = await failure(run(ctx, connection, ops.findContact, { email: 'ada@example.com' }));

    expect(error).toEqual({
      name: 'ExpiredAuthError',
      message:
        "Keap no longer accepts this connection's sign-in (invalid_request: Invalid Refresh Token). This happens when access is revoked, " +
        'the refresh token expires, or the Keap password or policy changes. Reconnect your Keap account in Zapier to keep your Zaps running.',
    });
    expect(apiCalls(sandbox, 'keap')).toEqual([
      'GET /v2/contacts',
      'POST /keap/token',
    ]);
  });
});

describe('Salesforce connection', () => {
  it('authorizes on the production login host with PKCE and the offline scopes, and labels without an environment', async () => {
    const { sandbox } = ctx;
    let authorizeUrl = '';
    const connection = await connectCrm(ctx, 'salesforce', {}, (url) => (authorizeUrl = url));

    const url = new URL(authorizeUrl);
    expect(`${url.origin}${url.pathname}`).toBe(`${sandbox.env.SALESFORCE_LOGIN_URL}/services/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: sandbox.clients.salesforce.clientId,
      redirect_uri: ctx.redirectUri,
      scope: 'api refresh_token offline_access id',
      state: expect.stringMatching(/^[0-9a-f]{24}$/),
      code_challenge: expect.stringMatching(/^[\w-]{43}$/),
      code_challenge_method: 'S256',
    });
    expect(tokenRequest('/salesforce/services/oauth2/token').map((r) => r.body)).toEqual([
      {
        grant_type: 'authorization_code',
        code: '[redacted]',
        client_id: sandbox.clients.salesforce.clientId,
        client_secret: '[redacted]',
        redirect_uri: ctx.redirectUri,
        code_verifier: '[redacted]',
      },
    ]);
    expect(connection.authData).toEqual({
      crm: 'salesforce',
      access_token: expect.stringMatching(/^00D8d000001SBXE!/),
      refresh_token: expect.any(String),
      instance_url: `${sandbox.url}/salesforce`,
      id: `${sandbox.url}/salesforce/id/${ORG_ID}/${ADMIN_USER_ID}`,
      issued_at: expect.stringMatching(/^\d{13}$/),
      salesforce_environment: 'production',
      salesforce_domain: '',
      login_url: sandbox.env.SALESFORCE_LOGIN_URL,
      oncehub_api_key: '',
    });
    expect(connection.authData.refresh_token).not.toBe('');
    expect(connection.label).toBe(`Salesforce · ${ORG_NAME} · ${SF_ADMIN}`);
  });

  it('connects a sandbox org through the sandbox login host and says so in the label', async () => {
    const { sandbox } = ctx;
    let authorizeUrl = '';
    const connection = await connectCrm(ctx, 'salesforce', { salesforce_environment: 'sandbox' }, (url) => (authorizeUrl = url));

    expect(authorizeUrl.startsWith(`${sandbox.env.SALESFORCE_SANDBOX_LOGIN_URL}/services/oauth2/authorize?`)).toBe(true);
    expect(connection.authData).toMatchObject({
      salesforce_environment: 'sandbox',
      login_url: sandbox.env.SALESFORCE_SANDBOX_LOGIN_URL,
      instance_url: `${sandbox.url}/salesforce`,
    });
    expect(connection.label).toBe(`Salesforce (Sandbox) · ${ORG_NAME} · ${SF_ADMIN}`);
  });

  it('sends a My Domain org to its own login host, and refuses a host that is not one', async () => {
    const authorize = (inputData: Record<string, string>) =>
      ctx.appTester(App.authentication!.oauth2Config!.authorizeUrl as never, {
        inputData: { crm: 'salesforce', salesforce_environment: 'my_domain', redirect_uri: ctx.redirectUri, state: 's', ...inputData },
        meta: {},
      });

    const url = new URL((await authorize({ salesforce_domain: 'https://Acme.lightning.force.com/lightning/page/home' })) as string);
    expect(`${url.origin}${url.pathname}`).toBe('https://acme.my.salesforce.com/services/oauth2/authorize');
    expect(await failure(authorize({ salesforce_domain: 'evil.example.com' }))).toMatchObject({
      message:
        "Salesforce My Domain (salesforce_domain) must be your org's My Domain host, such as acme.my.salesforce.com or " +
        'acme--uat.sandbox.my.salesforce.com; got "evil.example.com". Find it in Salesforce Setup → My Domain.',
    });
  });

  it('refreshes without rotation: a new access token, the same refresh token and instance', async () => {
    const { sandbox } = ctx;
    const connection = await agedConnection('salesforce');
    const before = { ...connection.authData };
    sandbox.expireAccessTokens('salesforce');

    expect(await run(ctx, connection, ops.findContact, { email: 'nobody@example.com' })).toEqual([]);

    expect(tokenRequest('/salesforce/services/oauth2/token').map((r) => r.body)).toEqual([
      { grant_type: 'refresh_token', refresh_token: '[redacted]', client_id: sandbox.clients.salesforce.clientId, client_secret: '[redacted]' },
    ]);
    expect(connection.authData).toEqual({ ...before, access_token: expect.any(String), issued_at: expect.stringMatching(/^\d{13}$/) });
    expect(connection.authData.access_token).not.toBe(before.access_token);
  });

  it('keeps the new refresh token when the connected app rotates them', async () => {
    const { sandbox } = ctx;
    sandbox.configure({ salesforce: { rotateRefreshTokens: true } });
    try {
      const connection = await agedConnection('salesforce');
      const before = { ...connection.authData };
      sandbox.expireAccessTokens('salesforce');

      await run(ctx, connection, ops.findContact, { email: 'nobody@example.com' });

      expect(connection.authData.refresh_token).not.toBe(before.refresh_token);
      expect(await failure(ctx.appTester(ops.refresh as never, { authData: before, meta: {} }))).toMatchObject({ name: 'ExpiredAuthError' });
    } finally {
      sandbox.configure({ salesforce: { rotateRefreshTokens: false } });
    }
  });

  it('asks the user to reconnect when the refresh token was revoked', async () => {
    const { sandbox } = ctx;
    const connection = await agedConnection('salesforce');
    sandbox.expireAccessTokens('salesforce');
    sandbox.revokeRefreshTokens('salesforce');

    const error = await failure(run(ctx, connection, ops.findContact, { email: 'ada@example.com' }));

    expect(error).toEqual({
      name: 'ExpiredAuthError',
      message:
        "Salesforce no longer accepts this connection's sign-in (invalid_grant: expired access/refresh token). This happens when access is revoked, " +
        'the refresh token expires, or the Salesforce password or policy changes. Reconnect your Salesforce account in Zapier to keep your Zaps running.',
    });
  });
});

describe('OnceHub API key in the connection test', () => {
  const test = (authData: Record<string, string>) => ctx.appTester(ops.test as never, { authData, meta: {} }) as Promise<Record<string, string>>;

  // Other tests here expire every issued token, so each of these connects afresh.
  it('checks a given key and names the OnceHub account it belongs to', async () => {
    const { authData } = await connectCrm(ctx, 'keap', { oncehub_api_key: ctx.sandbox.oncehub.apiKey });
    ctx.sandbox.resetRequestLog();
    const output = await test(authData);

    expect(output).toMatchObject({ crm: 'keap', oncehub_account: 'admin@sandbox-oncehub.example.com' });
    expect(apiCalls(ctx.sandbox, 'oncehub')).toEqual(['GET /test']);
  });

  it('does not call OnceHub when no key was given', async () => {
    const output = await test((await connectCrm(ctx, 'salesforce')).authData);

    expect(output).toMatchObject({ crm: 'salesforce', oncehub_account: '' });
    expect(apiCalls(ctx.sandbox, 'oncehub')).toEqual([]);
  });

  it('fails the connection with reconnect steps when the key is wrong', async () => {
    const { authData } = await connectCrm(ctx, 'keap');
    const error = await failure(test({ ...authData, oncehub_api_key: 'not-the-key' }));

    expect(error).toEqual({
      name: 'ExpiredAuthError',
      message:
        'OnceHub rejected the API key saved in this connection (Invalid API key). ' +
        'In OnceHub, open Settings → API & Webhooks, create an API key, then reconnect this Zapier connection with it.',
    });
  });

  it('explains a plan without API access', async () => {
    const { authData } = await connectCrm(ctx, 'keap', { oncehub_api_key: ctx.sandbox.oncehub.apiKey });
    ctx.sandbox.configure({ oncehub: { apiAccess: false } });
    try {
      const error = await failure(test(authData));

      expect(error).toMatchObject({
        name: 'AppError',
        message:
          'OnceHub says your plan does not include API access: Your account plan does not support API access. To use the OnceHub API, ' +
          'you must upgrade to the Enterprise plan. The New Booking trigger needs a OnceHub plan with API access (Enterprise).',
      });
    } finally {
      ctx.sandbox.configure({ oncehub: { apiAccess: true } });
    }
  });
});
