import { createHmac } from 'node:crypto';
import { formBody, header, isFormBody, json, type SandboxRequest, type SandboxResponse } from '../http';
import { consentDecision, consentPage, type ConsentConfig } from '../oauth/consent';
import { bearerToken, clientCredentials, pkceS256, TokenStore, type OAuthClient } from '../oauth/tokens';
import { ADMIN_USER_ID, ORG_ID, sfDateTime, type Org } from './org';

/**
 * Salesforce's web-server flow: PKCE plus client secret, no `expires_in`, refresh tokens only
 * for the `refresh_token`/`offline_access` scopes, and rotation only when the app turns it on.
 */

const oauthError = (error: string, description: string, status = 400): SandboxResponse => json(status, { error, error_description: description });

export const invalidSession = (): SandboxResponse =>
  json(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }], { 'www-authenticate': 'Token' });

/** Scopes the connected app grants when the request names none. */
const DEFAULT_SCOPE = 'api refresh_token id';

export class SalesforceOAuth {
  readonly tokens: TokenStore;
  private readonly consent: ConsentConfig;

  constructor(
    client: OAuthClient,
    private readonly org: () => Org,
  ) {
    // Access tokens are `<org id>!<secret>`; refresh tokens look like the documented `5Aep861…`.
    this.tokens = new TokenStore(client, { access: `${ORG_ID.slice(0, 15)}!`, refresh: '5Aep861' });
    this.consent = { title: 'Salesforce', store: this.tokens, defaultScope: DEFAULT_SCOPE, pkce: true };
  }

  /** `path` is below `/salesforce`; undefined when it is not an OAuth or identity path. */
  async handle(req: SandboxRequest, path: string): Promise<SandboxResponse | undefined> {
    const { method } = req;
    if (path === '/services/oauth2/authorize') {
      if (method === 'GET') return consentPage(req, this.consent);
      if (method === 'POST') return consentDecision(req, this.consent);
    }
    if (path === '/services/oauth2/token' && method === 'POST') return this.token(req);
    if (path === '/services/oauth2/revoke' && (method === 'POST' || method === 'GET')) {
      const token = method === 'POST' && isFormBody(req) ? formBody(req).get('token') : req.query.get('token');
      return token && this.tokens.revoke(token) ? { status: 200 } : oauthError('unsupported_token_type', 'this token type is not supported');
    }
    if (path === '/services/oauth2/userinfo' && method === 'GET') return this.authorized(req, () => json(200, this.userinfo(req.origin)));
    const identity = /^\/id\/([A-Za-z0-9]+)\/([A-Za-z0-9]+)$/.exec(path);
    if (identity && method === 'GET') {
      return this.authorized(req, () =>
        identity[1] === ORG_ID && identity[2] === ADMIN_USER_ID ? json(200, this.identity(req.origin)) : json(404, [{ errorCode: 'NOT_FOUND', message: 'Bad_Id', fields: [] }]),
      );
    }
    return undefined;
  }

  validAccess(req: SandboxRequest): boolean {
    return this.tokens.checkAccess(bearerToken(header(req, 'authorization'))) === 'valid';
  }

  private authorized(req: SandboxRequest, answer: () => SandboxResponse): SandboxResponse {
    return this.validAccess(req) ? answer() : invalidSession();
  }

  private token(req: SandboxRequest): SandboxResponse {
    if (!isFormBody(req)) return oauthError('unsupported_grant_type', 'grant type not supported');
    const form = formBody(req);
    const client = clientCredentials(header(req, 'authorization'), form);
    if (client.id !== this.tokens.client.id) return oauthError('invalid_client_id', 'client identifier invalid');
    if (client.secret !== this.tokens.client.secret) return oauthError('invalid_client', 'invalid client credentials');
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        const grant = this.tokens.takeCode(form.get('code') ?? '');
        if (!grant) return oauthError('invalid_grant', 'expired authorization code');
        if (form.get('redirect_uri') !== grant.redirectUri) return oauthError('redirect_uri_mismatch', 'redirect_uri must match configuration');
        if (grant.codeChallenge) {
          const verifier = form.get('code_verifier') ?? '';
          const expected = grant.codeChallengeMethod === 'S256' ? pkceS256(verifier) : verifier;
          if (!verifier || expected !== grant.codeChallenge) return oauthError('invalid_grant', 'invalid code verifier');
        }
        const offline = /\b(refresh_token|offline_access)\b/.test(grant.scope);
        const refreshToken = offline ? this.tokens.issueRefresh(grant.scope) : undefined;
        return this.tokenResponse(req, grant.scope, refreshToken, true);
      }
      case 'refresh_token': {
        const old = form.get('refresh_token') ?? '';
        const scope = this.tokens.refreshScope(old);
        if (scope === undefined) return oauthError('invalid_grant', 'expired access/refresh token');
        if (!this.org().features.rotateRefreshTokens) return this.tokenResponse(req, scope, old, false);
        this.tokens.retireRefresh(old);
        return this.tokenResponse(req, scope, this.tokens.issueRefresh(scope), true);
      }
      default:
        return oauthError('unsupported_grant_type', 'grant type not supported');
    }
  }

  private tokenResponse(req: SandboxRequest, scope: string, refreshToken: string | undefined, sendRefresh: boolean): SandboxResponse {
    const id = `${req.origin}/salesforce/id/${ORG_ID}/${ADMIN_USER_ID}`;
    const issuedAt = String(Date.now());
    return json(200, {
      access_token: this.tokens.issueAccess(scope, refreshToken),
      ...(sendRefresh && refreshToken ? { refresh_token: refreshToken } : {}),
      signature: createHmac('sha256', this.tokens.client.secret).update(id + issuedAt).digest('base64'),
      scope,
      instance_url: `${req.origin}/salesforce`,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
    });
  }

  private urls(origin: string) {
    const base = `${origin}/salesforce/services/data/v{version}`;
    return {
      enterprise: `${origin}/salesforce/services/Soap/c/{version}/${ORG_ID.slice(0, 15)}`,
      metadata: `${origin}/salesforce/services/Soap/m/{version}/${ORG_ID.slice(0, 15)}`,
      partner: `${origin}/salesforce/services/Soap/u/{version}/${ORG_ID.slice(0, 15)}`,
      rest: `${base}/`,
      sobjects: `${base}/sobjects/`,
      search: `${base}/search/`,
      query: `${base}/query/`,
      profile: `${origin}/salesforce/${ADMIN_USER_ID}`,
    };
  }

  private admin() {
    return this.org().records.get(ADMIN_USER_ID)!.fields;
  }

  private identity(origin: string) {
    const u = this.admin();
    return {
      id: `${origin}/salesforce/id/${ORG_ID}/${ADMIN_USER_ID}`,
      asserted_user: true,
      user_id: ADMIN_USER_ID,
      organization_id: ORG_ID,
      username: u.Username,
      nick_name: u.Alias,
      display_name: u.Name,
      email: u.Email,
      email_verified: true,
      first_name: u.FirstName,
      last_name: u.LastName,
      timezone: u.TimeZoneSidKey,
      photos: { picture: `${origin}/salesforce/profilephoto/005/F`, thumbnail: `${origin}/salesforce/profilephoto/005/T` },
      active: true,
      user_type: 'STANDARD',
      language: 'en_US',
      locale: 'en_US',
      utcOffset: -18000000,
      last_modified_date: sfDateTime(new Date('2024-01-02T09:00:00Z')),
      is_app_installed: true,
      urls: this.urls(origin),
    };
  }

  private userinfo(origin: string) {
    const u = this.admin();
    return {
      sub: `${origin}/salesforce/id/${ORG_ID}/${ADMIN_USER_ID}`,
      user_id: ADMIN_USER_ID,
      organization_id: ORG_ID,
      preferred_username: u.Username,
      nickname: u.Alias,
      name: u.Name,
      email: u.Email,
      email_verified: true,
      given_name: u.FirstName,
      family_name: u.LastName,
      zoneinfo: u.TimeZoneSidKey,
      is_salesforce_integration_user: false,
      urls: this.urls(origin),
    };
  }
}
