import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Faults } from './faults';
import { html, isFormBody, json, jsonOrFormBody, redirect, Router, HttpError, type Provider, type SandboxRequest, type SandboxResponse } from './http';
import type { BookInput } from './oncehub/lifecycle';
import { LifecycleError } from './oncehub/lifecycle';
import { renderState, type Services } from './page/state';

export interface RequestLogEntry {
  time: string;
  method: string;
  path: string;
  /** Query parameters, with credential-like values replaced by `[redacted]`. */
  query: Record<string, string>;
  provider: Provider;
  status: number;
  durationMs: number;
  /** True when an injected fault answered or altered the response. */
  fault: boolean;
  /** The request body: JSON parsed, form fields with credential-like values redacted; absent when empty. */
  body?: unknown;
}

const PROVIDERS: Provider[] = ['keap', 'salesforce', 'oncehub'];
const SECRET_PARAMS = /^(access_token|refresh_token|token|code|code_verifier|client_secret|api[-_]?key|password)$/i;

const redactQuery = (query: URLSearchParams): Record<string, string> =>
  Object.fromEntries([...query.entries()].map(([k, v]) => [k, SECRET_PARAMS.test(k) ? '[redacted]' : v]));

const loggedBody = (rawBody: string, contentType: string | undefined): unknown => {
  if ((contentType ?? '').toLowerCase().startsWith('application/x-www-form-urlencoded')) return redactQuery(new URLSearchParams(rawBody));
  try {
    return JSON.parse(rawBody);
  } catch {
    return rawBody;
  }
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Truncated JSON, the "malformed body" fault: half of what would have been sent. */
const truncate = (response: SandboxResponse): SandboxResponse => {
  const text = response.text ?? JSON.stringify(response.body ?? {});
  return { ...response, body: undefined, text: text.slice(0, Math.max(1, Math.floor(text.length / 2))), contentType: 'application/json' };
};

const send = (res: ServerResponse, response: SandboxResponse, extraHeaders: Record<string, string> = {}): void => {
  const headers: Record<string, string> = { ...extraHeaders, ...response.headers };
  let payload = '';
  if (response.text !== undefined) {
    payload = response.text;
    headers['content-type'] = response.contentType ?? 'text/plain; charset=utf-8';
  } else if (response.body !== undefined && response.status !== 204) {
    payload = JSON.stringify(response.body);
    headers['content-type'] = response.contentType ?? 'application/json;charset=UTF-8';
  }
  res.writeHead(response.status, headers);
  res.end(payload);
};

type SandboxCtx = Services;

/** `/_sandbox/...`: the lifecycle driver, reset, a JSON dump and a webhook receiver, for the page and manual use. */
const sandboxRoutes = (reset: () => void): Router<SandboxCtx> => {
  const router = new Router<SandboxCtx>();
  const done = (req: SandboxRequest, result: unknown): SandboxResponse => (isFormBody(req) ? redirect('/', 303) : json(200, result));
  const lifecycle = async (req: SandboxRequest, run: () => Promise<unknown>): Promise<SandboxResponse> => {
    try {
      return done(req, await run());
    } catch (error) {
      if (error instanceof LifecycleError) return json(error.status, { message: error.message });
      throw error;
    }
  };
  router
    .on('POST', '/oncehub/book', (req, _p, { oncehub }) => {
      const input = jsonOrFormBody(req);
      const customer = typeof input.customer === 'object' && input.customer !== null ? input.customer : input;
      return lifecycle(req, () => oncehub.lifecycle.book({ ...(input as Partial<BookInput>), customer } as BookInput));
    })
    .on('POST', '/oncehub/bookings/:id/:action', (req, { id = '', action = '' }, { oncehub }) => {
      const input = jsonOrFormBody(req);
      const text = (key: string) => (typeof input[key] === 'string' ? (input[key] as string) : undefined);
      const actions: Record<string, () => Promise<unknown>> = {
        reschedule: () => oncehub.lifecycle.reschedule(id, { newStart: text('newStart') ?? '', reason: text('reason') }),
        cancel: () => oncehub.lifecycle.cancel(id, text('reason')),
        complete: () => oncehub.lifecycle.complete(id),
        'no-show': () => oncehub.lifecycle.noShow(id),
        reassign: () => oncehub.lifecycle.reassign(id, text('toUserId')),
      };
      const run = actions[action];
      return run ? lifecycle(req, run) : json(404, { message: `Unknown action: ${action}` });
    })
    .on('POST', '/oncehub/deliveries/:id/redeliver', (req, { id = '' }, { oncehub }) => lifecycle(req, () => oncehub.lifecycle.redeliver(id)))
    .on('POST', '/hooks/:name', (req, _p, { oncehub }) => oncehub.receive(req))
    .on('POST', '/zapier/rpc', (req, _p, { zapierCache }) => json(200, zapierCache.answer(JSON.parse(req.rawBody || '{}') as { id?: string; method?: string; params?: unknown[] })))
    .on('POST', '/reset', (req) => {
      reset();
      return done(req, { reset: true });
    })
    .on('GET', '/state', (_req, _p, { keap, salesforce, oncehub }) =>
      json(200, {
        keap: { contacts: [...keap.store.contacts.values()], tags: [...keap.store.tags.values()], tasks: [...keap.store.tasks.values()], notes: [...keap.store.notes.values()] },
        salesforce: { features: salesforce.org.features, records: [...salesforce.org.records.values()] },
        oncehub: { bookings: oncehub.store.bookings, webhooks: oncehub.store.webhooks, deliveries: oncehub.store.deliveries.map(({ body: _body, ...d }) => d) },
      }),
    );
  return router;
};

/** One provider call as the sandbox answered it, for observers such as the tests' contract checks. */
export interface SandboxExchange {
  provider: Provider;
  method: string;
  /** The path below the provider's prefix, as the provider's own documents write it (`/crm/rest/v2/contacts`). */
  path: string;
  status: number;
  /** The JSON body the sandbox sent; undefined for an empty or non-JSON answer. */
  body: unknown;
  /** True when an injected fault answered or altered the response. */
  fault: boolean;
}

export interface ServerParts {
  services: Services;
  faults: Faults;
  log: RequestLogEntry[];
  reset: () => void;
  onExchange?: (exchange: SandboxExchange) => void;
}

export const createSandboxServer = ({ services, faults, log, reset, onExchange }: ServerParts): Server => {
  const internal = sandboxRoutes(reset);
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const started = performance.now();
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const url = new URL(req.url ?? '/', origin);
    let fullPath: string;
    try {
      fullPath = decodeURIComponent(url.pathname);
    } catch {
      return send(res, json(400, { message: 'Malformed URL' }));
    }
    const rawBody = await readBody(req);
    const provider = PROVIDERS.find((p) => fullPath === `/${p}` || fullPath.startsWith(`/${p}/`));
    const base: Omit<SandboxRequest, 'path'> = { method: req.method ?? 'GET', fullPath, query: url.searchParams, headers: req.headers, rawBody, origin };

    if (!provider) {
      if (fullPath === '/' && base.method === 'GET') return send(res, html(200, renderState(services, url.searchParams.get('auto') === '1')));
      const match = fullPath.startsWith('/_sandbox/') ? internal.match(base.method, fullPath.slice('/_sandbox'.length)) : undefined;
      if (!match || match === 'method') return send(res, json(404, { message: `Nothing at ${base.method} ${fullPath}` }));
      return send(res, await match.handler({ ...base, path: fullPath.slice('/_sandbox'.length) }, match.params, services));
    }

    const service = services[provider];
    const fault = faults.take(provider, base.method, fullPath);
    if (fault?.delayMs) await sleep(fault.delayMs);
    let response = fault?.response ?? (await service.handle({ ...base, path: fullPath.slice(provider.length + 1) || '/' }));
    if (fault?.malformed) response = truncate(response);
    log.push({
      time: new Date().toISOString(),
      method: base.method,
      path: fullPath,
      query: redactQuery(url.searchParams),
      provider,
      status: response.status,
      durationMs: Math.round((performance.now() - started) * 100) / 100,
      fault: Boolean(fault),
      ...(rawBody.trim() === '' ? {} : { body: loggedBody(rawBody, req.headers['content-type']) }),
    });
    onExchange?.({
      provider,
      method: base.method,
      path: fullPath.slice(provider.length + 1),
      status: response.status,
      body: response.text === undefined ? response.body : undefined,
      fault: Boolean(fault),
    });
    send(res, response, service.headers());
  };
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const response = error instanceof HttpError ? error.response : json(500, { message: `Sandbox error: ${error instanceof Error ? error.message : String(error)}` });
      if (!res.headersSent) send(res, response);
      else res.end();
    });
  });
};
