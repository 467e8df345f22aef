import { SALESFORCE_API_VERSION } from './config';
import { salesforce } from './client';
import type { Context } from '../types';
import { describeSalesforceError, salesforceErrorsOf, type SalesforceError } from './errors';

/** Sub-request URLs are absolute paths under /services/data/<version>. */
export const dataPath = (path: string): string => `/services/data/${SALESFORCE_API_VERSION}${path}`;

export type SubRequest = { referenceId: string; method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; url: string; body?: unknown };
export type SubResponse = { referenceId: string; httpStatusCode: number; body: unknown };

/** Composite accepts at most 25 sub-requests per call. */
export const COMPOSITE_LIMIT = 25;

export const queryRequest = (referenceId: string, soql: string): SubRequest => ({
  referenceId,
  method: 'GET',
  url: dataPath(`/query?q=${encodeURIComponent(soql)}`),
});

/**
 * One round trip for several independent requests. `allOrNone` is off so one failing
 * sub-request (a column this org lacks) cannot sink the others; callers read each result.
 */
export const composite = async (ctx: Context, requests: SubRequest[]): Promise<Map<string, SubResponse>> => {
  const response = await salesforce<{ compositeResponse: SubResponse[] }>(ctx, {
    url: '/composite',
    method: 'POST',
    json: { allOrNone: false, compositeRequest: requests },
  });
  return new Map((response.data.compositeResponse ?? []).map((sub) => [sub.referenceId, sub]));
};

export const failed = (sub: SubResponse | undefined): boolean => !sub || sub.httpStatusCode >= 400;

export const subErrors = (sub: SubResponse | undefined): SalesforceError[] => (sub ? salesforceErrorsOf(sub.body) : []);

/** A failed sub-request as the user sees it, worded by the same mapper as top-level errors. */
export const throwSubFailure = (ctx: Context, sub: SubResponse | undefined, what: string): never => {
  const errors = subErrors(sub);
  const detail = errors.length ? errors.map(describeSalesforceError).join(' ') : `HTTP ${sub?.httpStatusCode ?? 'no response'}.`;
  throw new ctx.z.errors.Error(`Salesforce could not ${what}: ${detail}`, errors[0]?.errorCode ?? errors[0]?.statusCode ?? 'SalesforceCompositeError', 400);
};

export type QueryResult<T> = { totalSize: number; done: boolean; records: T[] };

export const recordsOf = <T>(sub: SubResponse | undefined): T[] => ((sub?.body as QueryResult<T> | undefined)?.records ?? []);
