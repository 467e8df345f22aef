import { header, html, HttpError, json, Router, type SandboxRequest, type SandboxResponse } from '../http';
import { page, recordPage } from '../page/html';
import type { SfContext } from './context';
import { invalidSession, SalesforceOAuth } from './oauth';
import { Org } from './org';
import { registerRest, recordOut } from './rest';
import type { OrgFeatures } from './schema';
import { registerUiApi } from './ui-api';

export interface SalesforceOptions extends Partial<OrgFeatures> {
  clientId?: string;
  clientSecret?: string;
  /** Daily API allocation shown in `Sforce-Limit-Info` (Developer Edition: 15000). */
  dailyApiLimit?: number;
}

const API_PREFIX = /^\/services\/data\/v\d+\.\d(\/.*)?$/;

export class SalesforceService {
  org: Org;
  readonly oauth: SalesforceOAuth;
  private readonly router = new Router<SfContext>();
  private readonly dailyLimit: number;
  private apiUsed = 0;

  constructor({ clientId, clientSecret, dailyApiLimit, ...features }: SalesforceOptions = {}) {
    this.org = new Org(features);
    this.dailyLimit = dailyApiLimit ?? 15000;
    this.oauth = new SalesforceOAuth(
      { id: clientId ?? 'sandbox-sf-client', secret: clientSecret ?? 'sandbox-sf-secret' },
      () => this.org,
    );
    registerRest(this.router);
    registerUiApi(this.router);
  }

  reset(): void {
    this.org = new Org(this.org.features);
    this.apiUsed = 0;
  }

  configure(features: Partial<OrgFeatures>): void {
    this.org.configure(features);
  }

  headers(): Record<string, string> {
    return { 'sforce-limit-info': `api-usage=${this.apiUsed}/${this.dailyLimit}` };
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    const oauth = await this.oauth.handle(req, req.path);
    if (oauth) return oauth;
    if (req.path === '/services/data' || req.path === '/services/data/') {
      return json(200, [{ label: "Winter '25", url: '/services/data/v62.0', version: '62.0' }]);
    }
    const api = API_PREFIX.exec(req.path);
    if (api) {
      if (!this.oauth.validAccess(req)) return invalidSession();
      this.apiUsed += 1;
      return this.run(req.method, api[1] ?? '', req);
    }
    const lightning = /^\/lightning\/r\/([A-Za-z_]+)\/([A-Za-z0-9]+)\/view$/.exec(req.path);
    if (lightning && req.method === 'GET') return this.recordPage(lightning[1]!, lightning[2]!);
    return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }]);
  }

  private context(req: SandboxRequest): SfContext {
    const duplicateHeader = header(req, 'sforce-duplicate-rule-header') ?? '';
    return {
      org: this.org,
      options: { allowSave: /allowSave\s*=\s*true/i.test(duplicateHeader) },
      apiUsage: () => ({ used: this.apiUsed, max: this.dailyLimit }),
      dispatch: (method, path, body) => {
        const [pathname = '', search = ''] = path.split('?');
        const sub: SandboxRequest = {
          ...req,
          method,
          path: pathname,
          query: new URLSearchParams(search),
          rawBody: body === undefined || body === null ? '' : JSON.stringify(body),
          headers: { ...req.headers, 'content-type': 'application/json' },
        };
        return this.run(method, pathname, sub);
      },
    };
  }

  private async run(method: string, path: string, req: SandboxRequest): Promise<SandboxResponse> {
    const match = this.router.match(method, path);
    if (match === undefined) return json(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] }]);
    if (match === 'method') return json(405, [{ errorCode: 'METHOD_NOT_ALLOWED', message: `HTTP Method '${method}' not allowed`, fields: [] }]);
    try {
      return await match.handler({ ...req, path }, match.params, this.context(req));
    } catch (error) {
      if (error instanceof HttpError) return error.response;
      throw error;
    }
  }

  private recordPage(objectName: string, id: string): SandboxResponse {
    const object = this.org.object(objectName);
    const record = this.org.get(id);
    if (!object || !record || record.type !== object.name) return html(404, page('Salesforce record', '<h1>Record not found</h1>'));
    return html(200, recordPage(`Salesforce ${object.name} ${id}`, recordOut(record, object)));
  }
}
