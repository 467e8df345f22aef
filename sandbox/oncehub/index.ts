import { timingSafeEqual } from 'node:crypto';
import { header, HttpError, isRecord, json, jsonBody, randomId, Router, isoSeconds, type SandboxRequest, type SandboxResponse } from '../http';
import { Lifecycle, LifecycleError, signature } from './lifecycle';
import { onceId, OnceHubStore, type Booking, type BookingStatus, type Webhook } from './store';

export interface OnceHubOptions {
  /** The key the API accepts in `API-Key`; default `sandbox-oncehub-key`. */
  apiKey?: string;
  /** False emulates a plan without API access: every call answers 403. */
  apiAccess?: boolean;
  accountEmail?: string;
}

interface Ctx {
  store: OnceHubStore;
  lifecycle: Lifecycle;
  base: string;
}

const EVENTS = [
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
];
const STATUSES: BookingStatus[] = ['requested', 'scheduled', 'rescheduled', 'completed', 'canceled', 'no_show'];
const EXPANDABLE = ['booking_page', 'master_page', 'event_type', 'owner'];
/** Signatures older than this are refused by the built-in receiver, as a careful receiver would. */
const SIGNATURE_TOLERANCE_SECONDS = 300;

const invalid = (message: string, param?: string, status = 400): never => {
  throw new HttpError(json(status, { type: 'invalid_request_error', message, ...(param ? { param } : {}) }));
};

const body = (req: SandboxRequest): Record<string, unknown> => {
  const parsed = jsonBody(req, (message) => json(400, { type: 'invalid_request_error', message: `Invalid JSON: ${message}` }));
  return isRecord(parsed) ? parsed : invalid('The request body must be a JSON object');
};

/** `expand=data.owner,data.booking_page` on lists, `expand=owner` on single objects. */
const expansions = (req: SandboxRequest, prefix: string): string[] =>
  req.query
    .getAll('expand')
    .concat(req.query.getAll('expand[]'))
    .flatMap((e) => e.split(','))
    .map((e) => e.trim())
    .filter(Boolean)
    .map((e) => {
      const name = prefix && e.startsWith(prefix) ? e.slice(prefix.length) : e;
      return EXPANDABLE.includes(name) ? name : invalid(`Invalid expand parameter: '${e}'`, 'expand');
    });

const timeFilters = ['creation_time', 'starting_time', 'last_updated_time'] as const;

const filterBookings = (req: SandboxRequest, bookings: Booking[]): Booking[] => {
  const q = req.query;
  let items = bookings.filter((b) => !b.in_trash);
  const status = q.get('status');
  if (status) {
    if (!STATUSES.includes(status as BookingStatus)) invalid(`Invalid status: '${status}'`, 'status');
    items = items.filter((b) => b.status === status);
  }
  for (const key of ['owner', 'booking_page', 'master_page', 'event_type', 'contact'] as const) {
    const value = q.get(key);
    if (value) items = items.filter((b) => b[key] === value);
  }
  for (const key of timeFilters) {
    for (const op of ['gt', 'gte', 'lt', 'lte'] as const) {
      const raw = q.get(`${key}.${op}`);
      if (raw === null) continue;
      const bound = Date.parse(raw);
      if (Number.isNaN(bound)) invalid(`Invalid date: '${raw}'`, `${key}.${op}`);
      items = items.filter((b) => {
        const t = Date.parse(b[key]);
        return op === 'gt' ? t > bound : op === 'gte' ? t >= bound : op === 'lt' ? t < bound : t <= bound;
      });
    }
  }
  return items;
};

/** Cursor pages in reverse chronological order, with the RFC 5988 `Link` header the docs describe. */
const cursorPage = <T extends { id: string }>(req: SandboxRequest, ctx: Ctx, path: string, ordered: T[]) => {
  const limit = Number(req.query.get('limit') ?? 10);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) invalid('limit must be an integer between 1 and 100', 'limit');
  const after = req.query.get('after');
  const before = req.query.get('before');
  if (after && before) invalid('after and before are mutually exclusive', 'after');
  const indexOf = (id: string, param: string) => {
    const index = ordered.findIndex((item) => item.id === id);
    return index < 0 ? invalid(`No such object: '${id}'`, param) : index;
  };
  let start = 0;
  if (after) start = indexOf(after, 'after') + 1;
  if (before) start = Math.max(indexOf(before, 'before') - limit, 0);
  const end = before ? indexOf(before, 'before') : start + limit;
  const data = ordered.slice(start, end);
  const link = (param: string, id: string) => {
    const query = new URLSearchParams(req.query);
    query.delete('after');
    query.delete('before');
    query.set(param, id);
    return `${ctx.base}${path}?${query.toString()}`;
  };
  const links: string[] = [];
  if (end < ordered.length && data.length) links.push(`<${link('after', data[data.length - 1]!.id)}>; rel="next"`);
  if (start > 0 && data.length) links.push(`<${link('before', data[0]!.id)}>; rel="previous"`);
  const hasMore = before ? start > 0 : end < ordered.length;
  return { data, hasMore, headers: links.length ? { link: links.join(', ') } : undefined };
};

const newestFirst = <T extends { creation_time: string }>(items: T[]): T[] =>
  items.map((item, seq) => ({ item, seq })).sort((a, b) => b.item.creation_time.localeCompare(a.item.creation_time) || b.seq - a.seq).map((x) => x.item);

const isLoopback = (url: URL): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

const lifecycleCall = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    if (error instanceof LifecycleError) return invalid(error.message, undefined, error.status);
    throw error;
  }
};

const registerRoutes = (router: Router<Ctx>): void => {
  router
    .on('GET', '/bookings', (req, _p, ctx) => {
      const fields = expansions(req, 'data.');
      const page = cursorPage(req, ctx, '/bookings', newestFirst(filterBookings(req, ctx.store.bookings)));
      return json(200, { object: 'list', data: page.data.map((b) => ctx.store.expand(b, fields)), has_more: page.hasMore }, page.headers);
    })
    .on('GET', '/bookings/:id', (req, { id = '' }, { store }) => {
      const booking = store.booking(id);
      return booking ? json(200, store.expand(booking, expansions(req, ''))) : invalid(`No such booking: '${id}'`, undefined, 404);
    })
    .on('POST', '/bookings/:id/cancel', async (req, { id = '' }, { lifecycle }) => {
      const reason = req.rawBody ? body(req).cancellation_reason : undefined;
      const result = await lifecycleCall(() => lifecycle.cancel(id, typeof reason === 'string' ? reason : undefined, 'user'));
      return json(200, result.booking);
    })
    .on('POST', '/bookings/:id/no-show', async (_req, { id = '' }, { lifecycle }) => {
      const result = await lifecycleCall(() => lifecycle.noShow(id));
      return json(200, result.booking);
    })
    .on('POST', '/webhooks', (req, _p, { store }) => {
      const input = body(req);
      const name = typeof input.name === 'string' ? input.name.trim() : '';
      if (!name) invalid('Missing required param: name', 'name');
      let url: URL | undefined;
      try {
        url = new URL(String(input.url ?? ''));
      } catch {
        invalid('Invalid URL: a full https URL is required', 'url');
      }
      // OnceHub only accepts HTTPS; loopback http is let through so local receivers work.
      if (url!.protocol !== 'https:' && !(url!.protocol === 'http:' && isLoopback(url!))) invalid('Invalid URL: only HTTPS URLs are accepted', 'url');
      const events = input.events;
      if (!Array.isArray(events) || events.length === 0) invalid('Missing required param: events', 'events');
      for (const event of events as unknown[]) if (!EVENTS.includes(String(event))) invalid(`Invalid event: '${String(event)}'`, 'events');
      if (store.webhooks.some((w) => w.name === name)) invalid(`A webhook subscription with this name already exists: '${name}'`, 'name', 409);
      const webhook: Webhook = { object: 'webhook', id: onceId('WHK'), api_version: 'v2', name, url: url!.toString(), events: (events as unknown[]).map(String), creation_time: isoSeconds(new Date()) };
      const secret = randomId(32, 'abcdefghijklmnopqrstuvwxyz0123456789');
      store.webhooks.push(webhook);
      store.secrets.set(webhook.id, secret);
      return json(200, { ...webhook, secret });
    })
    .on('GET', '/webhooks', (req, _p, ctx) => {
      const page = cursorPage(req, ctx, '/webhooks', newestFirst(ctx.store.webhooks));
      return json(200, { object: 'list', data: page.data, has_more: page.hasMore }, page.headers);
    })
    .on('GET', '/webhooks/:id', (_req, { id = '' }, { store }) => {
      const webhook = store.webhooks.find((w) => w.id === id);
      return webhook ? json(200, webhook) : invalid(`No such webhook: '${id}'`, undefined, 404);
    })
    .on('DELETE', '/webhooks/:id', (_req, { id = '' }, { store }) => {
      const index = store.webhooks.findIndex((w) => w.id === id);
      if (index < 0) invalid(`No such webhook: '${id}'`, undefined, 404);
      store.webhooks.splice(index, 1);
      store.secrets.delete(id);
      return json(200, { id, object: 'webhook', deleted: true });
    })
    .on('GET', '/users', (_req, _p, { store }) => json(200, { object: 'list', data: store.users, has_more: false }))
    .on('GET', '/booking-pages', (_req, _p, { store }) =>
      json(200, { object: 'list', data: store.bookingPages.map(({ ownerId: _owner, ...p }) => p), has_more: false }),
    )
    .on('GET', '/master-pages', (_req, _p, { store }) => json(200, { object: 'list', data: store.masterPages, has_more: false }))
    .on('GET', '/event-types', (_req, _p, { store }) => json(200, { object: 'list', data: store.eventTypes, has_more: false }));
};

export class OnceHubService {
  store = new OnceHubStore();
  readonly lifecycle = new Lifecycle(() => this.store);
  readonly apiKey: string;
  apiAccess: boolean;
  private readonly accountEmail: string;
  private readonly router = new Router<Ctx>();
  /** What the built-in receiver (`/_sandbox/hooks/...`) got, newest last. */
  received: { time: string; path: string; verified: boolean; type: string }[] = [];

  constructor(options: OnceHubOptions = {}) {
    this.apiKey = options.apiKey ?? 'sandbox-oncehub-key';
    this.apiAccess = options.apiAccess ?? true;
    this.accountEmail = options.accountEmail ?? 'admin@sandbox-oncehub.example.com';
    registerRoutes(this.router);
  }

  reset(): void {
    this.store = new OnceHubStore();
    this.received = [];
  }

  headers(): Record<string, string> {
    return { 'request-id': `req_${randomId(14, 'abcdefghijklmnopqrstuvwxyz0123456789')}` };
  }

  async handle(req: SandboxRequest): Promise<SandboxResponse> {
    if (!req.path.startsWith('/v2/') && req.path !== '/v2') return invalid(`Unrecognized request URL (${req.method}: ${req.fullPath})`, undefined, 404);
    const path = req.path.slice('/v2'.length);
    if (header(req, 'api-key') !== this.apiKey) return json(401, { type: 'authentication_error', message: 'Invalid API key.' });
    if (!this.apiAccess) {
      return json(403, {
        type: 'authentication_error',
        message: 'Your account plan does not support API access. To use the OnceHub API, you must upgrade to the Enterprise plan.',
      });
    }
    if (path === '/test' && req.method === 'GET') return json(200, { message: `The API key is valid for account: ${this.accountEmail}` });
    const match = this.router.match(req.method, path);
    if (match === undefined) return json(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${req.method}: ${req.fullPath})` });
    if (match === 'method') return json(405, { type: 'invalid_request_error', message: `Method not allowed: ${req.method}` });
    try {
      return await match.handler({ ...req, path }, match.params, { store: this.store, lifecycle: this.lifecycle, base: `${req.origin}/oncehub/v2` });
    } catch (error) {
      if (error instanceof HttpError) return error.response;
      throw error;
    }
  }

  /** A webhook receiver for manual play: checks the signature against every webhook secret and says so. */
  receive(req: SandboxRequest): SandboxResponse {
    const parts = Object.fromEntries((header(req, 'oncehub-signature') ?? '').split(',').map((p) => p.split('=', 2) as [string, string]));
    const timestamp = Number(parts.t);
    const fresh = Number.isFinite(timestamp) && Math.abs(Date.now() / 1000 - timestamp) <= SIGNATURE_TOLERANCE_SECONDS;
    const given = Buffer.from(parts.s ?? '');
    const verified =
      fresh &&
      [...this.store.secrets.values()].some((secret) => {
        const expected = Buffer.from(signature(secret, timestamp, req.rawBody));
        return expected.length === given.length && timingSafeEqual(expected, given);
      });
    let type = '';
    try {
      type = String((JSON.parse(req.rawBody) as { type?: unknown }).type ?? '');
    } catch {
      type = '(not JSON)';
    }
    this.received.push({ time: isoSeconds(new Date()), path: req.path, verified, type });
    return json(verified ? 200 : 400, { received: true, verified }, { 'x-signature-verified': String(verified) });
  }
}
