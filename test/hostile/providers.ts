import nock from 'nock';

/**
 * Catch-all provider doubles for the hostile-input table: every call a step can make is
 * answered with a plausible, documented-shape reply (Keap fixtures, Salesforce describe
 * fixtures), so a hostile value travels as far as it would in production.
 */

const keapFixture = (name: string): unknown => JSON.parse(JSON.stringify(require(`../providers/keap/fixtures/${name}.json`)));
const sfDescribe = (name: string): unknown => require(`../providers/salesforce/fixtures/describe/${name}.json`);

type Reply = [number, unknown?];

const parse = (body: unknown): Record<string, unknown> => {
  if (typeof body === 'string') {
    try {
      return JSON.parse(body) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return (body ?? {}) as Record<string, unknown>;
};

const keapReply = (method: string, uri: string, body: unknown): Reply => {
  const path = uri.split('?')[0]!.replace('/crm/rest', '');
  const sent = parse(body);
  const routes: Array<[string, RegExp, () => Reply]> = [
    ['GET', /^\/v2\/contacts$/, () => [200, { contacts: [{ ...(keapFixture('contact') as object), email_addresses: [{ email: 'ada@example.com', field: 'EMAIL1' }] }] }]],
    ['POST', /^\/v2\/contacts$/, () => [200, keapFixture('contact')]],
    ['PATCH', /^\/v2\/contacts\/\d+$/, () => [200, keapFixture('contact')]],
    ['GET', /^\/v2\/contacts\/\d+$/, () => [200, keapFixture('contact')]],
    ['GET', /^\/v2\/contacts\/model$/, () => [200, keapFixture('contact-model')]],
    ['GET', /^\/v2\/contacts\/\d+\/tags$/, () => [200, { tags: [] }]],
    ['GET', /^\/v2\/contacts\/\d+\/notes$/, () => [200, { notes: [], next_page_token: '' }]],
    ['POST', /^\/v2\/contacts\/\d+\/notes$/, () => [201, { id: '7701', ...sent }]],
    ['GET', /^\/v2\/locales\/countries$/, () => [200, keapFixture('countries')]],
    ['GET', /^\/v2\/locales\/countries\/USA\/provinces$/, () => [200, keapFixture('provinces-usa')]],
    ['GET', /^\/v2\/locales\/countries\/\w+\/provinces$/, () => [200, { provinces: [] }]],
    ['GET', /^\/v2\/settings\/contactOptionTypes$/, () => [200, keapFixture('contact-option-types')]],
    ['GET', /^\/v2\/settings\/applications:getConfiguration$/, () => [200, keapFixture('application-configuration')]],
    ['GET', /^\/v2\/oauth\/connect\/userinfo$/, () => [200, keapFixture('userinfo')]],
    ['GET', /^\/v2\/users$/, () => [200, keapFixture('users')]],
    ['GET', /^\/v2\/leadSources$/, () => [200, { lead_sources: [] }]],
    ['POST', /^\/v2\/leadSources$/, () => [201, { id: '301', name: sent.name }]],
    ['GET', /^\/v2\/leadSourceCategories$/, () => [200, { lead_source_categories: [] }]],
    ['POST', /^\/v2\/leadSourceCategories$/, () => [201, { id: '31', name: sent.name }]],
    ['GET', /^\/v2\/tags$/, () => [200, keapFixture('tags')]],
    ['POST', /^\/v2\/tags$/, () => [201, { id: '901', name: sent.name, category: sent.category }]],
    ['GET', /^\/v2\/tags\/categories$/, () => [200, { tag_categories: [] }]],
    ['POST', /^\/v2\/tags\/categories$/, () => [201, { id: '51', name: sent.name }]],
    ['POST', /^\/v1\/contacts\/\d+\/tags$/, () => [200, Object.fromEntries(((sent.tagIds as number[]) ?? []).map((id) => [String(id), 'SUCCESS']))]],
    ['DELETE', /^\/v1\/contacts\/\d+\/tags$/, () => [204]],
    ['GET', /^\/v2\/tasks$/, () => [200, { tasks: [] }]],
    ['POST', /^\/v2\/tasks$/, () => [201, { id: '5501', ...sent }]],
    ['PATCH', /^\/v2\/tasks\/\d+$/, () => [200, { id: '5501', ...sent }]],
  ];
  const route = routes.find(([m, pattern]) => m === method && pattern.test(path));
  return route ? route[2]() : [404, { message: `hostile double has no reply for ${method} ${path}` }];
};

const SF_DESCRIBES: Record<string, string> = { Lead: 'lead', Contact: 'contact', Event: 'event', Account: 'account', Case: 'case' };
const API = '/services/data/v62.0';

/** One Contact matches ada@example.com, and one campaign (with its default status) exists; other queries find nothing. */
const CAMPAIGN_ID = '7015g00000Cmp01AAA';
const queryResult = (soql: string) => {
  if (/FROM Campaign\b/i.test(soql)) return { totalSize: 1, done: true, records: soql.includes(CAMPAIGN_ID) ? [{ Id: CAMPAIGN_ID, Name: 'Booking Follow-up' }] : [] };
  if (/FROM CampaignMemberStatus\b/i.test(soql)) return { totalSize: 1, done: true, records: [{ Label: 'Sent', IsDefault: true }] };
  const contact = /FROM Contact\b/i.test(soql) && /'(ada@example\.com|0035g00000Ada01AAA)'/i.test(soql);
  const records = contact
    ? [{ attributes: { type: 'Contact', url: `${API}/sobjects/Contact/0035g00000Ada01AAA` }, Id: '0035g00000Ada01AAA', Email: 'ada@example.com', FirstName: 'Ada', LastName: 'Lovelace' }]
    : [];
  return { totalSize: records.length, done: true, records };
};

const salesforceSub = (method: string, url: string): { status: number; body: unknown } => {
  const [path, query] = url.split('?');
  const route = path!.replace(API, '');
  if (method === 'GET' && route === '/query') return { status: 200, body: queryResult(new URLSearchParams(query).get('q') ?? '') };
  const describe = route.match(/^\/sobjects\/(\w+)\/describe$/);
  if (method === 'GET' && describe) {
    const name = SF_DESCRIBES[describe[1]!];
    return name ? { status: 200, body: sfDescribe(name) } : { status: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
  }
  if (method === 'POST' && /^\/sobjects\/\w+$/.test(route)) return { status: 201, body: { id: '00U5g00000Hst01AAA', success: true, errors: [] } };
  if (method === 'PATCH' || method === 'DELETE') return { status: 204, body: null };
  return { status: 404, body: [{ errorCode: 'NOT_FOUND', message: `hostile double has no reply for ${method} ${route}` }] };
};

const salesforceReply = (method: string, uri: string, body: unknown): Reply => {
  if (method === 'POST' && uri === `${API}/composite`) {
    const subs = (parse(body).compositeRequest ?? []) as Array<{ method: string; url: string; referenceId: string }>;
    return [
      200,
      {
        compositeResponse: subs.map((sub) => {
          const { status, body: subBody } = salesforceSub(sub.method, sub.url);
          return { referenceId: sub.referenceId, httpStatusCode: status, httpHeaders: {}, body: subBody };
        }),
      },
    ];
  }
  const { status, body: reply } = salesforceSub(method, uri);
  return [status, reply ?? undefined];
};

const METHODS = ['get', 'post', 'patch', 'delete'] as const;

/** Answers every call to the CRM's host for the rest of the test file. */
export const answerEverything = (crm: 'keap' | 'salesforce', instanceUrl: string) => {
  const scope = nock(crm === 'keap' ? 'https://api.infusionsoft.com' : instanceUrl).persist();
  for (const method of METHODS) {
    scope[method](() => true)
      .query(true)
      .reply(function reply(uri, body) {
        const verb = this.req.method.toUpperCase();
        return crm === 'keap' ? keapReply(verb, uri, body) : salesforceReply(verb, uri, body);
      });
  }
};
