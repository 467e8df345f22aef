import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { webhookName } from '../../src/oncehub/api';
import { keapAuth, useNock } from '../helpers/app';
import { rejection } from '../helpers/errors';
import created from './fixtures/oncehub/webhook_created.json';

const appTester = createAppTester(App);
const operation = App.triggers!.new_booking!.operation as unknown as Record<'performSubscribe' | 'performUnsubscribe', never>;
const ONCEHUB = 'https://api.oncehub.com';
const KEY = 'oncehub-api-key-fixture';
const authData = { ...keapAuth, oncehub_api_key: KEY };
const targetUrl = 'https://hooks.zapier.com/hooks/standard/123/abc/';
const NAME = /^Zapier New Booking [0-9a-f]{8}-[0-9a-f]{6}$/;

const subscribe = (inputData: Record<string, unknown> = { events: ['booking.scheduled'] }, auth: Record<string, string> = authData) =>
  appTester(operation.performSubscribe, { authData: auth, inputData, targetUrl, meta: {} } as never) as Promise<Record<string, unknown>>;

const unsubscribe = (subscribeData: Record<string, unknown>) =>
  appTester(operation.performUnsubscribe, { authData, inputData: {}, subscribeData, targetUrl, meta: {} } as never) as Promise<
    Record<string, unknown>
  >;

type WebhookBody = { url: string; name: string; events: string[] };

describe('New Booking trigger: subscribe and unsubscribe', () => {
  useNock();
  beforeAll(() => nock.disableNetConnect());

  it('names the webhook after a hash of the target URL plus a random suffix', () => {
    const a = webhookName(targetUrl);
    expect(a).toMatch(NAME);
    expect(webhookName(targetUrl, 'aaaaaa').slice(0, 27)).toBe(a.slice(0, 27));
    expect(webhookName('https://hooks.zapier.com/hooks/standard/999/zzz/', 'aaaaaa')).not.toBe(webhookName(targetUrl, 'aaaaaa'));
    expect(webhookName(targetUrl)).not.toBe(a);
  });

  it('subscribes the target URL to the chosen events with the API key and keeps the secret', async () => {
    let sent: WebhookBody | undefined;
    nock(ONCEHUB, { badheaders: ['authorization'] })
      .post('/v2/webhooks', (body: WebhookBody) => {
        sent = body;
        return true;
      })
      .matchHeader('api-key', KEY)
      .reply(201, { ...created, events: ['booking.scheduled', 'booking.canceled'] });

    const result = await subscribe({ events: ['booking.scheduled', 'booking.canceled'] });
    expect(sent).toEqual({ url: targetUrl, name: expect.stringMatching(NAME), events: ['booking.scheduled', 'booking.canceled'] });
    expect(result).toEqual({
      id: 'WHK-7M3PD2K4RT',
      secret: 'whsec-fixture-signing-secret',
      name: 'Zapier New Booking 00000000-aaaaaa',
      events: ['booking.scheduled', 'booking.canceled'],
    });
  });

  it.each([
    ['nothing chosen', {}, ['booking.scheduled']],
    ['one value as text', { events: 'booking.completed' }, ['booking.completed']],
    ['comma-separated text', { events: 'booking.completed, booking.no_show' }, ['booking.completed', 'booking.no_show']],
    // The composite `booking` subscription does not cover reassignments (OnceHub's webhook docs), so All names it too.
    ['"All" with others', { events: ['booking.canceled', 'booking'] }, ['booking', 'booking.reassigned']],
  ])('subscribes to the right events for %s', async (_, inputData, events) => {
    nock(ONCEHUB)
      .post('/v2/webhooks', (body: WebhookBody) => JSON.stringify(body.events) === JSON.stringify(events))
      .reply(201, created);
    await expect(subscribe(inputData)).resolves.toMatchObject({ id: 'WHK-7M3PD2K4RT' });
  });

  it('refuses an event OnceHub does not send, naming the field, before calling OnceHub', async () => {
    const error = await rejection(subscribe({ events: ['booking.scheduled', 'booking.deleted'] }));
    expect(error.message).toBe(
      'Events (events) has a value OnceHub does not send: "booking.deleted". Choose booking events from the dropdown, for example "Booking scheduled".',
    );
  });

  it('refuses names of object built-ins as events', async () => {
    const error = await rejection(subscribe({ events: ['constructor'] }));
    expect(error.message).toContain('"constructor"');
  });

  it('retries once with a new name when OnceHub says the name is taken (409)', async () => {
    const names: string[] = [];
    const record = (body: WebhookBody) => {
      names.push(body.name);
      return true;
    };
    nock(ONCEHUB)
      .post('/v2/webhooks', record)
      .reply(409, { type: 'invalid_request_error', message: "A webhook subscription with this name already exists: 'x'", param: 'name' })
      .post('/v2/webhooks', record)
      .reply(201, created);

    await expect(subscribe()).resolves.toMatchObject({ id: 'WHK-7M3PD2K4RT' });
    expect(names).toHaveLength(2);
    expect(names[1]).toMatch(NAME);
    expect(names[1]).not.toBe(names[0]);
    expect(names[1]!.slice(0, 27)).toBe(names[0]!.slice(0, 27));
  });

  it('gives up after the second 409 with OnceHub’s explanation', async () => {
    const conflict = { type: 'invalid_request_error', message: "A webhook subscription with this name already exists: 'x'", param: 'name' };
    nock(ONCEHUB).post('/v2/webhooks').times(2).reply(409, conflict);
    const error = await rejection(subscribe());
    expect(error).toMatchObject({ status: 409 });
    expect(error.message).toContain('A webhook subscription with this name already exists');
  });

  it('removes a webhook created without a secret and says why', async () => {
    const { secret: _secret, ...withoutSecret } = created;
    nock(ONCEHUB).post('/v2/webhooks').reply(201, withoutSecret).delete('/v2/webhooks/WHK-7M3PD2K4RT').reply(200, { id: 'WHK-7M3PD2K4RT', deleted: true });
    const error = await rejection(subscribe());
    expect(error.message).toContain('without a signing secret');
  });

  describe('errors the user sees when turning the Zap on', () => {
    it('no OnceHub key in the connection', async () => {
      const error = await rejection(subscribe(undefined, keapAuth));
      expect(error.message).toContain('no OnceHub API key');
      expect(error.message).toContain('Settings → API & Webhooks');
    });

    it('a rejected key (401)', async () => {
      nock(ONCEHUB).post('/v2/webhooks').reply(401, { type: 'authentication_error', message: 'Invalid API key.' });
      const error = await rejection(subscribe());
      expect(error.name).toBe('ExpiredAuthError');
      expect(error.message).toContain('OnceHub rejected the API key saved in this connection');
      expect(error.message).not.toContain(KEY);
    });

    it('a plan without API access (403)', async () => {
      nock(ONCEHUB).post('/v2/webhooks').reply(403, {
        type: 'authentication_error',
        message: 'Your account plan does not support API access. To use the OnceHub API, you must upgrade to the Enterprise plan.',
      });
      const error = await rejection(subscribe());
      expect(error.message).toBe(
        'OnceHub says your plan does not include API access: Your account plan does not support API access. To use the OnceHub API, ' +
          'you must upgrade to the Enterprise plan. The New Booking trigger needs a OnceHub plan with API access (Enterprise).',
      );
    });

    it('rate limiting (429 with Retry-After) becomes a retry after that delay', async () => {
      nock(ONCEHUB).post('/v2/webhooks').reply(429, { type: 'rate_limit_error', message: 'Request rate limit exceeded' }, { 'Retry-After': '7' });
      const error = await rejection(subscribe());
      expect(error).toMatchObject({ name: 'ThrottledError', delay: 7 });
      expect(error.message).toContain('OnceHub is rate limiting');
    });
  });

  describe('unsubscribe', () => {
    it('deletes the webhook it created', async () => {
      nock(ONCEHUB).delete('/v2/webhooks/WHK-7M3PD2K4RT').matchHeader('api-key', KEY).reply(200, { id: 'WHK-7M3PD2K4RT', deleted: true });
      await expect(unsubscribe({ id: 'WHK-7M3PD2K4RT', secret: 'whsec-fixture-signing-secret' })).resolves.toEqual({
        id: 'WHK-7M3PD2K4RT',
        deleted: true,
      });
    });

    it('treats a webhook that is already gone (404) as unsubscribed', async () => {
      nock(ONCEHUB).delete('/v2/webhooks/WHK-7M3PD2K4RT').reply(404, { type: 'invalid_request_error', message: "No such webhook: 'WHK-7M3PD2K4RT'" });
      await expect(unsubscribe({ id: 'WHK-7M3PD2K4RT' })).resolves.toEqual({ id: 'WHK-7M3PD2K4RT', deleted: true });
    });

    it('escapes the id into the path', async () => {
      nock(ONCEHUB).delete('/v2/webhooks/WHK%2F..%2Fx').reply(200, { deleted: true });
      await expect(unsubscribe({ id: 'WHK/../x' })).resolves.toMatchObject({ deleted: true });
    });

    it('reports other failures, e.g. a rejected key', async () => {
      nock(ONCEHUB).delete('/v2/webhooks/WHK-7M3PD2K4RT').reply(401, { type: 'authentication_error', message: 'Invalid API key.' });
      const error = await rejection(unsubscribe({ id: 'WHK-7M3PD2K4RT' }));
      expect(error.message).toContain('OnceHub rejected the API key');
    });

    it('has nothing to delete without a subscription id', async () => {
      await expect(unsubscribe({})).resolves.toEqual({ deleted: false });
    });
  });
});
