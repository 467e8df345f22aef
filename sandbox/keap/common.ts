import { HttpError, json, jsonBody, isRecord, type SandboxRequest, type SandboxResponse } from '../http';
import type { KeapStore } from './store';

export type Version = 'v1' | 'v2';

export interface KeapContext {
  store: KeapStore;
  /** `http://127.0.0.1:port/keap/crm/rest`, for the absolute `next` links v1 lists carry. */
  apiBase: string;
  /** The account's app name, as in `full|<app>.infusionsoft.com`. */
  appName: string;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  500: 'Internal Server Error',
};

/** v1 answers `{message}`; v2 answers the app `Error` shape (keap.md §3.1). */
export const keapError = (version: Version, status: number, message: string): SandboxResponse =>
  version === 'v1'
    ? json(status, { message })
    : json(status, { code: status, message, status: STATUS_TEXT[status] ?? 'Error', details: [] });

export const fail = (version: Version, status: number, message: string): never => {
  throw new HttpError(keapError(version, status, message));
};

export const body = (req: SandboxRequest, version: Version): Record<string, unknown> => {
  const parsed = jsonBody(req, (message) => keapError(version, 400, `Invalid JSON: ${message}`));
  if (parsed === undefined) return {};
  if (!isRecord(parsed)) fail(version, 400, 'Request body must be a JSON object');
  return parsed as Record<string, unknown>;
};

export const text = (value: unknown): string | undefined =>
  value === undefined || value === null ? undefined : typeof value === 'string' ? value : String(value);

export const sameText = (a: unknown, b: unknown): boolean =>
  String(a ?? '').trim().toLowerCase() === String(b ?? '').trim().toLowerCase();

/** v2 `filter` grammar: `name==Value;status==ACTIVE`, with `*` as a wildcard (keap.md §2.2). */
export const parseFilter = (req: SandboxRequest, allowed: string[]): Record<string, string> => {
  const raw = req.query.get('filter');
  const clauses: Record<string, string> = {};
  if (!raw) return clauses;
  for (const clause of raw.split(';')) {
    if (!clause.trim()) continue;
    const match = /^\s*([A-Za-z0-9_.]+)\s*==\s*(.*)$/.exec(clause);
    if (!match) fail('v2', 400, `Invalid filter: ${clause}`);
    const [, key = '', value = ''] = match!;
    if (!allowed.includes(key)) fail('v2', 400, `Invalid filter field: ${key}. Allowed: ${allowed.join(', ')}`);
    clauses[key] = value;
  }
  return clauses;
};

/** `*` matches any run of characters; the comparison ignores case, as Keap's does. */
export const wildcardMatch = (pattern: string, value: unknown): boolean => {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(String(value ?? ''));
};

/** v2 paging: `page_size` and an opaque `page_token`; an empty token ends the list. */
export const pageV2 = <T>(req: SandboxRequest, items: T[], max = 1000): { items: T[]; next_page_token: string } => {
  const size = Number(req.query.get('page_size') ?? 50);
  if (!Number.isInteger(size) || size < 0 || size > max) fail('v2', 400, `page_size must be between 0 and ${max}`);
  const token = req.query.get('page_token');
  const offset = token ? Number(Buffer.from(token, 'base64url').toString('utf8')) : 0;
  if (!Number.isInteger(offset) || offset < 0) fail('v2', 400, 'Invalid page_token');
  const pageSize = size || 50;
  const slice = items.slice(offset, offset + pageSize);
  const more = offset + pageSize < items.length;
  return { items: slice, next_page_token: more ? Buffer.from(String(offset + pageSize)).toString('base64url') : '' };
};

/** v1 paging: `limit`/`offset`, with absolute `next`/`previous` URLs (keap.md §3.3). */
export const pageV1 = <T>(
  req: SandboxRequest,
  ctx: KeapContext,
  path: string,
  items: T[],
): { items: T[]; count: number; next: string | null; previous: string | null } => {
  const limit = Math.min(Math.max(Number(req.query.get('limit') ?? 1000) || 1000, 1), 1000);
  const offset = Math.max(Number(req.query.get('offset') ?? 0) || 0, 0);
  const link = (at: number) => {
    const query = new URLSearchParams(req.query);
    query.set('limit', String(limit));
    query.set('offset', String(at));
    return `${ctx.apiBase}${path}/?${query.toString()}`;
  };
  return {
    items: items.slice(offset, offset + limit),
    count: items.length,
    next: offset + limit < items.length ? link(offset + limit) : null,
    previous: offset > 0 ? link(Math.max(offset - limit, 0)) : null,
  };
};

export const numericId = (version: Version, raw: string, what: string): number => {
  const id = Number(raw);
  if (!Number.isInteger(id) || id <= 0) fail(version, 400, `Invalid ${what} id: ${raw}`);
  return id;
};

export const stamp = (): string => new Date().toISOString();

/** Keap v2 ids are strings; v1 ids are numbers. */
export const idOut = (version: Version, id: number | undefined): number | string | undefined =>
  id === undefined ? undefined : version === 'v1' ? id : String(id);
