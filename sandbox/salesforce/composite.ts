import { isRecord, json, type Router } from '../http';
import { sfError } from './org';
import { sfBody, type SfContext } from './context';

/**
 * Composite and composite/batch: sub-requests run in-process against the same REST routes, so
 * they see exactly the validation a direct call would. The whole call counts as one API call.
 */

const MAX_SUBREQUESTS = 25;
const ROLLED_BACK = 'The transaction was rolled back since another operation in the same transaction failed.';
const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

const halted = (message: string) => [{ errorCode: 'PROCESSING_HALTED', message }];

class MissingReference extends Error {}

const lookup = (results: Map<string, unknown>, ref: string, path: string): unknown => {
  if (!results.has(ref)) throw new MissingReference(`${ref}${path}`);
  let value: unknown = results.get(ref);
  for (const [, key, index] of path.matchAll(/\.([A-Za-z0-9_]+)|\[(\d+)\]/g)) {
    if (value === null || typeof value !== 'object') throw new MissingReference(`${ref}${path}`);
    value = (value as Record<string, unknown>)[key ?? Number(index)];
  }
  if (value === undefined) throw new MissingReference(`${ref}${path}`);
  return value;
};

/** Replaces `@{ref.path}` everywhere; a string that is one whole reference takes the referenced value's type. */
const resolve = (value: unknown, results: Map<string, unknown>): unknown => {
  if (typeof value === 'string') {
    const whole = /^@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/.exec(value);
    if (whole) return lookup(results, whole[1]!, whole[2] ?? '');
    return value.replace(REFERENCE, (_m, ref: string, path: string) => String(lookup(results, ref, path)));
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, results));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v, results)]));
  return value;
};

/** `/services/data/v62.0/sobjects/Lead` or `v62.0/sobjects/Lead` → `/sobjects/Lead`. */
const relativePath = (url: string): string | undefined => /^\/?(?:services\/data\/)?v\d+\.\d(\/.*)?$/.exec(url)?.[1] ?? (/^\/?(?:services\/data\/)?v\d+\.\d$/.test(url) ? '' : undefined);

interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

export const registerComposite = (router: Router<SfContext>): void => {
  router
    .on('POST', '/composite', async (req, _p, ctx) => {
      const input = sfBody(req);
      const list = input.compositeRequest;
      if (!Array.isArray(list) || list.length === 0) return sfError(400, 'INVALID_INPUT', 'compositeRequest must be a non-empty array');
      if (list.length > MAX_SUBREQUESTS) return sfError(400, 'INVALID_INPUT', `Too many subrequests: the limit is ${MAX_SUBREQUESTS}`);
      const allOrNone = input.allOrNone === true;
      const snapshot = allOrNone ? ctx.org.snapshot() : undefined;
      const results = new Map<string, unknown>();
      const responses: SubResponse[] = [];
      let failed = false;
      for (const sub of list) {
        const sr = isRecord(sub) ? sub : {};
        const referenceId = typeof sr.referenceId === 'string' ? sr.referenceId : '';
        const answer = (httpStatusCode: number, body: unknown, httpHeaders: Record<string, string> = {}) =>
          responses.push({ body, httpHeaders, httpStatusCode, referenceId });
        if (!/^[A-Za-z0-9_]+$/.test(referenceId) || responses.some((r) => r.referenceId === referenceId)) {
          return sfError(400, 'INVALID_INPUT', `Invalid or duplicate referenceId: '${referenceId}'`);
        }
        if (failed && allOrNone) {
          answer(400, halted(ROLLED_BACK));
          continue;
        }
        let url: string;
        let body: unknown;
        try {
          url = String(resolve(sr.url, results));
          body = resolve(sr.body, results);
        } catch (error) {
          if (!(error instanceof MissingReference)) throw error;
          const [ref] = error.message.split(/[.[]/);
          answer(400, halted(`Invalid reference specified. No value for ${error.message} found in ${ref}. Provided referenceId ('${ref}') must match a prior subrequest.`));
          failed = true;
          continue;
        }
        const path = relativePath(url);
        if (path === undefined) return sfError(400, 'INVALID_INPUT', `The URL must start with /services/data/vXX.X: ${url}`);
        const response = await ctx.dispatch(String(sr.method ?? 'GET').toUpperCase(), path, body);
        answer(response.status, response.body ?? null, response.headers ?? {});
        if (response.status < 300) results.set(referenceId, response.body);
        else failed = true;
      }
      if (allOrNone && failed) {
        ctx.org.restore(snapshot);
        for (const r of responses) if (r.httpStatusCode < 300) Object.assign(r, { httpStatusCode: 400, body: halted(ROLLED_BACK), httpHeaders: {} });
      }
      return json(200, { compositeResponse: responses });
    })
    .on('POST', '/composite/batch', async (req, _p, ctx) => {
      const input = sfBody(req);
      const list = input.batchRequests;
      if (!Array.isArray(list) || list.length === 0) return sfError(400, 'INVALID_INPUT', 'batchRequests must be a non-empty array');
      if (list.length > MAX_SUBREQUESTS) return sfError(400, 'INVALID_INPUT', `Too many batch requests: the limit is ${MAX_SUBREQUESTS}`);
      const results: { statusCode: number; result: unknown }[] = [];
      let stop = false;
      for (const sub of list) {
        const sr = isRecord(sub) ? sub : {};
        if (stop) {
          results.push({ statusCode: 412, result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }] });
          continue;
        }
        const path = relativePath(String(sr.url ?? ''));
        if (path === undefined) return sfError(400, 'INVALID_INPUT', `The URL must start with vXX.X: ${String(sr.url)}`);
        const response = await ctx.dispatch(String(sr.method ?? 'GET').toUpperCase(), path, sr.richInput);
        results.push({ statusCode: response.status, result: response.body ?? null });
        if (response.status >= 400 && input.haltOnError === true) stop = true;
      }
      return json(200, { hasErrors: results.some((r) => r.statusCode >= 400), results });
    });
};
