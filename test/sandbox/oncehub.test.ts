import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Sandbox } from '../../sandbox';
import { startCheckedSandbox } from '../helpers/checked-sandbox';

let sandbox: Sandbox;
let receiver: Server;
let receiverUrl: string;
/** What the test receiver got; it answers with `nextStatus`. */
const received: { body: string; signature: string }[] = [];
let nextStatus = 200;

beforeAll(async () => {
  sandbox = await startCheckedSandbox();
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['oncehub-signature']) });
      res.writeHead(nextStatus).end('thanks');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
afterAll(async () => {
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});
beforeEach(() => {
  sandbox.reset();
  received.length = 0;
  nextStatus = 200;
});

const oncehub = async (method: string, path: string, body?: unknown, key = sandbox.oncehub.apiKey) => {
  const response = await fetch(`${sandbox.env.ONCEHUB_API_BASE_URL}${path}`, {
    method,
    headers: { 'API-Key': key, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as any };
};

const verify = (secret: string, header: string, body: string): boolean => {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const expected = createHmac('sha256', secret).update(`${parts.t}.${body}`).digest('hex');
  return expected.length === parts.s?.length && timingSafeEqual(Buffer.from(expected), Buffer.from(parts.s));
};

describe('OnceHub API', () => {
  it('checks the API key and the plan', async () => {
    const ok = await oncehub('GET', '/test');
    expect(ok.json.message).toMatch(/^The API key is valid for account: /);
    expect(ok.headers.get('request-id')).toBeTruthy();
    expect(await oncehub('GET', '/test', undefined, 'wrong')).toMatchObject({ status: 401, json: { type: 'authentication_error', message: 'Invalid API key.' } });
    sandbox.configure({ oncehub: { apiAccess: false } });
    const noPlan = await oncehub('GET', '/test');
    expect(noPlan.status).toBe(403);
    expect(noPlan.json.message).toContain('Enterprise plan');
    sandbox.configure({ oncehub: { apiAccess: true } });
  });

  it('lists bookings newest first with cursors, filters and expansions', async () => {
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await sandbox.oncehub.book({ customer: { name: `C ${n}`, email: `c${n}@example.com` } })).booking.id);
    const first = await oncehub('GET', '/bookings?limit=2&expand=data.owner&expand=data.booking_page');
    expect(first.json).toMatchObject({ object: 'list', has_more: true });
    expect(first.json.data.map((b: { id: string }) => b.id)).toEqual([ids[2], ids[1]]);
    expect(first.json.data[0].owner).toMatchObject({ object: 'user', email: expect.any(String) });
    expect(first.json.data[0].booking_page.object).toBe('booking_page');
    expect(first.headers.get('link')).toContain('rel="next"');
    const second = await oncehub('GET', `/bookings?limit=2&after=${ids[1]}`);
    expect(second.json).toMatchObject({ has_more: false, data: [{ id: ids[0], owner: expect.stringMatching(/^USR-/) }] });
    expect((await oncehub('GET', `/bookings?after=${ids[0]}&before=${ids[1]}`)).status).toBe(400);
    await sandbox.oncehub.cancel(ids[0]!, 'Sick');
    expect((await oncehub('GET', '/bookings?status=canceled')).json.data.map((b: { id: string }) => b.id)).toEqual([ids[0]]);
    expect((await oncehub('GET', `/bookings/${ids[0]}`)).json.cancel_reschedule_information).toMatchObject({ reason: 'Sick' });
    expect((await oncehub('GET', '/bookings/BKNG-NOPE')).json).toEqual({ type: 'invalid_request_error', message: "No such booking: 'BKNG-NOPE'" });
  });
});

describe('OnceHub webhooks', () => {
  it('subscribes, refuses duplicate names and plain http, and deletes', async () => {
    const created = await oncehub('POST', '/webhooks', { url: receiverUrl, name: 'zap', events: ['booking'] });
    expect(created.json).toMatchObject({ object: 'webhook', id: expect.stringMatching(/^WHK-/), secret: expect.any(String) });
    const again = await oncehub('POST', '/webhooks', { url: receiverUrl, name: 'zap', events: ['booking'] });
    expect(again).toMatchObject({ status: 409, json: { type: 'invalid_request_error', message: "A webhook subscription with this name already exists: 'zap'" } });
    expect((await oncehub('POST', '/webhooks', { url: 'http://example.com/hook', name: 'plain', events: ['booking'] })).status).toBe(400);
    expect((await oncehub('GET', '/webhooks')).json.data[0]).not.toHaveProperty('secret');
    expect((await oncehub('DELETE', `/webhooks/${created.json.id}`)).json).toMatchObject({ id: created.json.id, deleted: true });
    expect((await oncehub('DELETE', `/webhooks/${created.json.id}`)).json).toEqual({ type: 'invalid_request_error', message: `No such webhook: '${created.json.id}'` });
  });

  it('delivers signed lifecycle events and redelivers failures byte for byte', async () => {
    const hook = await oncehub('POST', '/webhooks', { url: receiverUrl, name: 'all', events: ['booking'] });
    const only = await oncehub('POST', '/webhooks', { url: receiverUrl, name: 'cancels', events: ['booking.canceled'] });
    const booked = await sandbox.oncehub.book({ customer: { name: 'Ada Lovelace', email: 'ada@example.com', company: 'Engines' } });
    expect(booked.booking.id).toMatch(/^BKNG-[A-Z0-9]{12}$/);
    expect(booked.deliveries).toHaveLength(1);
    const event = JSON.parse(received[0]!.body);
    expect(event).toMatchObject({ id: expect.stringMatching(/^EVNT-/), object: 'event', type: 'booking.scheduled', api_version: 'v2' });
    expect(event.data).toMatchObject({ id: booked.booking.id, owner: { object: 'user' }, booking_page: { object: 'booking_page' }, event_type: { object: 'event_type' }, conversation: null });
    expect(event.data).not.toHaveProperty('contact');
    expect(event.data).not.toHaveProperty('utm_params');
    expect(event.data.cancel_reschedule_url).toEqual(expect.any(String));
    expect(verify(hook.json.secret, received[0]!.signature, received[0]!.body)).toBe(true);
    expect(verify(only.json.secret, received[0]!.signature, received[0]!.body)).toBe(false);

    const moved = await sandbox.oncehub.reschedule(booked.booking.id, { newStart: '2031-01-01T10:00:00Z', reason: 'Conflict' });
    expect(moved.booking).toMatchObject({ status: 'rescheduled', rescheduled_booking_id: booked.booking.id, starting_time: '2031-01-01T10:00:00Z' });
    expect(JSON.parse(received[1]!.body)).toMatchObject({ type: 'booking.rescheduled', data: { id: moved.booking.id, cancel_reschedule_information: { reason: 'Conflict' } } });

    nextStatus = 500;
    const canceled = await sandbox.oncehub.cancel(moved.booking.id, 'Ill');
    expect(canceled.deliveries.map((d) => [d.webhookId, d.status, d.ok])).toEqual([
      [hook.json.id, 500, false],
      [only.json.id, 500, false],
    ]);
    nextStatus = 200;
    const before = received.length;
    const retried = await sandbox.oncehub.redeliver(canceled.deliveries[0]!.id);
    expect(retried).toMatchObject({ ok: true, status: 200, redeliveryOf: canceled.deliveries[0]!.id });
    expect(received[before]!.body).toBe(received[before - 2]!.body);
    expect(verify(hook.json.secret, received[before]!.signature, received[before]!.body)).toBe(true);
    await expect(sandbox.oncehub.complete(moved.booking.id)).rejects.toThrow(/canceled/);
  });

  it('drives bookings over /_sandbox and reports signature checks from the built-in receiver', async () => {
    await oncehub('POST', '/webhooks', { url: `${sandbox.url}/_sandbox/hooks/demo`, name: 'sink', events: ['booking.scheduled', 'booking.completed'] });
    const response = await fetch(`${sandbox.url}/_sandbox/oncehub/book`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer: { name: 'Grace', email: 'grace@example.com' } }),
    });
    const { booking } = (await response.json()) as { booking: { id: string } };
    await fetch(`${sandbox.url}/_sandbox/oncehub/bookings/${booking.id}/complete`, { method: 'POST' });
    expect(sandbox.oncehub.deliveries.map((d) => [d.eventType, d.verified])).toEqual([
      ['booking.scheduled', true],
      ['booking.completed', true],
    ]);
  });
});

describe('OnceHub booking actions per state', () => {
  const act = (id: string, action: string) => fetch(`${sandbox.url}/_sandbox/oncehub/bookings/${id}/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const buttonsFor = async (id: string) => {
    const html = await (await fetch(sandbox.url)).text();
    const row = html.split('<tr>').find((cells) => cells.startsWith(`<td>${id}</td>`)) ?? '';
    return [...row.matchAll(/<button type="submit">([^<]+)<\/button>/g)].map((match) => match[1]);
  };

  it('offers and allows only what the booking’s state allows: nothing on a booking a reschedule replaced', async () => {
    const { booking } = await sandbox.oncehub.book({ customer: { name: 'Ada', email: 'ada@example.com' } });
    expect(await buttonsFor(booking.id)).toEqual(['Reschedule +1 day', 'Cancel', 'Complete', 'No-show', 'Reassign']);
    const moved = (await sandbox.oncehub.reschedule(booking.id, { newStart: '2030-01-02T15:00:00Z' })).booking;

    expect(await buttonsFor(booking.id)).toEqual([]);
    const refused = await act(booking.id, 'cancel');
    expect({ status: refused.status, body: await refused.json() }).toEqual({
      status: 409,
      body: { message: `Cannot cancel booking ${booking.id}: it was rescheduled to ${moved.id}` },
    });
    expect((await act(booking.id, 'no-show')).status).toBe(409);

    expect(await buttonsFor(moved.id)).toEqual(['Reschedule +1 day', 'Cancel', 'Complete', 'No-show', 'Reassign']);
    await sandbox.oncehub.complete(moved.id);
    expect(await buttonsFor(moved.id)).toEqual(['No-show']);
    await sandbox.oncehub.noShow(moved.id);
    expect(await buttonsFor(moved.id)).toEqual([]);
    expect((await act(moved.id, 'cancel')).status).toBe(409);
  });

  it('says on the page that no zap is listening when none runs', async () => {
    const html = await (await fetch(sandbox.url)).text();
    expect(html).toContain('id="zap-status">Zap not listening');
  });
});
