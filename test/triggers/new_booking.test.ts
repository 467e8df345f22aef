import { createHmac } from 'node:crypto';
import nock from 'nock';
import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { keapAuth, useNock } from '../helpers/app';
import scheduled from './fixtures/oncehub/webhook_booking_scheduled.json';

const appTester = createAppTester(App);
const { perform } = App.triggers!.new_booking!.operation as unknown as { perform: never };

const SECRET = 'whsec-fixture-signing-secret';
const authData = { ...keapAuth, oncehub_api_key: 'oncehub-api-key-fixture' };
const nowSeconds = () => Math.floor(Date.now() / 1000);
const sign = (t: number | string, content: string, secret = SECRET) =>
  createHmac('sha256', secret).update(`${t}.${content}`).digest('hex');

type Delivery = { content: string; headers: Record<string, string> };

/** A delivery as Zapier hands it to perform: headers `Http-`-prefixed, the raw body untouched. */
const delivery = (payload: unknown, { t = nowSeconds(), secret = SECRET } = {}): Delivery => {
  const content = JSON.stringify(payload, null, 2);
  return {
    content,
    headers: { 'Http-Content-Type': 'application/json', 'Http-Oncehub-Signature': `t=${t},s=${sign(t, content, secret)}` },
  };
};

const parsedOrRaw = (content: string): unknown => {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
};

const run = (raw: Delivery, events: unknown = ['booking.scheduled'], subscribeData: object = { id: 'WHK-1', secret: SECRET }) =>
  appTester(perform, {
    authData,
    inputData: { events },
    subscribeData,
    rawRequest: { method: 'POST', querystring: '', ...raw },
    cleanedRequest: parsedOrRaw(raw.content),
    meta: {},
  } as never) as Promise<Array<Record<string, unknown>>>;

/** The same fixture delivered as another event, with changes to its booking. */
const event = (type: string, data: Record<string, unknown> = {}) => ({
  ...scheduled,
  type,
  data: { ...scheduled.data, ...data },
});

/** What z.console wrote; the spy calls through, so the suite's secrets scan still sees every line. */
let consoleLog: jest.SpyInstance;
const logged = () => consoleLog.mock.calls.map((args: unknown[]) => args.map(String).join(' '));
beforeEach(() => {
  consoleLog = jest.spyOn(console, 'log');
});
afterEach(() => jest.restoreAllMocks());

describe('New Booking trigger: deliveries', () => {
  useNock();
  beforeAll(() => nock.disableNetConnect());

  it('turns a verified booking.scheduled delivery into exactly one flat record, without calling any API', async () => {
    const records = await run(delivery(scheduled));
    expect(records).toEqual([
      {
        id: 'BKNG-J4FR05BKEWEX',
        booking_id: 'BKNG-J4FR05BKEWEX',
        event: 'booking.scheduled',
        status: 'Scheduled',
        reassigned: false,
        subject: 'Product demo',
        starting_time: '2026-03-24T15:00:00Z',
        ending_time: '2026-03-24T15:30:00Z',
        duration_minutes: 30,
        customer_timezone: 'America/New_York',
        customer_name: 'Ada King Lovelace',
        customer_first_name: 'Ada',
        customer_last_name: 'King Lovelace',
        customer_email: 'ada.lovelace@example.com',
        customer_phone: '1-2025550195',
        customer_mobile_phone: '1-2025550123',
        customer_company: 'Analytical Engines Ltd',
        customer_note: 'Interested in the team plan.',
        guests: 'charles.babbage@example.com, mary.somerville@example.com',
        location: '',
        conferencing_url: 'https://meet.example.com/abc-defg-hij',
        cancel_reschedule_reason: '',
        actioned_by: '',
        cancel_reschedule_url: 'https://go.oncehub.com/cancel/BKNG-J4FR05BKEWEX',
        owner_id: 'USR-FSD423423',
        owner_name: 'Grace Hopper',
        owner_email: 'grace.hopper@example.com',
        booking_page_id: 'BP-ABCD1234',
        master_page_id: '',
        event_type_id: 'ET-IJKL9012',
        master_page_label: '',
        event_type_name: 'Product demo',
        booking_page_label: 'Grace Hopper',
        lead_source: 'Product demo > Grace Hopper',
        rescheduled_booking_id: '',
        tracking_id: 'D36E0002',
        creation_time: '2026-03-20T09:49:12Z',
        last_updated_time: '2026-03-20T09:49:12Z',
        custom_field_company_size: '51-200',
        custom_field_how_did_you_hear_about_us: 'Conference',
      },
    ]);
    expect(logged().filter((l) => l.includes('ignored'))).toEqual([]);
  });

  it('gives a redelivery of the same event the same id', async () => {
    const first = await run(delivery(scheduled));
    const again = await run(delivery(scheduled));
    expect(again[0]!.id).toBe(first[0]!.id);
  });

  describe('every booking event', () => {
    const updated = '2026-03-22T08:15:00Z';
    it.each([
      ['booking.rescheduled', 'rescheduled', 'Rescheduled'],
      ['booking.canceled', 'canceled', 'Canceled'],
      ['booking.canceled_then_rescheduled', 'canceled', 'Canceled'],
      ['booking.canceled_reschedule_requested', 'canceled', 'Canceled'],
      ['booking.completed', 'completed', 'Completed'],
      ['booking.no_show', 'no_show', 'No-show'],
    ])('%s → status %s, id keyed by the event and update time', async (type, apiStatus, status) => {
      const [record] = await run(delivery(event(type, { status: apiStatus, last_updated_time: updated })), ['booking']);
      expect(record).toMatchObject({
        id: `BKNG-J4FR05BKEWEX:${type}:${updated}`,
        booking_id: 'BKNG-J4FR05BKEWEX',
        event: type,
        status,
        reassigned: false,
      });
    });

    it('booking.reassigned keeps the booking’s own status and says it was reassigned', async () => {
      const [record] = await run(delivery(event('booking.reassigned', { status: 'rescheduled', last_updated_time: updated })), [
        'booking.reassigned',
      ]);
      expect(record).toMatchObject({
        id: `BKNG-J4FR05BKEWEX:booking.reassigned:${updated}`,
        event: 'booking.reassigned',
        status: 'Rescheduled',
        reassigned: true,
      });
    });

    it('gives two status changes in the same second different ids, and a redelivery the same id', async () => {
      const completed = delivery(event('booking.completed', { status: 'completed', last_updated_time: updated }));
      const noShow = delivery(event('booking.no_show', { status: 'no_show', last_updated_time: updated }));
      const [first] = await run(completed, ['booking']);
      const [second] = await run(noShow, ['booking']);
      const [again] = await run(completed, ['booking']);
      expect(first!.id).not.toBe(second!.id);
      expect(again!.id).toBe(first!.id);
    });

    it('booking.canceled_then_rescheduled follows the delivered booking’s status when it is the new booking', async () => {
      const [record] = await run(delivery(event('booking.canceled_then_rescheduled', { status: 'scheduled' })), ['booking']);
      expect(record).toMatchObject({ status: 'Scheduled', event: 'booking.canceled_then_rescheduled' });
    });

    it('gives each status change its own id and a redelivery the same one', async () => {
      const canceled = event('booking.canceled', { status: 'canceled', last_updated_time: updated });
      const later = event('booking.canceled', { status: 'canceled', last_updated_time: '2026-03-23T10:00:00Z' });
      const [a] = await run(delivery(canceled), ['booking']);
      const [b] = await run(delivery(canceled), ['booking']);
      const [c] = await run(delivery(later), ['booking']);
      expect(a!.id).toBe(b!.id);
      expect(c!.id).not.toBe(a!.id);
    });

    it('carries the cancel/reschedule reason, who acted and the previous booking', async () => {
      const [record] = await run(
        delivery(
          event('booking.rescheduled', {
            status: 'rescheduled',
            rescheduled_booking_id: 'BKNG-OLDER000009',
            cancel_reschedule_information: { reason: 'Travel clash', actioned_by: 'customer', user_id: null },
          }),
        ),
        ['booking.rescheduled'],
      );
      expect(record).toMatchObject({
        cancel_reschedule_reason: 'Travel clash',
        actioned_by: 'customer',
        rescheduled_booking_id: 'BKNG-OLDER000009',
      });
    });

    it('ignores an event the step does not listen for, with a log line', async () => {
      await expect(run(delivery(event('booking.canceled', { status: 'canceled' })), ['booking.scheduled'])).resolves.toEqual([]);
      expect(logged().join('\n')).toContain('event booking.canceled is not one this step listens for');
    });

    it('ignores non-booking events even under "All booking lifecycle events"', async () => {
      await expect(run(delivery(event('conversation.started')), ['booking'])).resolves.toEqual([]);
      expect(logged().join('\n')).toContain('conversation.started');
    });
  });

  describe('references and names', () => {
    it('accepts references as bare ids: ids filled, labels empty, lead source empty', async () => {
      const [record] = await run(
        delivery(event('booking.scheduled', { owner: 'USR-1', booking_page: 'BP-1', master_page: 'MP-1', event_type: 'ET-1' })),
      );
      expect(record).toMatchObject({
        owner_id: 'USR-1',
        owner_name: '',
        owner_email: '',
        booking_page_id: 'BP-1',
        master_page_id: 'MP-1',
        event_type_id: 'ET-1',
        booking_page_label: '',
        master_page_label: '',
        event_type_name: '',
        lead_source: '',
      });
    });

    it('builds the lead source from master page > event type > booking page', async () => {
      const [record] = await run(delivery(event('booking.scheduled', { master_page: { id: 'MP-1', object: 'master_page', label: 'Sales', name: 'sales' } })));
      expect(record).toMatchObject({ master_page_id: 'MP-1', master_page_label: 'Sales', lead_source: 'Sales > Product demo > Grace Hopper' });
    });

    it.each([
      ['Ada', 'Ada', ''],
      ['  Ada   King  Lovelace ', 'Ada', 'King Lovelace'],
      ['Lovelace, Ada', 'Ada', 'Lovelace'],
      ['', '', ''],
      [null, '', ''],
    ])('splits customer name %j into %j / %j', async (name, first, last) => {
      const payload = event('booking.scheduled', { form_submission: { ...scheduled.data.form_submission, name } });
      const [record] = await run(delivery(payload));
      expect(record).toMatchObject({ customer_first_name: first, customer_last_name: last });
    });
  });

  describe('signature verification', () => {
    const rejected = async (raw: Delivery, why: string, subscribeData?: object) => {
      await expect(run(raw, ['booking.scheduled'], subscribeData)).resolves.toEqual([]);
      const line = logged().find((l) => l.includes('OnceHub New Booking: delivery ignored'));
      expect(line).toContain(why);
      expect(line).not.toContain(SECRET);
      const signature = raw.headers['Http-Oncehub-Signature']?.split('s=')[1];
      if (signature) expect(line).not.toContain(signature);
    };

    it('rejects a tampered body', async () => {
      const raw = delivery(scheduled);
      await rejected({ ...raw, content: raw.content.replace('Ada King Lovelace', 'Eve Mallory') }, 'signature does not match');
    });

    it('rejects a delivery signed with another secret', async () => {
      await rejected(delivery(scheduled, { secret: 'another-secret' }), 'signature does not match');
    });

    it('runs a correctly signed delivery that waited in Zapier\'s queue for hours, and refuses an absurdly old one', async () => {
      await expect(run(delivery(scheduled, { t: nowSeconds() - 6 * 3600 }))).resolves.toHaveLength(1);
      await rejected(delivery(scheduled, { t: nowSeconds() - 61 * 86400 }), 'older than any delivery OnceHub retries or Zapier replays');
    });

    it('rejects a timestamp from the future', async () => {
      await rejected(delivery(scheduled, { t: nowSeconds() + 400 }), 'in the future');
    });

    it.each([
      ['no parts', 'garbage'],
      ['no timestamp', `s=${'a'.repeat(64)}`],
      ['no signature', 't=1611144604'],
      ['a short signature', 't=1611144604,s=abc123'],
      ['a non-hex signature', `t=1611144604,s=${'z'.repeat(64)}`],
    ])('rejects a malformed header (%s)', async (_, header) => {
      const raw = delivery(scheduled);
      await rejected({ ...raw, headers: { 'Http-Oncehub-Signature': header } }, 'malformed');
    });

    it('rejects a delivery without the header', async () => {
      const raw = delivery(scheduled);
      await rejected({ ...raw, headers: { 'Http-Content-Type': 'application/json' } }, 'header is missing');
    });

    it('rejects every delivery when the subscription kept no secret', async () => {
      await rejected(delivery(scheduled), 'no signing secret', { id: 'WHK-1' });
    });

    it.each(['Http-Oncehub-Signature', 'oncehub-signature', 'ONCEHUB-SIGNATURE', 'HTTP_ONCEHUB_SIGNATURE'])(
      'finds the header as %s',
      async (name) => {
        const raw = delivery(scheduled);
        const value = raw.headers['Http-Oncehub-Signature']!;
        await expect(run({ ...raw, headers: { [name]: value } })).resolves.toHaveLength(1);
      },
    );
  });

  describe('malformed bodies', () => {
    it('a signed body that is not JSON: no run, a log line', async () => {
      const t = nowSeconds();
      const content = 'not json';
      await expect(run({ content, headers: { 'Http-Oncehub-Signature': `t=${t},s=${sign(t, content)}` } })).resolves.toEqual([]);
      expect(logged().join('\n')).toContain('the body is not JSON');
    });

    it('a signed event without a booking id: no run, a log line naming the path but no customer data', async () => {
      const { id: _id, ...data } = scheduled.data;
      await expect(run(delivery({ ...scheduled, data }))).resolves.toEqual([]);
      const line = logged().find((l) => l.includes('not a OnceHub booking event'));
      expect(line).toContain('data.id');
      expect(line).not.toContain('Lovelace');
    });

    it('tolerates nulls and unknown fields everywhere else', async () => {
      const sparse = {
        ...scheduled,
        data: { id: 'BKNG-SPARSE', status: null, form_submission: null, owner: null, new_field: { x: 1 }, duration_minutes: null },
      };
      const [record] = await run(delivery(sparse));
      expect(record).toMatchObject({ id: 'BKNG-SPARSE', customer_name: '', ending_time: '', duration_minutes: null, guests: '' });
    });
  });
});
