import { createHmac } from 'node:crypto';
import App from '../../index';
import { appTester, keapAuth } from '../helpers/app';
import scheduled from '../triggers/fixtures/oncehub/webhook_booking_scheduled.json';
import { unhelpful, VALUES } from './table';

describe('hostile values in a OnceHub delivery (triggers.new_booking)', () => {
  const SECRET = 'whsec-hostile';
  const perform = (App.triggers.new_booking.operation as { perform: unknown }).perform;

  const deliver = (payload: unknown, events: unknown = ['booking.scheduled']) => {
    const content = JSON.stringify(payload);
    const t = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', SECRET).update(`${t}.${content}`).digest('hex');
    return appTester(perform as never, {
      authData: { ...keapAuth, oncehub_api_key: 'oncehub-key' },
      inputData: { events },
      subscribeData: { id: 'WHK-1', secret: SECRET },
      rawRequest: { method: 'POST', querystring: '', content, headers: { 'Http-Content-Type': 'application/json', 'Http-Oncehub-Signature': `t=${t},s=${signature}` } },
      cleanedRequest: payload,
      meta: {},
    } as never) as Promise<Array<Record<string, unknown>>>;
  };

  const FORM_FIELDS = ['name', 'email', 'phone', 'mobile_phone', 'company', 'note'];

  it.each(VALUES)('a booking whose form fields are %s yields records with the values literal, or none, never a crash', async (_label, value) => {
    const payload = {
      ...scheduled,
      data: {
        ...scheduled.data,
        subject: value,
        location_description: value,
        form_submission: { ...scheduled.data.form_submission, ...Object.fromEntries(FORM_FIELDS.map((key) => [key, value])) },
      },
    };
    const records = await deliver(payload);
    expect(Array.isArray(records)).toBe(true);
    for (const record of records) {
      expect(record.id).toEqual(expect.any(String));
      const text = JSON.stringify(record);
      if (typeof value === 'string' && value.trim()) expect(text).toContain(JSON.stringify(value).slice(1, -1).slice(0, 200));
    }
  });

  it.each(VALUES)('the chosen events set to %s are used or refused by name', async (_label, value) => {
    try {
      await deliver(scheduled, value);
    } catch (error) {
      expect(unhelpful(error, 'events')).toEqual([]);
    }
  });
});
