import { createHash } from 'node:crypto';
import type { HttpRequestOptions } from 'zapier-platform-core';
import { bearer, callApi, originsOf, whenTokenIsFresh, type ApiRoute } from '../../http/api';
import { keapUrls } from './config';
import type { ApiPaging, Context } from '../types';
import { createOnce, type ClaimAttempt } from '../../claims';
import { throwForKeapError } from './errors';
import { cachedValue, cacheForget, cacheRead, cacheWrite, invalidInput } from '../../kit';

/**
 * Small helpers every Keap call shares: one request function over callApi, v2 paging, a
 * short-lived per-account cache for account settings, and safe filter values.
 */

/** Where Keap calls go and how they are signed and judged. */
export const KEAP_API: ApiRoute = {
  name: 'keap',
  service: 'Keap',
  baseUrl: () => keapUrls.apiBase(),
  trustedOrigins: () => originsOf(keapUrls.apiBase()),
  credentials: (z, bundle) => bearer(z, bundle, 'Keap'),
  mapErrors: throwForKeapError,
  refusedAfterRefresh: whenTokenIsFresh(
    'Keap rejected an access token it issued moments ago, so reconnecting is needed rather than a refresh. ' +
      'Reconnect your Keap account; if it happens again, the Keap app may not be approved for this client.',
  ),
};

type KeapRequest = HttpRequestOptions & { url: string; notFound?: string };

/** Sends one Keap request; `notFound` is the message the user sees when Keap answers 404. */
export const keap = async <T>(ctx: Context, { notFound, ...request }: KeapRequest): Promise<{ status: number; data: T }> => {
  const response = await callApi<T>(ctx.z, ctx.bundle, KEAP_API, {
    ...request,
    middlewareData: { ...request.middlewareData, ...(notFound ? { notFound } : {}) },
  });
  return { status: response.status, data: response.data };
};

/** v2 list calls page with `page_token`; a safety cap stops a server that never ends a list. */
const MAX_PAGES = 50;

type ListOptions = { params?: Record<string, string>; pageSize?: number; notFound?: string };

export const keapList = async <T>(ctx: Context, url: string, key: string, options: ListOptions = {}): Promise<T[]> => {
  const { params = {}, pageSize = 1000, notFound } = options;
  const items: T[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const { data } = await keap<Record<string, unknown>>(ctx, {
      url,
      notFound,
      params: { ...params, page_size: String(pageSize), ...(pageToken ? { page_token: pageToken } : {}) },
    });
    const batch = (data?.[key] ?? []) as T[];
    items.push(...batch);
    pageToken = typeof data?.next_page_token === 'string' ? data.next_page_token : undefined;
    if (!pageToken || batch.length === 0) break;
  }
  return items;
};

/** Account settings change rarely: a few minutes of cache saves a round trip per step. */
export const SETTINGS_TTL_SECONDS = 10 * 60;

/** The Keap account (app) the connection reaches: what its cache names and claims are scoped to. */
export const keapAccount = (ctx: Context): string => `keap:${ctx.bundle.authData?.app_name ?? 'app'}`;

const accountKey = (ctx: Context, name: string) => `${keapAccount(ctx)}:${name}`;

export const recall = <T>(ctx: Context, name: string): Promise<T | undefined> => cacheRead<T>(ctx.z, accountKey(ctx, name));

export const remember = (ctx: Context, name: string, value: unknown, ttl = SETTINGS_TTL_SECONDS): Promise<void> =>
  cacheWrite(ctx.z, accountKey(ctx, name), value, ttl);

export const forget = (ctx: Context, name: string): Promise<void> => cacheForget(ctx.z, accountKey(ctx, name));

export const cached = <T>(ctx: Context, name: string, load: () => Promise<T>, ttl = SETTINGS_TTL_SECONDS): Promise<T> =>
  cachedValue(ctx.z, accountKey(ctx, name), ttl, load);

/** A cache name private to this connection's token, without the token itself. */
export const connectionScoped = (ctx: Context, name: string): string =>
  `${name}:${createHash('sha256').update(String(ctx.bundle.authData?.access_token ?? '')).digest('hex').slice(0, 16)}`;

/**
 * Keap's filter grammar (`name==x;status==y`, `*` wildcard, `,` lists) documents no escape
 * character, so user text never reaches it raw: the filter asks for the case-insensitive prefix
 * before the first grammar character and the caller compares exact names itself.
 * Returns undefined when no safe prefix is left (the caller then lists everything).
 */
const FILTER_GRAMMAR = /[=!<>;,*()\\"%]/;

export const prefixFilter = (field: string, value: string): string | undefined => {
  const prefix = value.split(FILTER_GRAMMAR)[0]!.trimEnd();
  return prefix ? `${field}==${prefix}*` : undefined;
};

/** Exact match for values that cannot contain grammar characters (ids, emails without them). */
export const exactFilter = (field: string, value: string): string | undefined =>
  FILTER_GRAMMAR.test(value) ? prefixFilter(field, value) : `${field}==${value}`;

/**
 * Creates a record that must exist once by name (a tag, a category, a lead source) unless a
 * concurrent run holds the claim on that name; a run that lost it finds the winner's record with
 * `find`, which the caller has already tried once.
 */
export const createNamedOnce = <T extends { id?: string | number }>(
  ctx: Context,
  named: { kind: string; name: string },
  find: () => Promise<T | undefined>,
  create: () => Promise<T>,
  attempt: ClaimAttempt = {},
): Promise<T> =>
  createOnce(ctx, { account: keapAccount(ctx), kind: named.kind, ids: [named.name] }, attempt, {
    what: `the Keap ${named.kind} "${named.name.trim()}"`,
    findAgain: async (again) => (await find()) ?? createNamedOnce(ctx, named, find, create, again),
    create: async () => {
      const record = await create();
      return { id: String(record.id), result: record };
    },
  });

/** v2 `update_mask` is an exploded array (the OpenAPI default form style): one `update_mask=` per property. */
export const updateMaskQuery = (body: object): string => Object.keys(body).map((key) => `update_mask=${encodeURIComponent(key)}`).join('&');

export const sameText = (a: string | undefined, b: string | undefined): boolean =>
  (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();

export const isKeapId = (value: string): boolean => /^\d{1,18}$/.test(value.trim());


/** Keap ids are digits; anything else in an id field would end up in a URL path or filter. */
export const requireKeapId = (ctx: Context, value: string, field: string): string => {
  if (!isKeapId(value)) {
    throw invalidInput(ctx.z, `${field} must be a Keap ID (digits only); got "${value.slice(0, 60)}". Choose one from the list or map an ID.`);
  }
  return value.trim();
};

const listIn = (data: unknown): unknown[] | undefined => {
  if (Array.isArray(data)) return data;
  if (!data || typeof data !== 'object') return undefined;
  const lists = Object.values(data).filter(Array.isArray);
  return lists.length === 1 ? lists[0] : undefined;
};

const pageSize = (maxRows: number) => String(Math.min(maxRows, 1000));

/**
 * Keap's two list schemes, for API Request: v2 pages with `page_size` and `next_page_token`
 * (`page_token` asks for the next), v1 with `limit` and `offset` (a full page means there may be
 * more). A list answer holds one array (`contacts`, `tags`, `tasks`…) beside its paging keys.
 */
export const KEAP_PAGING: ApiPaging = {
  first: (request, maxRows) => {
    const params = { ...(request.params as Record<string, string>) };
    if (request.url.startsWith('/v2/')) params.page_size ??= pageSize(maxRows);
    if (request.url.startsWith('/v1/')) {
      params.limit ??= pageSize(maxRows);
      params.offset ??= '0';
    }
    return { ...request, params };
  },
  rows: listIn,
  next: (data, request, rowsOnPage) => {
    const params = request.params as Record<string, string>;
    const token = (data as { next_page_token?: unknown })?.next_page_token;
    if (request.url.startsWith('/v2/')) return typeof token === 'string' && token ? { ...request, params: { ...params, page_token: token } } : undefined;
    if (request.url.startsWith('/v1/') && params.limit && rowsOnPage >= Number(params.limit)) {
      return { ...request, params: { ...params, offset: String(Number(params.offset ?? 0) + rowsOnPage) } };
    }
    return undefined;
  },
};
