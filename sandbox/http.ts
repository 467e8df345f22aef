import type { IncomingHttpHeaders } from 'node:http';
import { randomBytes } from 'node:crypto';

/** The three emulated services; the request log and fault injection are keyed by these names. */
export type Provider = 'keap' | 'salesforce' | 'oncehub';

export interface SandboxRequest {
  method: string;
  /** Decoded path below the provider's mount point, e.g. `/crm/rest/v2/contacts`. */
  path: string;
  /** Decoded path from the server root, e.g. `/keap/crm/rest/v2/contacts`. */
  fullPath: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** `http://127.0.0.1:<port>`: responses that carry absolute URLs build them from this. */
  origin: string;
}

export interface SandboxResponse {
  status: number;
  headers?: Record<string, string>;
  /** Serialised as JSON unless `text` is given. */
  body?: unknown;
  /** Sent as is: HTML pages, or a deliberately truncated JSON body. */
  text?: string;
  contentType?: string;
}

/** Thrown by handlers to answer with a provider-shaped error from deep inside a call. */
export class HttpError extends Error {
  constructor(readonly response: SandboxResponse) {
    super(`HTTP ${response.status}`);
  }
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): SandboxResponse => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});
export const html = (status: number, text: string): SandboxResponse => ({ status, text, contentType: 'text/html; charset=utf-8' });
export const redirect = (location: string, status = 302): SandboxResponse => ({ status, headers: { location } });
export const noContent = (): SandboxResponse => ({ status: 204 });

export const header = (req: SandboxRequest, name: string): string | undefined => {
  const value = req.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
};

export const isFormBody = (req: SandboxRequest): boolean =>
  (header(req, 'content-type') ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded');

export const formBody = (req: SandboxRequest): URLSearchParams => new URLSearchParams(req.rawBody);

/** Parses a JSON body; `onError` builds the provider's own "bad JSON" answer. */
export const jsonBody = (req: SandboxRequest, onError: (message: string) => SandboxResponse): unknown => {
  if (req.rawBody.trim() === '') return undefined;
  try {
    return JSON.parse(req.rawBody);
  } catch (error) {
    throw new HttpError(onError(error instanceof Error ? error.message : String(error)));
  }
};

/** A JSON body for the lifecycle endpoints, which the state page also posts as a plain form. */
export const jsonOrFormBody = (req: SandboxRequest): Record<string, unknown> => {
  if (isFormBody(req)) return Object.fromEntries(formBody(req));
  const parsed = jsonBody(req, (message) => json(400, { message }));
  return isRecord(parsed) ? parsed : {};
};

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const randomId = (length: number, alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'): string => {
  const bytes = randomBytes(length);
  let out = '';
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
};

export const randomToken = (bytes = 24): string => randomBytes(bytes).toString('base64url');

type Handler<C> = (req: SandboxRequest, params: Record<string, string>, ctx: C) => SandboxResponse | Promise<SandboxResponse>;

interface Route<C> {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: Handler<C>;
}

export type RouteMatch<C> = { handler: Handler<C>; params: Record<string, string> };

/**
 * Method + path table. A segment that starts with `:` is a parameter; a colon inside a segment
 * (`contacts:applyTags`, Keap's custom-method style) is literal.
 */
export class Router<C> {
  private readonly routes: Route<C>[] = [];

  on(method: string, path: string, handler: Handler<C>): this {
    const keys: string[] = [];
    const source = path
      .split('/')
      .map((segment) => {
        if (segment.startsWith(':')) {
          keys.push(segment.slice(1));
          return '([^/]+)';
        }
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  /** `'method'` when the path exists under another method only. */
  match(method: string, path: string): RouteMatch<C> | 'method' | undefined {
    let pathMatched = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(path);
      if (!found) continue;
      if (route.method !== method) {
        pathMatched = true;
        continue;
      }
      const params: Record<string, string> = {};
      route.keys.forEach((key, index) => {
        params[key] = found[index + 1] ?? '';
      });
      return { handler: route.handler, params };
    }
    return pathMatched ? 'method' : undefined;
  }
}

/** ISO-8601 without milliseconds, as OnceHub and Keap v2 print times. */
export const isoSeconds = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
