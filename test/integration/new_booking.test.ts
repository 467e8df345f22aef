import { createHash } from 'node:crypto';
import App from '../../index';
import { HookEndpoint, type Delivery } from '../../sandbox/zapier/hooks';
import { registerSecret } from '../secrets/known';
import { apiCalls, failure, run, useIntegration } from './support';

/**
 * New Booking as Zapier runs a REST hook: subscribe (OnceHub webhook to the zap's hook URL),
 * signed deliveries from sandbox bookings into perform, samples from performList, unsubscribe.
 */
const ctx = useIntegration();
const hooks = new HookEndpoint();

const trigger = App.triggers!.new_booking!.operation as unknown as Record<'performSubscribe' | 'performUnsubscribe' | 'perform' | 'performList', unknown>;

type Subscription = { id: string; secret: string; name: string; events: string[] };
type BookingRecord = Record<string, unknown> & { id: string; booking_id: string; event: string; status: string };

const subscribe = async (events: unknown): Promise<Subscription> => {
  const subscription = await run<Subscription>(ctx, ctx.keap, trigger.performSubscribe, { events }, { targetUrl: hooks.url });
  registerSecret(subscription.secret);
  return subscription;
};
const perform = (subscription: Subscription, delivery: Delivery, events: unknown = subscription.events) =>
  run<BookingRecord[]>(ctx, ctx.keap, trigger.perform, { events }, { subscribeData: subscription, rawRequest: delivery, cleanedRequest: JSON.parse(delivery.content) });
const list = (events: unknown) => run<BookingRecord[]>(ctx, ctx.keap, trigger.performList, { events });

const ada = { name: 'Ada King Lovelace', email: 'ada.lovelace@example.com', phone: '+44 20 7946 0958', company: 'Analytical Engines Ltd', note: 'About the engine' };

beforeAll(() => hooks.listen());
afterAll(() => hooks.close());
beforeEach(async () => {
  ctx.sandbox.reset();
  await hooks.take(0);
});

describe('subscribe and unsubscribe', () => {
  it('creates a OnceHub webhook to the hook URL for the chosen events, and deletes it again', async () => {
    const subscription = await subscribe(['booking.scheduled', 'booking.canceled']);

    const hash = createHash('sha256').update(hooks.url).digest('hex').slice(0, 8);
    expect(subscription).toEqual({
      id: expect.stringMatching(/^WHK-/),
      secret: expect.stringMatching(/^[a-z0-9]{32}$/),
      name: expect.stringMatching(new RegExp(`^Zapier New Booking ${hash}-[0-9a-f]{6}$`)),
      events: ['booking.scheduled', 'booking.canceled'],
    });
    expect(ctx.sandbox.state.oncehub.webhooks).toEqual([
      expect.objectContaining({ id: subscription.id, url: hooks.url, name: subscription.name, events: ['booking.scheduled', 'booking.canceled'] }),
    ]);
    expect(ctx.sandbox.requests.map((r) => [r.method, r.path, r.body])).toEqual([
      ['POST', '/oncehub/v2/webhooks', { url: hooks.url, name: subscription.name, events: ['booking.scheduled', 'booking.canceled'] }],
    ]);

    const unsubscribed = await run(ctx, ctx.keap, trigger.performUnsubscribe, {}, { subscribeData: subscription });

    expect(unsubscribed).toEqual({ id: subscription.id, deleted: true });
    expect(ctx.sandbox.state.oncehub.webhooks).toEqual([]);
    expect(apiCalls(ctx.sandbox, 'oncehub').slice(-1)).toEqual([`DELETE /webhooks/${subscription.id}`]);
    expect(await run(ctx, ctx.keap, trigger.performUnsubscribe, {}, { subscribeData: subscription })).toEqual({ id: subscription.id, deleted: true });
  });

  it('subscribes to "All booking lifecycle events" alone when it is chosen with others, with reassignments by name', async () => {
    const subscription = await subscribe(['booking.completed', 'booking']);

    expect(ctx.sandbox.state.oncehub.webhooks.map((w) => w.events)).toEqual([['booking', 'booking.reassigned']]);
    expect(subscription.events).toEqual(['booking', 'booking.reassigned']);
  });

  it('refuses an event OnceHub does not send, and a connection without a OnceHub key, before calling OnceHub', async () => {
    const unknown = await failure(subscribe(['booking.scheduled', 'booking.exploded']));
    expect(unknown.message).toBe(
      'Events (events) has a value OnceHub does not send: "booking.exploded". Choose booking events from the dropdown, for example "Booking scheduled".',
    );

    const keyless = await failure(run(ctx, ctx.salesforce, trigger.performSubscribe, { events: ['booking.scheduled'] }, { targetUrl: hooks.url }));
    expect(keyless.message).toBe(
      'This connection has no OnceHub API key, which the New Booking trigger needs. ' +
        'In OnceHub, open Settings → API & Webhooks, create an API key, then reconnect this Zapier connection with it.',
    );
    expect(ctx.sandbox.requests).toEqual([]);
    expect(ctx.sandbox.state.oncehub.webhooks).toEqual([]);
  });
});

describe('deliveries', () => {
  it('delivers a reassignment to a Zap on "All booking lifecycle events", which the composite subscription alone would miss', async () => {
    const subscription = await subscribe(['booking']);
    const { booking } = await ctx.sandbox.oncehub.book({ customer: ada, startTime: '2026-11-23T15:00:00Z', durationMinutes: 30 });
    await hooks.take();

    const { deliveries } = await ctx.sandbox.oncehub.reassign(booking.id);

    expect(deliveries.map((d) => [d.eventType, d.ok])).toEqual([['booking.reassigned', true]]);
    const [received] = await hooks.take();
    const records = await perform(subscription, received!);
    expect(records).toEqual([expect.objectContaining({ booking_id: booking.id, event: 'booking.reassigned' })]);
  });

  it('turns a signed booking.scheduled delivery into one record, ready for the CRM steps', async () => {
    const subscription = await subscribe(['booking.scheduled']);
    const { booking, deliveries } = await ctx.sandbox.oncehub.book({
      customer: { ...ada, timezone: 'Europe/London' },
      startTime: '2026-11-23T15:00:00Z',
      durationMinutes: 45,
      masterPageId: 'MP-SALESTEAM001',
      location: 'Room 4',
    });
    expect(deliveries.map((d) => [d.status, d.ok])).toEqual([[200, true]]);

    const received = await hooks.take();
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['Http-Oncehub-Signature']).toMatch(/^t=\d+,s=[0-9a-f]{64}$/);
    const records = await perform(subscription, received[0]!);

    expect(records).toEqual([
      {
        id: booking.id,
        booking_id: booking.id,
        event: 'booking.scheduled',
        status: 'Scheduled',
        reassigned: false,
        subject: 'Discovery call',
        starting_time: '2026-11-23T15:00:00Z',
        ending_time: '2026-11-23T15:45:00Z',
        duration_minutes: 45,
        customer_timezone: 'Europe/London',
        customer_name: 'Ada King Lovelace',
        customer_first_name: 'Ada',
        customer_last_name: 'King Lovelace',
        customer_email: 'ada.lovelace@example.com',
        customer_phone: '+44 20 7946 0958',
        customer_mobile_phone: '',
        customer_company: 'Analytical Engines Ltd',
        customer_note: 'About the engine',
        guests: '',
        location: 'Room 4',
        conferencing_url: `https://meet.example.com/${booking.id.toLowerCase()}`,
        cancel_reschedule_reason: '',
        actioned_by: '',
        cancel_reschedule_url: `https://go.oncehub.com/cancel-reschedule/${booking.id}`,
        owner_id: 'USR-OLIVIAHOST01',
        owner_name: 'Olivia Host',
        owner_email: 'olivia.host@example.com',
        booking_page_id: 'BP-OLIVIAPAGE01',
        master_page_id: 'MP-SALESTEAM001',
        event_type_id: 'ET-DISCOVERY001',
        master_page_label: 'sales-team',
        event_type_name: 'Discovery call',
        booking_page_label: 'olivia-host',
        lead_source: 'sales-team > Discovery call > olivia-host',
        rescheduled_booking_id: '',
        tracking_id: booking.tracking_id,
        creation_time: booking.creation_time,
        last_updated_time: booking.last_updated_time,
      },
    ]);
  });

  it('follows the booking through the events chosen, one record per status change, and hears nothing else', async () => {
    const subscription = await subscribe(['booking.rescheduled', 'booking.canceled']);
    const { booking } = await ctx.sandbox.oncehub.book({ customer: ada });
    expect(await hooks.take(0)).toEqual([]);

    const { booking: moved } = await ctx.sandbox.oncehub.reschedule(booking.id, { newStart: '2026-11-24T10:00:00Z', reason: 'Conflict' });
    const rescheduledAt = moved.last_updated_time;
    const [rescheduled] = await perform(subscription, (await hooks.take())[0]!);
    await ctx.sandbox.oncehub.cancel(moved.id, 'No longer needed');
    const [canceled] = await perform(subscription, (await hooks.take())[0]!);

    expect(rescheduled).toMatchObject({
      id: `${moved.id}:booking.rescheduled:${rescheduledAt}`,
      booking_id: moved.id,
      rescheduled_booking_id: booking.id,
      status: 'Rescheduled',
      starting_time: '2026-11-24T10:00:00Z',
      cancel_reschedule_reason: 'Conflict',
    });
    expect(canceled).toMatchObject({
      id: `${moved.id}:booking.canceled:${ctx.sandbox.state.oncehub.booking(moved.id)!.last_updated_time}`,
      status: 'Canceled',
      cancel_reschedule_reason: 'No longer needed',
      actioned_by: 'customer',
    });
  });

  it('produces no record for a delivery whose event the step no longer listens for', async () => {
    const subscription = await subscribe(['booking']);
    const { booking } = await ctx.sandbox.oncehub.book({ customer: ada });
    await hooks.take();
    await ctx.sandbox.oncehub.complete(booking.id);

    expect(await perform(subscription, (await hooks.take())[0]!, ['booking.canceled'])).toEqual([]);
  });

  it('produces no record for a tampered, forged or unsigned delivery', async () => {
    const subscription = await subscribe(['booking.scheduled']);
    await ctx.sandbox.oncehub.book({ customer: ada });
    const [genuine] = await hooks.take();
    const signature = 'Http-Oncehub-Signature';

    const tampered = { ...genuine!, content: genuine!.content.replace('ada.lovelace@example.com', 'mallory@example.com') };
    const { [signature]: _dropped, ...unsignedHeaders } = genuine!.headers;
    // The platform prints z.console lines to stdout in tests (LOG_TO_STDOUT, set by the global setup).
    const logged = jest.spyOn(console, 'log');
    try {
      expect(await perform(subscription, tampered)).toEqual([]);
      expect(await perform({ ...subscription, secret: 'another-webhook-secret' }, genuine!)).toEqual([]);
      expect(await perform(subscription, { ...genuine!, headers: unsignedHeaders })).toEqual([]);
      expect(await perform(subscription, genuine!)).toHaveLength(1);

      // Each z.console line reaches stdout twice (the console and its log entry): compare the distinct lines.
      const lines = logged.mock.calls.map(([line]) => String(line).trimEnd()).filter((line) => line.startsWith('OnceHub New Booking:'));
      expect(new Set(lines)).toEqual(
        new Set([
          'OnceHub New Booking: delivery ignored: the signature does not match (the body was altered or it was signed with another secret).',
          'OnceHub New Booking: delivery ignored: the Oncehub-Signature header is missing.',
        ]),
      );
    } finally {
      logged.mockRestore();
    }
  });
});

describe('samples (performList)', () => {
  it('lists recent bookings newest first, shaped like deliveries, filtered to the chosen events', async () => {
    await subscribe(['booking']);
    const first = (await ctx.sandbox.oncehub.book({ customer: ada })).booking;
    const second = (await ctx.sandbox.oncehub.book({ customer: { name: 'Grace Hopper', email: 'grace@example.com' } })).booking;
    const third = (await ctx.sandbox.oncehub.book({ customer: { name: 'Alan Turing', email: 'alan@example.com' } })).booking;
    await ctx.sandbox.oncehub.cancel(second.id, 'Ill');
    ctx.sandbox.resetRequestLog();

    const all = await list(['booking']);
    const canceled = await list(['booking.canceled']);

    expect(all.map((r) => [r.booking_id, r.event, r.status])).toEqual([
      [third.id, 'booking.scheduled', 'Scheduled'],
      [second.id, 'booking.canceled', 'Canceled'],
      [first.id, 'booking.scheduled', 'Scheduled'],
    ]);
    expect(all[0]).toMatchObject({ id: third.id, customer_first_name: 'Alan', lead_source: 'Discovery call > olivia-host' });
    expect(canceled.map((r) => [r.booking_id, r.cancel_reschedule_reason])).toEqual([[second.id, 'Ill']]);
    expect(ctx.sandbox.requests.map((r) => [r.method, r.path, r.query])).toEqual([
      ['GET', '/oncehub/v2/bookings', { limit: '50', expand: 'data.owner,data.booking_page,data.master_page,data.event_type' }],
      ['GET', '/oncehub/v2/bookings', { limit: '50', expand: 'data.owner,data.booking_page,data.master_page,data.event_type', status: 'canceled' }],
    ]);
  });
});
