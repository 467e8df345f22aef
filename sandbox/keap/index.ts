import { header, html, isFormBody, formBody, json, type SandboxRequest, type SandboxResponse, Router, HttpError } from '../http';
import { consentDecision, consentPage, type ConsentConfig } from '../oauth/consent';
import { bearerToken, clientCredentials, TokenStore } from '../oauth/tokens';
import { page, recordPage } from '../page/html';
import { registerActivities } from './activities';
import type { KeapContext } from './common';
import { registerContacts, renderV1 } from './contacts';
import { registerSettings } from './settings';
import { KeapStore } from './store';
import { registerTags } from './tags';

export interface KeapOptions {
  clientId?: string;
  clientSecret?: string;
  /** The tenant, as in `full|<appName>.infusionsoft.com` and `x-keap-tenant-id`. */
  appName?: string;
}

/** Keap's published quotas for an OAuth client (keap.md §3.2). */
const THROTTLE_PER_MINUTE = 1500;
const QUOTA_PER_DAY = 150000;

const tokenError = (status: number, error: string, description: string): SandboxResponse =>
  json(status, { error, error_description: description });

const fault = (errorcode: string): SandboxResponse =>
  json(401, { fault: { faultstring: 'Invalid Access Token', detail: { errorcode } } });

export class KeapService {
  store = new KeapStore();
  readonly tokens: TokenStore;
  readonly appName: string;
  private readonly router = new Router<KeapContext>();
  private readonly consent: ConsentConfig;
  private minute = { start: Date.now(), used: 0 };
  private day = { start: Date.now(), used: 0 };

  constructor(options: KeapOptions = {}) {
    this.tokens = new TokenStore({ id: options.clientId ?? 'sandbox-keap-client', secret: options.clientSecret ?? 'sandbox-keap-secret' });
    this.appName = options.appName ?? 'sb123';
    this.consent = { title: 'Keap', store: this.tokens, defaultScope: 'full', pkce: false };
    registerContacts(this.router);
    registerTags(this.router);
    registerActivities(this.router);
    registerSettings(this.router);
  }

  reset(): void {
    this.store = new KeapStore();
    this.minute = { start: Date.now(), used: 0 };
    this.day = { start: Date.now(), used: 0 };
  }

  get tenant(): string {
    return `${this.appName}.infusionsoft.com`;
  }

  /** Sent on every Keap response, like the Apigee gateway in front of the real API. */
  headers(): Record<string, string> {
    const now = Date.now();
    if (now - this.minute.start >= 60_000) this.minute = { start: now, used: 0 };
    if (now - this.day.start >= 86_400_000) this.day = { start: now, used: 0 };
    return {
      'x-keap-tenant-id': this.tenant,
      'x-keap-product-throttle-limit': String(THROTTLE_PER_MINUTE),
      'x-keap-product-throttle-time-unit': 'minute',
      'x-keap-product-throttle-interval': '1',
      'x-keap-product-throttle-available': String(Math.max(THROTTLE_PER_MINUTE - this.minute.used, 0)),
      'x-keap-product-throttle-used': String(this.minute.used),
      'x-keap-product-quota-limit': String(QUOTA_PER_DAY),
      'x-keap-product-quota-time-unit': 'day',
      'x-keap-product-quota-interval': '1',
      'x-keap-product-quota-available': String(Math.max(QUOTA_PER_DAY - this.day.used, 0)),
      'x-keap-product-quota-used': String(this.day.used),
      'x-keap-product-quota-expiry-time': String(this.day.start + 86_400_000),
      'x-keap-product-spike-limit': '25ps',
    };
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    const { method, path } = req;
    if (path === '/app/oauth/authorize') {
      if (method === 'GET') return consentPage(req, this.consent);
      if (method === 'POST') return consentDecision(req, this.consent);
    }
    if (path === '/token' && method === 'POST') return this.token(req);
    if (path.startsWith('/crm/rest/')) return this.api(req, path.slice('/crm/rest'.length));
    if (path === '/web/Contact/manageContact.jsp' && method === 'GET') return this.contactPage(req);
    if (path === '/web/Task/manageTask.jsp' && method === 'GET') return this.taskPage(req);
    return json(404, { message: `No route for ${method} ${req.fullPath}` });
  }

  private token(req: SandboxRequest): SandboxResponse {
    const form = isFormBody(req) ? formBody(req) : undefined;
    if (!form?.get('grant_type')) return tokenError(400, 'invalid_request', 'response_type or grant_type is required');
    const client = clientCredentials(header(req, 'authorization'), form);
    if (client.id !== this.tokens.client.id || client.secret !== this.tokens.client.secret) {
      return tokenError(401, 'invalid_client', 'Invalid client credentials');
    }
    let scope: string;
    switch (form.get('grant_type')) {
      case 'authorization_code': {
        const grant = this.tokens.takeCode(form.get('code') ?? '');
        if (!grant || grant.clientId !== client.id) return tokenError(400, 'invalid_grant', 'Invalid authorization code');
        if (form.get('redirect_uri') !== grant.redirectUri) return tokenError(400, 'invalid_grant', 'Redirect URI mismatch');
        scope = grant.scope;
        break;
      }
      case 'refresh_token': {
        const old = form.get('refresh_token') ?? '';
        const found = this.tokens.refreshScope(old);
        if (found === undefined) return tokenError(400, 'invalid_request', 'Invalid Refresh Token');
        // Keap rotates on every refresh: the token just used is dead from now on (keap.md §1.4).
        this.tokens.retireRefresh(old);
        scope = found;
        break;
      }
      default:
        return tokenError(400, 'unsupported_grant_type', `Unsupported grant type: ${form.get('grant_type')}`);
    }
    const refreshToken = this.tokens.issueRefresh(scope);
    return json(200, {
      access_token: this.tokens.issueAccess(scope, refreshToken),
      refresh_token: refreshToken,
      token_type: 'bearer',
      expires_in: 86399,
      scope: `full|${this.tenant}`,
    });
  }

  private async api(req: SandboxRequest, path: string): Promise<SandboxResponse> {
    this.minute.used += 1;
    this.day.used += 1;
    // The gateway authenticates before it routes, so an unknown path without a token is a 401 too.
    const token = bearerToken(header(req, 'authorization')) ?? req.query.get('access_token') ?? undefined;
    if (!token) return fault('oauth.v2.InvalidAccessToken');
    if (this.tokens.checkAccess(token) !== 'valid') return fault('keymanagement.service.invalid_access_token');
    const match = this.router.match(req.method, path);
    if (match === undefined) return json(404, { message: `No resource found for ${req.method} ${path}` });
    if (match === 'method') return json(405, { message: `Method ${req.method} not allowed for ${path}` });
    const apiBase = `${req.origin}/keap/crm/rest`;
    try {
      return await match.handler({ ...req, path }, match.params, { store: this.store, apiBase, appName: this.appName });
    } catch (error) {
      if (error instanceof HttpError) return error.response;
      throw error;
    }
  }

  private contactPage(req: SandboxRequest): SandboxResponse {
    const contact = this.store.contacts.get(Number(req.query.get('ID')));
    if (!contact) return html(404, page('Keap contact', '<h1>Contact not found</h1>'));
    const record = renderV1(contact);
    record.tags = Object.keys(contact.tags).map((id) => this.store.tags.get(Number(id))?.name ?? id);
    return html(200, recordPage(`Keap contact ${contact.id}`, record));
  }

  /** The web app's task page, where an activity's link opens. */
  private taskPage(req: SandboxRequest): SandboxResponse {
    const task = this.store.tasks.get(Number(req.query.get('ID')));
    if (!task) return html(404, page('Keap task', '<h1>Task not found</h1>'));
    const { history: _history, ...record } = task;
    return html(200, recordPage(`Keap task ${task.id}`, record));
  }
}
