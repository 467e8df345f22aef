import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { customFieldOutputFields } from '../../src/oncehub/output';
import { keapAuth, useNock } from '../helpers/app';
import { rejection } from '../helpers/errors';
import list from './fixtures/oncehub/bookings_list.json';

const appTester = createAppTester(App);
const trigger = App.triggers!.new_booking!;
const operation = trigger.operation as unknown as { performList: never; sample: Record<string, unknown>; outputFields: unknown[] };
const ONCEHUB = 'https://api.oncehub.com';
const KEY = 'oncehub-api-key-fixture';
const authData = { ...keapAuth, oncehub_api_key: KEY };
const EXPAND = 'data.owner,data.booking_page,data.master_page,data.event_type';

const performList = (events: unknown, auth: Record<string, string> = authData) =>
  appTester(operation.performList, { authData: auth, inputData: { events }, meta: {} } as never) as Promise<
    Array<Record<string, unknown>>
  >;

describe('New Booking trigger: recent bookings (performList)', () => {
  useNock();
  beforeAll(() => nock.disableNetConnect());

  it('asks for one page of expanded scheduled bookings and maps them like deliveries', async () => {
    nock(ONCEHUB)
      .get('/v2/bookings')
      .query({ limit: '50', expand: EXPAND, status: 'scheduled' })
      .matchHeader('api-key', KEY)
      .reply(200, { ...list, data: list.data.filter((b) => b.status === 'scheduled') });

    const records = await performList(['booking.scheduled']);
    expect(records).toEqual([
      expect.objectContaining({
        id: 'BKNG-J4FR05BKEWEX',
        booking_id: 'BKNG-J4FR05BKEWEX',
        event: 'booking.scheduled',
        status: 'Scheduled',
        customer_first_name: 'Ada',
        customer_last_name: 'King Lovelace',
        owner_id: 'USR-FSD423423',
        owner_name: '',
        lead_source: '',
        custom_field_company_size: '51-200',
        ending_time: '2026-03-24T15:30:00Z',
      }),
    ]);
  });

  it('lists every status for all lifecycle events, newest first, keyed like deliveries, leaving out requests', async () => {
    nock(ONCEHUB).get('/v2/bookings').query({ limit: '50', expand: EXPAND }).reply(200, list);

    const records = await performList(['booking']);
    expect(records.map((r) => [r.id, r.event, r.status])).toEqual([
      ['BKNG-NEWEST00001:booking.rescheduled:2026-03-22T08:15:00Z', 'booking.rescheduled', 'Rescheduled'],
      ['BKNG-J4FR05BKEWEX', 'booking.scheduled', 'Scheduled'],
    ]);
    expect(records[0]).toMatchObject({
      customer_first_name: 'Ada',
      customer_last_name: 'Lovelace',
      customer_phone: '',
      location: '12 Downing Street, London',
      owner_name: 'Grace Hopper',
      owner_email: 'grace.hopper@example.com',
      master_page_label: 'Sales',
      event_type_name: 'Onboarding',
      booking_page_label: 'Grace Hopper',
      lead_source: 'Sales > Onboarding > Grace Hopper',
      rescheduled_booking_id: 'BKNG-OLDER000009',
      cancel_reschedule_reason: 'Travel clash',
      actioned_by: 'customer',
      ending_time: '2026-03-26T14:15:00Z',
    });
    expect(records[0]).not.toHaveProperty('utm_params');
  });

  it('filters by status when the chosen events share one, and by hand when they do not', async () => {
    nock(ONCEHUB).get('/v2/bookings').query({ limit: '50', expand: EXPAND, status: 'canceled' }).reply(200, { object: 'list', data: [], has_more: false });
    await expect(performList(['booking.canceled', 'booking.canceled_reschedule_requested'])).resolves.toEqual([]);

    nock(ONCEHUB).get('/v2/bookings').query({ limit: '50', expand: EXPAND }).reply(200, list);
    const records = await performList(['booking.reassigned']);
    expect(records.map((r) => [r.id, r.event, r.reassigned])).toEqual([
      ['BKNG-NEWEST00001:booking.reassigned:2026-03-22T08:15:00Z', 'booking.reassigned', true],
      ['BKNG-J4FR05BKEWEX:booking.reassigned:2026-03-20T09:49:12Z', 'booking.reassigned', true],
    ]);
  });

  it('skips a listed booking in an unexpected shape instead of failing the sample', async () => {
    nock(ONCEHUB).get('/v2/bookings').query(true).reply(200, { object: 'list', data: [{ status: 'scheduled' }, list.data[2]] });
    await expect(performList(['booking.scheduled'])).resolves.toHaveLength(1);
  });

  it('needs the OnceHub key in the connection', async () => {
    const error = await rejection(performList(['booking.scheduled'], keapAuth));
    expect(error.message).toContain('no OnceHub API key');
  });

  it('explains a plan without API access', async () => {
    nock(ONCEHUB).get('/v2/bookings').query(true).reply(403, {
      type: 'authentication_error',
      message: 'Your account plan does not support API access. To use the OnceHub API, you must upgrade to the Enterprise plan.',
    });
    const error = await rejection(performList(['booking.scheduled']));
    expect(error.message).toContain('OnceHub says your plan does not include API access');
  });

  it('retries after the delay OnceHub asks for when rate limited', async () => {
    nock(ONCEHUB).get('/v2/bookings').query(true).reply(429, { type: 'rate_limit_error', message: 'Request rate limit exceeded' }, { 'Retry-After': '12' });
    const error = await rejection(performList(['booking.scheduled']));
    expect(error).toMatchObject({ name: 'ThrottledError', delay: 12 });
  });
});

describe('New Booking trigger: output fields', () => {
  useNock();

  const resolveFields = (auth: Record<string, string>) =>
    appTester(customFieldOutputFields as never, { authData: auth, inputData: {}, meta: {} } as never) as Promise<unknown[]>;

  it('labels form custom fields with their names from recent bookings', async () => {
    nock(ONCEHUB).get('/v2/bookings').query({ limit: '10' }).reply(200, list);
    await expect(resolveFields(authData)).resolves.toEqual([
      { key: 'custom_field_company_size', label: 'Form Field: Company size', type: 'string' },
    ]);
  });

  it('falls back to generated labels when OnceHub cannot be asked', async () => {
    nock(ONCEHUB).get('/v2/bookings').query(true).reply(401, { type: 'authentication_error', message: 'Invalid API key.' });
    await expect(resolveFields(authData)).resolves.toEqual([]);
    await expect(resolveFields(keapAuth)).resolves.toEqual([]);
  });

  it('has a sample with every labelled output field, an id and ISO times', () => {
    const { sample, outputFields } = operation;
    const keys = outputFields.filter((f): f is { key: string } => typeof f === 'object' && f !== null).map((f) => f.key);
    for (const key of keys) expect(sample).toHaveProperty(key);
    expect(sample.id).toBe(sample.booking_id);
    for (const key of ['starting_time', 'ending_time', 'creation_time', 'last_updated_time']) {
      expect(String(sample[key])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    }
    expect(trigger.display.description).toMatch(/^Triggers when .*\.$/);
  });
});
