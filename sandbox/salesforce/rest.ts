import { randomBytes } from 'node:crypto';
import { header, json, noContent, type Router, type SandboxRequest, type SandboxResponse } from '../http';
import { registerComposite } from './composite';
import { describeGlobalEntry, describeObject } from './describe';
import { normalizeId, sfError, type Org, type SfRecord } from './org';
import { fieldOf, type ObjectDef } from './schema';
import { runSoql } from './soql';
import { deleteRecord, writeRecord } from './write';
import { sfBody, type SfContext } from './context';

const notFound = (): never => sfError(404, 'NOT_FOUND', 'The requested resource does not exist');

export const objectOr404 = (org: Org, name: string): ObjectDef => org.object(name) ?? notFound();

const recordOr404 = (org: Org, object: ObjectDef, id: string): { id: string; record: SfRecord } => {
  const full = normalizeId(id);
  const record = full ? org.records.get(full) : undefined;
  if (!full || !record || record.type !== object.name) return notFound();
  return { id: full, record };
};

export const recordOut = (record: SfRecord, object: ObjectDef, only?: string[]): Record<string, unknown> => {
  const names = only ?? object.fields.map((f) => f.name);
  const out: Record<string, unknown> = { attributes: { type: object.name, url: `/services/data/v62.0/sobjects/${object.name}/${String(record.fields.Id)}` } };
  for (const name of names) out[name] = record.fields[name] ?? null;
  return out;
};

const saved = (id: string, extra: Record<string, unknown> = {}) => ({ id, success: true, errors: [], ...extra });

/**
 * Query results come in batches, as Salesforce sends them: 2,000 records by default, or the
 * `Sforce-Query-Options: batchSize=N` asked for (200 to 2,000); a result with more records
 * answers `done: false` and a `nextRecordsUrl` (`/query/<locator>-<offset>`) for the next batch
 * (REST API Developer Guide, "Execute a SOQL Query" and "Query Options Header").
 */
const DEFAULT_BATCH = 2000;
const cursors = new WeakMap<Org, Map<string, { records: Record<string, unknown>[]; batch: number }>>();

const batchSizeOf = (req: SandboxRequest): number => {
  const asked = Number(header(req, 'sforce-query-options')?.match(/batchSize\s*=\s*(\d+)/i)?.[1]);
  return Number.isInteger(asked) ? Math.min(Math.max(asked, 200), DEFAULT_BATCH) : DEFAULT_BATCH;
};

const batchFrom = (org: Org, locator: string, records: Record<string, unknown>[], offset: number, batch: number, totalSize: number) => {
  const page = records.slice(offset, offset + batch);
  const more = offset + batch < records.length;
  if (!more) cursors.get(org)?.delete(locator);
  return json(200, { totalSize, done: !more, ...(more ? { nextRecordsUrl: `/services/data/v62.0/query/${locator}-${offset + batch}` } : {}), records: page });
};

const query = (req: SandboxRequest, org: Org): SandboxResponse => {
  const q = req.query.get('q');
  if (!q) return sfError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  const result = runSoql(org, q);
  const batch = batchSizeOf(req);
  if (result.records.length <= batch) return json(200, result);
  const locator = `01g${randomBytes(6).toString('hex').toUpperCase()}`;
  if (!cursors.has(org)) cursors.set(org, new Map());
  cursors.get(org)!.set(locator, { records: result.records, batch });
  return batchFrom(org, locator, result.records, 0, batch, result.totalSize);
};

const queryMore = (org: Org, cursor: string): SandboxResponse => {
  const [, locator = '', offset = ''] = cursor.match(/^(01g[0-9A-F]+)-(\d+)$/) ?? [];
  const open = cursors.get(org)?.get(locator);
  if (!open) return sfError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
  return batchFrom(org, locator, open.records, Number(offset), open.batch, open.records.length);
};

const upsert = (req: SandboxRequest, ctx: SfContext, objectName: string, fieldName: string, value: string): SandboxResponse => {
  const object = objectOr404(ctx.org, objectName);
  const def = fieldOf(object, fieldName);
  if (!def || !(def.externalId || def.idLookup)) {
    return sfError(404, 'NOT_FOUND', `Provided external ID field does not exist or is not accessible: ${fieldName}`);
  }
  const input = sfBody(req);
  if (Object.keys(input).some((k) => k.toLowerCase() === def.name.toLowerCase())) {
    sfError(400, 'INVALID_FIELD', `${def.name}: the external ID field must not be in the request body`, [def.name]);
  }
  const wanted = def.name === 'Id' ? normalizeId(value) : value.toLowerCase();
  const matches = ctx.org
    .all(object.name)
    .filter(({ record }) => (def.name === 'Id' ? record.fields.Id === wanted : String(record.fields[def.name] ?? '').toLowerCase() === wanted));
  if (matches.length > 1) return json(300, matches.map(({ id }) => `/services/data/v62.0/sobjects/${object.name}/${id}`));
  if (matches.length === 1) {
    const id = writeRecord(ctx.org, object, input, ctx.options, matches[0]!.id);
    return json(200, saved(id, { created: false }));
  }
  const id = writeRecord(ctx.org, object, def.name === 'Id' ? input : { ...input, [def.name]: value }, ctx.options);
  return json(201, saved(id, { created: true }));
};

export const registerRest = (router: Router<SfContext>): void => {
  router
    .on('GET', '', () =>
      json(200, {
        sobjects: '/services/data/v62.0/sobjects',
        query: '/services/data/v62.0/query',
        composite: '/services/data/v62.0/composite',
        limits: '/services/data/v62.0/limits',
      }),
    )
    .on('GET', '/limits', (_req, _p, ctx) => {
      const { used, max } = ctx.apiUsage();
      return json(200, { DailyApiRequests: { Max: max, Remaining: max - used } });
    })
    .on('GET', '/query', (req, _p, { org }) => query(req, org))
    .on('GET', '/queryAll', (req, _p, { org }) => query(req, org))
    .on('GET', '/query/:cursor', (_req, { cursor = '' }, { org }) => queryMore(org, cursor))
    .on('GET', '/sobjects', (_req, _p, { org }) =>
      json(200, { encoding: 'UTF-8', maxBatchSize: 200, sobjects: Object.values(org.schema).map(describeGlobalEntry) }),
    )
    .on('GET', '/sobjects/:object', (_req, { object = '' }, { org }) =>
      json(200, { objectDescribe: describeGlobalEntry(objectOr404(org, object)), recentItems: [] }),
    )
    .on('GET', '/sobjects/:object/describe', (_req, { object = '' }, { org }) => json(200, describeObject(objectOr404(org, object))))
    .on('POST', '/sobjects/:object', (req, { object = '' }, ctx) => {
      const def = objectOr404(ctx.org, object);
      if (!def.createable) sfError(400, 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be inserted: ${def.name}`);
      const id = writeRecord(ctx.org, def, sfBody(req), ctx.options);
      return json(201, saved(id), { location: `/services/data/v62.0/sobjects/${def.name}/${id}` });
    })
    .on('GET', '/sobjects/:object/:id', (req, { object = '', id = '' }, { org }) => {
      const def = objectOr404(org, object);
      const { record } = recordOr404(org, def, id);
      const only = req.query.get('fields')?.split(',').map((name) => {
        const field = fieldOf(def, name.trim());
        return field ? field.name : sfError(400, 'INVALID_FIELD', `No such column '${name.trim()}' on sobject of type ${def.name}`);
      });
      return json(200, recordOut(record, def, only));
    })
    .on('PATCH', '/sobjects/:object/:id', (req, { object = '', id = '' }, ctx) => {
      const def = objectOr404(ctx.org, object);
      if (!def.updateable) return json(405, [{ errorCode: 'METHOD_NOT_ALLOWED', message: "HTTP Method 'PATCH' not allowed. Allowed are GET,DELETE,HEAD", fields: [] }]);
      const found = recordOr404(ctx.org, def, id);
      writeRecord(ctx.org, def, sfBody(req), ctx.options, found.id);
      return noContent();
    })
    .on('DELETE', '/sobjects/:object/:id', (_req, { object = '', id = '' }, { org }) => {
      const def = objectOr404(org, object);
      deleteRecord(org, recordOr404(org, def, id).id);
      return noContent();
    })
    .on('PATCH', '/sobjects/:object/:field/:value', (req, { object = '', field = '', value = '' }, ctx) => upsert(req, ctx, object, field, value));
  registerComposite(router);
};
