import { type Sandbox } from '../../sandbox';
import { startCheckedSandbox } from '../helpers/checked-sandbox';
import { api, authorize, pkcePair } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startCheckedSandbox();
});
afterAll(() => sandbox.close());

const form = (body: Record<string, string>, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(body),
});

describe('consent page', () => {
  it('shows client id, scope and Allow/Deny buttons', async () => {
    const response = await fetch(`${sandbox.url}/keap/app/oauth/authorize?client_id=sandbox-keap-client&redirect_uri=http://localhost/cb&response_type=code&scope=full&state=abc`);
    const html = await response.text();
    expect(response.status).toBe(200);
    expect(html).toContain('id="allow"');
    expect(html).toContain('id="deny"');
    expect(html).toContain('sandbox-keap-client');
    expect(html).toContain('full');
  });

  it('rejects an unknown client with an error page', async () => {
    const response = await fetch(`${sandbox.url}/salesforce/services/oauth2/authorize?client_id=nope&redirect_uri=http://localhost/cb`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('invalid_client_id');
  });

  it('Deny redirects with access_denied and the state', async () => {
    const response = await fetch(`${sandbox.url}/keap/app/oauth/authorize`, {
      ...form({ client_id: 'sandbox-keap-client', redirect_uri: 'http://localhost/cb', state: 'st8', decision: 'deny' }),
      redirect: 'manual',
    });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('error_description')).toBeTruthy();
    expect(location.searchParams.get('state')).toBe('st8');
  });
});

describe('Keap tokens', () => {
  it('issues Keap-shaped tokens and rotates the refresh token on every refresh', async () => {
    const first = await authorize(sandbox, 'keap');
    expect(first).toMatchObject({ token_type: 'bearer', expires_in: 86399, scope: 'full|sb123.infusionsoft.com' });
    const basic = `Basic ${Buffer.from('sandbox-keap-client:sandbox-keap-secret').toString('base64')}`;
    const refreshed = await fetch(sandbox.env.KEAP_TOKEN_URL, form({ grant_type: 'refresh_token', refresh_token: first.refresh_token! }, { authorization: basic }));
    const second = (await refreshed.json()) as Record<string, string>;
    expect(refreshed.status).toBe(200);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    const reused = await fetch(sandbox.env.KEAP_TOKEN_URL, form({ grant_type: 'refresh_token', refresh_token: first.refresh_token! }, { authorization: basic }));
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ error: 'invalid_request', error_description: 'Invalid Refresh Token' });
    const bodyCredentials = await fetch(
      sandbox.env.KEAP_TOKEN_URL,
      form({ grant_type: 'refresh_token', refresh_token: second.refresh_token!, client_id: 'sandbox-keap-client', client_secret: 'sandbox-keap-secret' }),
    );
    expect(bodyCredentials.status).toBe(200);
  });

  it('rejects a JSON token request', async () => {
    const response = await fetch(sandbox.env.KEAP_TOKEN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'refresh_token', refresh_token: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'response_type or grant_type is required' });
  });

  it('answers expired tokens with the Apigee fault', async () => {
    const token = await authorize(sandbox, 'keap');
    const call = api(sandbox.env.KEAP_API_BASE_URL, token.access_token!);
    expect((await call('GET', '/v1/oauth/connect/userinfo')).status).toBe(200);
    sandbox.expireAccessTokens('keap');
    const expired = await call('GET', '/v2/oauth/connect/userinfo');
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({ fault: { faultstring: 'Invalid Access Token', detail: { errorcode: 'keymanagement.service.invalid_access_token' } } });
    expect(expired.headers.get('x-keap-tenant-id')).toBe('sb123.infusionsoft.com');
  });
});

describe('Salesforce tokens', () => {
  it('requires the PKCE verifier when a challenge was sent', async () => {
    const { verifier, challenge } = pkcePair();
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    expect(await authorize(sandbox, 'salesforce', pkce, { code_verifier: 'wrong-verifier-wrong-verifier-wrong-verifier' })).toEqual({
      error: 'invalid_grant',
      error_description: 'invalid code verifier',
    });
    const token = await authorize(sandbox, 'salesforce', pkce, { code_verifier: verifier });
    expect(token).toMatchObject({ token_type: 'Bearer', instance_url: `${sandbox.url}/salesforce` });
    expect(token).not.toHaveProperty('expires_in');
    expect(token.issued_at).toMatch(/^\d{13}$/);
    expect(token.refresh_token).toBeTruthy();

    const identity = await api('', token.access_token!)('GET', token.id!);
    expect(identity.status).toBe(200);
    expect(identity.json).toMatchObject({ user_id: expect.any(String), organization_id: expect.any(String), username: expect.any(String) });
    expect(identity.json.urls.rest).toContain('/salesforce/services/data/');
  });

  it('keeps the refresh token unless rotation is on, and reports dead ones', async () => {
    const token = await authorize(sandbox, 'salesforce');
    const refresh = (rt: string) =>
      fetch(`${sandbox.env.SALESFORCE_LOGIN_URL}/services/oauth2/token`, form({ grant_type: 'refresh_token', refresh_token: rt, client_id: 'sandbox-sf-client', client_secret: 'sandbox-sf-secret' }));
    const plain = (await (await refresh(token.refresh_token!)).json()) as Record<string, string>;
    expect(plain.access_token).toBeTruthy();
    expect(plain.refresh_token).toBeUndefined();

    sandbox.configure({ salesforce: { rotateRefreshTokens: true } });
    const rotated = (await (await refresh(token.refresh_token!)).json()) as Record<string, string>;
    expect(rotated.refresh_token).toBeTruthy();
    const dead = await refresh(token.refresh_token!);
    expect(dead.status).toBe(400);
    expect(await dead.json()).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
    sandbox.configure({ salesforce: { rotateRefreshTokens: false } });

    sandbox.expireAccessTokens('salesforce');
    const expired = await api(sandbox.url, rotated.access_token!)('GET', '/salesforce/services/data/v62.0/sobjects/Lead/describe');
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    sandbox.revokeRefreshTokens('salesforce');
    expect((await refresh(rotated.refresh_token!)).status).toBe(400);
  });

  it('needs the client secret on the token request', async () => {
    const response = await fetch(`${sandbox.env.SALESFORCE_LOGIN_URL}/services/oauth2/token`, form({ grant_type: 'refresh_token', refresh_token: 'x', client_id: 'sandbox-sf-client' }));
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_client');
  });
});
