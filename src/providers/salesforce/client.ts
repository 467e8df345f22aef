import type { HttpResponse } from 'zapier-platform-core';
import { SALESFORCE_API_VERSION } from './config';
import { bearer, callApi, originsOf, whenTokenIsFresh, type ApiRequest, type ApiRoute } from '../../http/api';
import type { ApiPaging, Context } from '../types';
import { throwForSalesforceError } from './errors';

const instanceOf = (authData: Record<string, string> | undefined): string => (authData?.instance_url ?? '').replace(/\/+$/, '');

/** Where Salesforce calls go (the org's own instance, on the pinned API version) and how they are signed and judged. */
export const SALESFORCE_API: ApiRoute = {
  name: 'salesforce',
  service: 'Salesforce',
  baseUrl: (bundle) => `${instanceOf(bundle.authData)}/services/data/${SALESFORCE_API_VERSION}`,
  // The identity URL (`authData.id`) lives on the login host, not the instance.
  trustedOrigins: (bundle) => originsOf(instanceOf(bundle.authData), bundle.authData?.id),
  credentials: (z, bundle) => bearer(z, bundle, 'Salesforce'),
  mapErrors: throwForSalesforceError,
  refusedAfterRefresh: whenTokenIsFresh(
    'Salesforce rejected a session it issued moments ago ("This session is not valid for use with the REST API"). ' +
      'This happens when the org requires a high-assurance session or blocks this connected app. Ask your Salesforce admin ' +
      'to allow API access for the connected app (its OAuth policies and session security level), then reconnect.',
  ),
};

/** Sends one Salesforce request; paths are relative to the pinned REST version. */
export const salesforce = <T = unknown>(ctx: Context, request: ApiRequest): Promise<HttpResponse<T>> =>
  callApi<T>(ctx.z, ctx.bundle, SALESFORCE_API, request);

/** A query batch size Salesforce takes (`Sforce-Query-Options: batchSize`, 200 to 2,000). */
const batchSize = (maxRows: number) => Math.min(Math.max(maxRows, 200), 2000);

/**
 * Salesforce's list scheme, for API Request: a query answers in batches with `records`, and
 * `nextRecordsUrl` until `done` (the next batch's path, on the same API version as the request).
 * Other answers (a record, describe) are not lists.
 */
export const SALESFORCE_PAGING: ApiPaging = {
  first: (request, maxRows) =>
    /^\/query(All)?\/?$/.test(request.url)
      ? { ...request, headers: { 'Sforce-Query-Options': `batchSize=${batchSize(maxRows)}`, ...request.headers } }
      : request,
  rows: (data) => {
    const records = (data as { records?: unknown })?.records;
    return Array.isArray(records) ? records : Array.isArray(data) ? data : undefined;
  },
  next: (data, request) => {
    const { done, nextRecordsUrl } = (data ?? {}) as { done?: boolean; nextRecordsUrl?: string };
    if (done !== false || typeof nextRecordsUrl !== 'string') return undefined;
    return { url: nextRecordsUrl.replace(/^\/services\/data\/v[\d.]+/, ''), method: 'GET', headers: request.headers };
  },
};
