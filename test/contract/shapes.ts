import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { KEAP_V2_SPEC_PATH, keapV2Errors } from './keap-v2';
import { soqlProblems } from './soql';

/**
 * The documented request shapes of every provider host the connector calls
 * (/work/shared/reference/{keap,salesforce,oncehub}.md and the official Keap v2 spec). Each
 * check returns the reasons the real API would reject the request; empty means it conforms.
 * An unknown path on a provider host is itself a violation: describe it here before using it.
 */

export type SeenRequest = {
  method: string;
  url: URL;
  headers: Record<string, unknown>;
  body: string;
  /** The nock scope checks Keap v2 bodies itself (test/providers/keap/helpers.ts). */
  bodyCheckedByScope?: boolean;
};

type Check = (request: SeenRequest, match?: RegExpMatchArray) => string[];
type Route = { method: string; path: RegExp; check?: Check };

const issues = (schema: z.ZodType, value: unknown, what: string): string[] => {
  const result = schema.safeParse(value);
  return result.success
    ? []
    : result.error.issues.map((issue) => `${what} ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
};

const jsonBody = (request: SeenRequest): unknown => {
  if (!request.body) return undefined;
  try {
    return JSON.parse(request.body);
  } catch {
    return Symbol.for('not json');
  }
};

const formBody = (request: SeenRequest): Record<string, string> => Object.fromEntries(new URLSearchParams(request.body));

const queryOf = (request: SeenRequest): Record<string, string> | string[] => {
  const keys = [...request.url.searchParams.keys()];
  const repeated = keys.filter((key, i) => keys.indexOf(key) !== i);
  if (repeated.length) return [`query parameter ${repeated[0]} is sent twice`];
  return Object.fromEntries(request.url.searchParams);
};

const header = (request: SeenRequest, name: string): string => {
  const value = request.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value === undefined ? '' : String(value);
};

const checkQuery = (schema: z.ZodType): Check => (request) => {
  const query = queryOf(request);
  return Array.isArray(query) ? query : issues(schema, query, 'query');
};

const noBody: Check = (request) => (request.body ? [`${request.method} carries a body`] : []);

const both = (...checks: Check[]): Check => (request, match) => checks.flatMap((check) => check(request, match));

const runRoutes = (routes: Route[], request: SeenRequest, pathname: string, service: string): string[] => {
  for (const route of routes) {
    const match = pathname.match(route.path);
    if (match && route.method === request.method) return route.check?.(request, match) ?? [];
  }
  return [`${request.method} ${pathname} is not a documented ${service} call (describe it in test/contract/shapes.ts)`];
};

const formContentType: Check = (request) =>
  /^application\/x-www-form-urlencoded/i.test(header(request, 'content-type')) ? [] : ['token request is not form-encoded'];

const nonEmpty = z.string().min(1);

// ---------------------------------------------------------------- Keap

const keapAuthorizationCode = z.strictObject({
  grant_type: z.literal('authorization_code'),
  code: nonEmpty,
  redirect_uri: z.url(),
  client_id: nonEmpty,
  client_secret: nonEmpty,
});

const keapRefresh = z.strictObject({
  grant_type: z.literal('refresh_token'),
  refresh_token: nonEmpty,
  client_id: nonEmpty.optional(),
  client_secret: nonEmpty.optional(),
});

/** keap.md §1.2 and §1.4: form-encoded; a refresh sends the client in a Basic header or the form. */
const keapToken: Check = (request) => {
  const form = formBody(request);
  const problems = formContentType(request);
  if (form.grant_type === 'refresh_token') {
    problems.push(...issues(keapRefresh, form, 'refresh form'));
    const basic = /^Basic [A-Za-z0-9+/=]+$/.test(header(request, 'authorization'));
    if (!basic && !(form.client_id && form.client_secret)) problems.push('refresh sends no client credentials');
    return problems;
  }
  return [...problems, ...issues(keapAuthorizationCode, form, 'token form')];
};

/** keap.md §2.6: v1 is used only where v2 has no equivalent: bulk tag apply and removal. */
const KEAP_V1: Route[] = [
  {
    method: 'POST',
    path: /^\/v1\/contacts\/\d+\/tags$/,
    check: both(checkQuery(z.strictObject({})), (request) =>
      issues(z.strictObject({ tagIds: z.array(z.number().int().positive()).min(1) }), jsonBody(request), 'body'),
    ),
  },
  {
    method: 'DELETE',
    path: /^\/v1\/contacts\/\d+\/tags$/,
    check: both(noBody, checkQuery(z.strictObject({ ids: z.string().regex(/^\d+(,\d+)*$/, 'must be comma-separated tag ids') }))),
  },
  { method: 'GET', path: /^\/v1\/contacts\/\d+\/tags$/, check: noBody },
];

type KeapOperation = {
  method: string;
  pattern: string;
  params: Record<string, { type?: string; minimum?: number; maximum?: number; enum?: string[] }>;
  bodySchema?: string;
  /** Per documented status, the name of its JSON body's schema; null when it documents no JSON body. */
  responses: Record<string, string | null>;
};


let keapOperations: KeapOperation[] | undefined;

/** Paths, query parameters and request-body schema names from the spec, cached in tmp across test files. */
const loadKeapOperations = (): KeapOperation[] => {
  if (keapOperations) return keapOperations;
  const stat = statSync(KEAP_V2_SPEC_PATH);
  const cache = path.join(tmpdir(), `keap-v2-operations-2-${stat.size}-${Math.round(stat.mtimeMs)}.json`);
  if (existsSync(cache)) return (keapOperations = JSON.parse(readFileSync(cache, 'utf8')) as KeapOperation[]);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { parse } = require('yaml') as typeof import('yaml');
  type Param = { name?: string; in?: string; $ref?: string; schema?: KeapOperation['params'][string] & { items?: { enum?: string[] } } };
  const spec = parse(readFileSync(KEAP_V2_SPEC_PATH, 'utf8')) as {
    paths: Record<
      string,
      Record<
        string,
        {
          parameters?: Param[];
          requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> };
          responses?: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }>;
        }
      >
    >;
    components?: { parameters?: Record<string, Param> };
  };
  const resolve = (p: Param): Param => (p.$ref ? (spec.components?.parameters?.[p.$ref.split('/').pop()!] ?? {}) : p);
  keapOperations = Object.entries(spec.paths).flatMap(([pattern, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
      .map(([method, operation]) => ({
        method: method.toUpperCase(),
        pattern,
        params: Object.fromEntries(
          (operation.parameters ?? [])
            .map(resolve)
            .filter((p) => p.in === 'query' && p.name)
            .map((p) => [p.name!, { ...p.schema, enum: p.schema?.enum ?? p.schema?.items?.enum, items: undefined }]),
        ),
        bodySchema: operation.requestBody?.content?.['application/json']?.schema?.$ref?.split('/').pop(),
        responses: Object.fromEntries(
          Object.entries(operation.responses ?? {}).map(([status, response]) => [
            status,
            response.content?.['application/json']?.schema?.$ref?.split('/').pop() ?? null,
          ]),
        ),
      })),
  );
  writeFileSync(cache, JSON.stringify(keapOperations));
  return keapOperations;
};

const templateRegExp = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`);

/** The spec's operation for a v2 call (`restPath` such as `/v2/contacts/7`), a literal path winning over a template. */
const keapV2Operation = (method: string, restPath: string): KeapOperation | undefined =>
  loadKeapOperations()
    .filter((op) => op.method === method && templateRegExp(op.pattern).test(`/rest${restPath}`))
    .sort((a, b) => (a.pattern.match(/\{/g)?.length ?? 0) - (b.pattern.match(/\{/g)?.length ?? 0))[0];

/**
 * What is wrong with a v2 answer by the spec: a success status it does not document for the
 * operation, or a body that does not fit the documented schema (extra properties included).
 * Error statuses the spec leaves out are not refused: it does not list every one a server sends.
 */
export const keapV2ResponseViolations = (method: string, restPath: string, status: number, body: unknown): string[] => {
  const operation = keapV2Operation(method, restPath);
  if (!operation) return [`${method} /rest${restPath} is not in the Keap v2 spec`];
  if (!(String(status) in operation.responses)) return status < 400 ? [`status ${status} is not documented for ${method} ${operation.pattern}`] : [];
  const schema = operation.responses[String(status)];
  if (!schema) return body === undefined || body === '' ? [] : [`${method} ${operation.pattern} documents no JSON body for ${status}`];
  return keapV2Errors(schema, body).map((error) => `response ${status} (${schema}) ${error}`);
};

/** Every v2 call is checked against the spec: the path and method exist, each query parameter is declared, the body fits. */
const keapV2 = (request: SeenRequest, restPath: string): string[] => {
  const specPath = `/rest${restPath}`;
  const operation = keapV2Operation(request.method, restPath);
  if (!operation) return [`${request.method} ${specPath} is not in the Keap v2 spec`];
  const problems: string[] = [];
  // The locale lists answer with next_page_token but the spec declares no paging parameters.
  const tolerated = operation.params.page_size ? [] : ['page_size', 'page_token'];
  for (const [name, value] of request.url.searchParams) {
    const param = operation.params[name];
    if (!param && tolerated.includes(name)) continue;
    if (!param) {
      problems.push(`query parameter ${name} is not declared for ${request.method} ${operation.pattern}`);
      continue;
    }
    if (param.type === 'integer') {
      const n = Number(value);
      if (!Number.isInteger(n)) problems.push(`query ${name}=${value} is not an integer`);
      if (param.minimum !== undefined && n < param.minimum) problems.push(`query ${name}=${value} is below ${param.minimum}`);
      if (param.maximum !== undefined && n > param.maximum) problems.push(`query ${name}=${value} is above ${param.maximum}`);
    }
    const bad = param.enum ? value.split(',').filter((item) => !param.enum!.includes(item)) : [];
    if (bad.length) problems.push(`query ${name} has values outside the spec's enum: ${bad.join(', ')}`);
  }
  if (['GET', 'DELETE'].includes(request.method)) return [...problems, ...noBody(request)];
  if (request.bodyCheckedByScope) return problems;
  if (!operation.bodySchema) return request.body ? [...problems, `${operation.pattern} takes no body`] : problems;
  return [...problems, ...keapV2Errors(operation.bodySchema, jsonBody(request)).map((e) => `body (${operation.bodySchema}) ${e}`)];
};

const keap = (request: SeenRequest): string[] => {
  const pathname = request.url.pathname;
  if (pathname === '/token') return request.method === 'POST' ? keapToken(request) : ['token endpoint takes POST'];
  const rest = pathname.match(/^\/crm\/rest(\/v[12]\/.*)$/);
  if (!rest) return [`${request.method} ${pathname} is not a Keap REST path`];
  const problems = /^Bearer \S+$/.test(header(request, 'authorization')) ? [] : ['no Bearer token'];
  const restPath = rest[1]!;
  return [...problems, ...(restPath.startsWith('/v2/') ? keapV2(request, restPath) : runRoutes(KEAP_V1, request, restPath, 'Keap v1'))];
};

// ---------------------------------------------------------------- Salesforce

const SALESFORCE_DATA = '/services/data/v62.0';
const API_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A record id, or a composite reference to one (`@{contact.id}`, `@{found.records[0].Id}`). */
const RECORD_ID = '(?:[A-Za-z0-9]{15}(?:[A-Za-z0-9]{3})?|@\\{[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+|\\[\\d+\\])*\\})';

type DescribeField = { name: string; type: string; createable: boolean; updateable: boolean; length?: number };

let describes: Map<string, Map<string, DescribeField>> | undefined;

/** Field lists of each sObject, from the describe fixtures the Salesforce tests answer with (union of variants). */
const describedFields = (): Map<string, Map<string, DescribeField>> => {
  if (describes) return describes;
  describes = new Map();
  const dir = path.resolve(__dirname, '../providers/salesforce/fixtures/describe');
  for (const file of existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : []) {
    addDescribe(describes, JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Describe);
  }
  // Topics have no describe fixture; their fields are documented and fixed (Topic object reference).
  describes.set(
    'Topic',
    new Map([
      ['Name', { name: 'Name', type: 'string', createable: true, updateable: true, length: 99 }],
      ['Description', { name: 'Description', type: 'string', createable: true, updateable: true, length: 1000 }],
    ]),
  );
  describes.set(
    'TopicAssignment',
    new Map(
      ['TopicId', 'EntityId'].map((name) => [name, { name, type: 'reference', createable: true, updateable: false }] as const),
    ),
  );
  return describes;
};

/** Folds a describe a test answered with into the known fields, so inline variants (record types, custom fields) count. */
export const learnDescribe = (body: string): void => {
  let describe: { name?: unknown; fields?: unknown };
  try {
    describe = JSON.parse(body) as typeof describe;
  } catch {
    return;
  }
  if (typeof describe.name !== 'string' || !Array.isArray(describe.fields)) return;
  addDescribe(describedFields(), describe as Describe);
};

type Describe = { name: string; fields: DescribeField[]; recordTypeInfos?: Array<{ master?: boolean }> };

/** A real describe lists RecordTypeId once the object has record types; the fixtures give only recordTypeInfos. */
const fieldsOf = (describe: Describe): DescribeField[] =>
  (describe.recordTypeInfos ?? []).some((rt) => !rt.master)
    ? [...describe.fields, { name: 'RecordTypeId', type: 'reference', createable: true, updateable: true }]
    : describe.fields;

const addDescribe = (known: Map<string, Map<string, DescribeField>>, describe: Describe) => {
  const fields = known.get(describe.name) ?? new Map<string, DescribeField>();
  for (const field of fieldsOf(describe)) fields.set(field.name, { ...field, ...mergeFlags(fields.get(field.name), field) });
  known.set(describe.name, fields);
};

const mergeFlags = (a: DescribeField | undefined, b: DescribeField) => ({
  createable: Boolean(a?.createable) || b.createable,
  updateable: Boolean(a?.updateable) || b.updateable,
  length: Math.max(a?.length ?? 0, b.length ?? 0),
});

const TEXT_TYPES = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'multipicklist', 'combobox']);
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** salesforce.md §2.3: no Id in the body, known writable fields, datetimes with an explicit offset, texts within length. */
const sobjectBody =
  (mode: 'create' | 'update'): Check =>
  (request, match) => {
    const sobject = match![1]!;
    const body = jsonBody(request);
    if (!body || typeof body !== 'object' || Array.isArray(body)) return ['body is not a JSON object'];
    const fields = describedFields().get(sobject);
    const problems: string[] = [];
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      if (key.toLowerCase() === 'id') problems.push('body contains Id (Salesforce: "The Id field should not be specified")');
      if (!API_NAME.test(key)) problems.push(`${key} is not an API field name`);
      if (value !== null && typeof value === 'object') problems.push(`${key} is an object or array, not a field value`);
      if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !DATETIME.test(value)) {
        problems.push(`${key}=${value} is a datetime without Z or an offset`);
      }
      if (!fields) continue;
      const field = fields.get(key);
      if (!field) {
        problems.push(`${sobject}.${key} is not a field in any ${sobject} describe the tests answered with`);
        continue;
      }
      if (mode === 'create' ? !field.createable : !field.updateable) problems.push(`${sobject}.${key} is not ${mode === 'create' ? 'createable' : 'updateable'}`);
      if (field.type === 'datetime' && value !== null && !(typeof value === 'string' && DATETIME.test(value))) {
        problems.push(`${sobject}.${key} must be an ISO datetime with Z; got ${JSON.stringify(value)}`);
      }
      if (field.type === 'date' && value !== null && !(typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value))) {
        problems.push(`${sobject}.${key} must be YYYY-MM-DD; got ${JSON.stringify(value)}`);
      }
      if (TEXT_TYPES.has(field.type) && field.length && typeof value === 'string' && value.length > field.length) {
        problems.push(`${sobject}.${key} is ${value.length} characters; the field holds ${field.length} (STRING_TOO_LONG)`);
      }
    }
    return problems;
  };

const soqlQuery: Check = (request) => {
  const query = queryOf(request);
  if (Array.isArray(query)) return query;
  const problems = issues(z.strictObject({ q: nonEmpty }), query, 'query');
  return query.q ? [...problems, ...soqlProblems(query.q).map((p) => `SOQL ${p}: ${query.q}`)] : problems;
};

const COMPOSITE_LIMIT = 25;
/** Salesforce's composite limit on query and sObject Collections sub-requests per call. */
const COMPOSITE_QUERY_LIMIT = 5;

const compositeSchema = z.strictObject({
  allOrNone: z.boolean().optional(),
  collateSubrequests: z.boolean().optional(),
  compositeRequest: z
    .array(
      z.strictObject({
        method: z.enum(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
        url: z.string().startsWith(`${SALESFORCE_DATA}/`, `must be under ${SALESFORCE_DATA}`),
        referenceId: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'must start with a letter and hold only letters, digits and _'),
        body: z.unknown().optional(),
        httpHeaders: z.record(z.string(), z.string()).optional(),
      }),
    )
    .min(1)
    .max(COMPOSITE_LIMIT),
});

/** salesforce.md §2.5: ≤25 sub-requests with unique reference ids, each itself a valid data-API request. */
const compositeCheck: Check = (request) => {
  const body = jsonBody(request);
  const problems = issues(compositeSchema, body, 'composite');
  if (problems.length) return problems;
  const subs = (body as z.infer<typeof compositeSchema>).compositeRequest;
  const ids = subs.map((s) => s.referenceId);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) problems.push(`referenceId ${duplicate} is used twice`);
  const queries = subs.filter((s) => /\/query(All)?\?/.test(s.url)).length;
  if (queries > COMPOSITE_QUERY_LIMIT) problems.push(`${queries} query sub-requests; composite allows ${COMPOSITE_QUERY_LIMIT}`);
  for (const sub of subs) {
    const headers = Object.keys(sub.httpHeaders ?? {}).filter((h) => /^(accept|authorization|content-type)$/i.test(h));
    if (headers.length) problems.push(`${sub.referenceId} sets ${headers.join(', ')}, which sub-requests must not`);
    const url = new URL(sub.url, request.url.origin);
    const subRequest: SeenRequest = { ...request, method: sub.method, url, body: sub.body === undefined ? '' : JSON.stringify(sub.body) };
    problems.push(...salesforceData(subRequest, true).map((p) => `${sub.referenceId} (${sub.method} ${url.pathname}): ${p}`));
  }
  return problems;
};

const SALESFORCE_DATA_ROUTES: Route[] = [
  { method: 'GET', path: /^\/query$/, check: soqlQuery },
  { method: 'GET', path: /^\/query\/[A-Za-z0-9-]+$/, check: noBody },
  { method: 'GET', path: /^\/sobjects\/([A-Za-z][A-Za-z0-9_]*)\/describe$/, check: noBody },
  { method: 'POST', path: /^\/sobjects\/([A-Za-z][A-Za-z0-9_]*)$/, check: sobjectBody('create') },
  { method: 'PATCH', path: new RegExp(`^/sobjects/([A-Za-z][A-Za-z0-9_]*)/${RECORD_ID}$`), check: sobjectBody('update') },
  { method: 'GET', path: new RegExp(`^/sobjects/([A-Za-z][A-Za-z0-9_]*)/${RECORD_ID}$`), check: noBody },
  { method: 'DELETE', path: new RegExp(`^/sobjects/([A-Za-z][A-Za-z0-9_]*)/${RECORD_ID}$`), check: noBody },
  { method: 'POST', path: /^\/composite$/, check: compositeCheck },
  { method: 'GET', path: /^\/limits$/, check: noBody },
  // UI API (v42+): the picklist values a record type offers, salesforce.md §2.8.
  { method: 'GET', path: /^\/ui-api\/object-info\/[A-Za-z][A-Za-z0-9_]*\/picklist-values\/012[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/, check: noBody },
];

const salesforceData = (request: SeenRequest, inComposite = false): string[] => {
  const pathname = decodeURIComponent(request.url.pathname);
  if (!pathname.startsWith(`${SALESFORCE_DATA}/`)) return [`${pathname} is not under the pinned ${SALESFORCE_DATA}`];
  const route = pathname.slice(SALESFORCE_DATA.length);
  if (inComposite && route === '/composite') return ['composite inside composite'];
  return runRoutes(SALESFORCE_DATA_ROUTES, request, route, 'Salesforce REST');
};

const salesforceAuthorizationCode = z.strictObject({
  grant_type: z.literal('authorization_code'),
  code: nonEmpty,
  client_id: nonEmpty,
  client_secret: nonEmpty.optional(),
  redirect_uri: z.url(),
  code_verifier: z.string().regex(/^[A-Za-z0-9._~-]{43,128}$/, 'must be 43-128 unreserved characters').optional(),
  format: z.literal('json').optional(),
});

const salesforceRefresh = z.strictObject({
  grant_type: z.literal('refresh_token'),
  refresh_token: nonEmpty,
  client_id: nonEmpty,
  client_secret: nonEmpty.optional(),
  format: z.literal('json').optional(),
});

/** salesforce.md §1.3, §1.5, §1.6. */
const SALESFORCE_OAUTH: Route[] = [
  {
    method: 'POST',
    path: /^\/services\/oauth2\/token$/,
    check: both(formContentType, (request) => {
      const form = formBody(request);
      return form.grant_type === 'refresh_token'
        ? issues(salesforceRefresh, form, 'refresh form')
        : issues(salesforceAuthorizationCode, form, 'token form');
    }),
  },
  { method: 'POST', path: /^\/services\/oauth2\/revoke$/, check: both(formContentType, (r) => issues(z.strictObject({ token: nonEmpty }), formBody(r), 'revoke form')) },
  { method: 'GET', path: /^\/services\/oauth2\/userinfo$/, check: noBody },
  { method: 'GET', path: /^\/id\/00D[A-Za-z0-9]{12,15}\/005[A-Za-z0-9]{12,15}$/, check: noBody },
];

const salesforce = (request: SeenRequest): string[] => {
  if (request.url.pathname.startsWith('/services/data/')) {
    const auth = /^Bearer \S+$/.test(header(request, 'authorization')) ? [] : ['no Bearer token'];
    return [...auth, ...salesforceData(request)];
  }
  return runRoutes(SALESFORCE_OAUTH, request, request.url.pathname, 'Salesforce');
};

// ---------------------------------------------------------------- OnceHub

/** oncehub.md §A6: the documented webhook event names, plus the composite `booking`. */
export const ONCEHUB_EVENTS = [
  'booking',
  'booking.scheduled',
  'booking.rescheduled',
  'booking.reassigned',
  'booking.canceled_then_rescheduled',
  'booking.canceled_reschedule_requested',
  'booking.canceled',
  'booking.completed',
  'booking.no_show',
  'conversation.started',
  'conversation.closed',
  'conversation.abandoned',
] as const;

const webhookUrl = z.url().refine((value) => {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1'].includes(url.hostname));
}, 'OnceHub accepts only https URLs');

const webhookBody = z.strictObject({
  url: webhookUrl,
  name: z.string().trim().min(1).max(255),
  events: z.array(z.enum(ONCEHUB_EVENTS)).min(1),
});

const isoTime = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO date or date-time');
const EXPANDABLE = ['booking_page', 'master_page', 'event_type', 'owner'];

/** oncehub.md §A5. */
const bookingsQuery = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(100).optional(),
    after: nonEmpty.optional(),
    before: nonEmpty.optional(),
    expand: z
      .string()
      .refine((v) => v.split(',').every((item) => EXPANDABLE.includes(item.replace(/^data\./, ''))), `expand takes ${EXPANDABLE.join(', ')}`)
      .optional(),
    status: z.enum(['requested', 'scheduled', 'rescheduled', 'completed', 'canceled', 'no_show']).optional(),
    owner: nonEmpty.optional(),
    contact: nonEmpty.optional(),
    booking_page: nonEmpty.optional(),
    master_page: nonEmpty.optional(),
    event_type: nonEmpty.optional(),
    booking_calendar: nonEmpty.optional(),
    host: nonEmpty.optional(),
    'creation_time.gt': isoTime.optional(),
    'creation_time.lt': isoTime.optional(),
    'starting_time.gt': isoTime.optional(),
    'starting_time.lt': isoTime.optional(),
    'last_updated_time.gt': isoTime.optional(),
    'last_updated_time.lt': isoTime.optional(),
  })
  .refine((q) => !(q.after && q.before), 'after and before are mutually exclusive');

const paging = z.strictObject({ limit: z.coerce.number().int().min(1).max(100).optional(), after: nonEmpty.optional(), before: nonEmpty.optional() });

const ONCEHUB_ROUTES: Route[] = [
  { method: 'GET', path: /^\/v2\/test$/, check: both(noBody, checkQuery(z.strictObject({}))) },
  { method: 'POST', path: /^\/v2\/webhooks$/, check: both(checkQuery(z.strictObject({})), (r) => issues(webhookBody, jsonBody(r), 'body')) },
  { method: 'GET', path: /^\/v2\/webhooks$/, check: both(noBody, checkQuery(paging)) },
  { method: 'GET', path: /^\/v2\/webhooks\/[^/]+$/, check: noBody },
  { method: 'DELETE', path: /^\/v2\/webhooks\/[^/]+$/, check: noBody },
  { method: 'GET', path: /^\/v2\/bookings$/, check: both(noBody, checkQuery(bookingsQuery)) },
  { method: 'GET', path: /^\/v2\/bookings\/[^/]+$/, check: noBody },
];

const oncehub = (request: SeenRequest): string[] => [
  ...(header(request, 'api-key') ? [] : ['no API-Key header']),
  ...runRoutes(ONCEHUB_ROUTES, request, request.url.pathname, 'OnceHub'),
];

// ---------------------------------------------------------------- dispatch

/** Reasons the provider would reject this request; hosts that are no provider's (the sandbox, untrusted origins) are not checked. */
export const requestViolations = (request: SeenRequest): string[] => {
  const host = request.url.hostname;
  if (request.url.protocol !== 'https:' && /infusionsoft|oncehub|salesforce/.test(host)) return ['provider called over plain http'];
  if (host === 'api.infusionsoft.com') return keap(request);
  if (host === 'api.oncehub.com') return oncehub(request);
  if (/(^|\.)salesforce\.com$/.test(host)) return salesforce(request);
  return [];
};
