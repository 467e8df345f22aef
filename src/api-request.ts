import { callApi, type ApiRequest } from './http/api';
import type { ApiRequestInput } from './inputs';
import { invalidInput } from './kit';
import { named } from './input';
import { API_REQUEST } from './inputs';
import type { Context, CrmProvider } from './providers/types';

/** A safety cap: a server whose pages never end cannot hold a step forever. */
const MAX_PAGES = 50;

export type ApiRequestResult = {
  status: number;
  /** The answer itself when it is not a list (one record, a write's result). */
  data: unknown;
  /** A GET's rows, across pages, at most Max Rows. */
  rows: unknown[];
  row_count: number;
  /** True when the API had more rows than Max Rows. */
  has_more: boolean;
};

/**
 * API Request: the connection's own API, signed by the connection and answered through the same
 * error mapper as every step. The path was checked at the boundary to stay below the API root;
 * callApi resolves it there. A GET collects rows page by page in the CRM's own scheme.
 */
export const sendApiRequest = async (ctx: Context, provider: CrmProvider, input: ApiRequestInput): Promise<ApiRequestResult> => {
  if (input.body !== undefined && (input.method === 'GET' || input.method === 'DELETE')) {
    throw invalidInput(ctx.z, `${named(API_REQUEST.body)} is sent with POST, PUT and PATCH only; clear it, or choose one of those in ${named(API_REQUEST.method)}.`);
  }
  const request: ApiRequest = {
    url: input.path,
    method: input.method,
    params: input.query ?? {},
    ...(input.body !== undefined ? { json: input.body } : {}),
  };
  if (input.method !== 'GET') {
    const response = await callApi(ctx.z, ctx.bundle, provider.api, request);
    return { status: response.status, data: response.data ?? null, rows: [], row_count: 0, has_more: false };
  }

  const rows: unknown[] = [];
  let next: ApiRequest | undefined = provider.paging.first(request, input.max_rows);
  let status = 200;
  let data: unknown = null;
  let leftOnPage = false;
  for (let page = 0; next && rows.length < input.max_rows && page < MAX_PAGES; page++) {
    const response: { status: number; data: unknown } = await callApi(ctx.z, ctx.bundle, provider.api, next);
    const pageRows = provider.paging.rows(response.data);
    if (page === 0) status = response.status;
    if (!pageRows) {
      data = response.data ?? null;
      next = undefined;
      break;
    }
    const taken = pageRows.slice(0, input.max_rows - rows.length);
    rows.push(...taken);
    leftOnPage = taken.length < pageRows.length;
    next = pageRows.length ? provider.paging.next(response.data, next, pageRows.length) : undefined;
  }
  return { status, data, rows, row_count: rows.length, has_more: leftOnPage || next !== undefined };
};
