import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { tagPlanFor } from '../../src/lifecycle';
import { TAG_INPUTS } from '../../src/inputs';
import { bookingStatusSchema, eventStatusSchema } from '../../src/model';
import { rejection } from '../helpers/errors';

const appTester = createAppTester(App);
const plan = (input: Record<string, unknown>) =>
  appTester((async (z: never) => tagPlanFor(z, TAG_INPUTS.schema.parse({ contact_id: '2841', ...input }))) as never, { meta: {} } as never);

describe('lifecycle tag plans', () => {
  it('applies the status and booking tags and removes the other generic statuses', async () => {
    await expect(plan({ booking_status: 'Rescheduled', booking_id: 'BKNG-1', tags: ['VIP'] })).resolves.toEqual({
      apply: ['VIP', 'Rescheduled', 'Rescheduled (Booking ID: BKNG-1)'],
      remove: ['Scheduled', 'Completed', 'Canceled', 'No-show'],
      createMissing: true,
      category: undefined,
    });
  });

  it('accepts OnceHub spellings of statuses', async () => {
    const result = (await plan({ booking_status: 'no_show', booking_id: 'BKNG-1' })) as { apply: string[] };
    expect(result.apply).toEqual(['No-show', 'No-show (Booking ID: BKNG-1)']);
  });

  it('never removes a tag it is applying, and dedupes names case-insensitively', async () => {
    await expect(plan({ tags: 'vip, VIP ,Lead', remove_tags: ['lead', 'Old'] })).resolves.toMatchObject({
      apply: ['vip', 'Lead'],
      remove: ['Old'],
    });
  });

  it('asks for the missing half of lifecycle mode', async () => {
    const error = await rejection(plan({ booking_status: 'Completed' }));
    expect(error.message).toContain('Booking ID (booking_id) is empty');
  });

  it('refuses a step that would do nothing', async () => {
    const error = await rejection(plan({}));
    expect(error.message).toContain('add at least one tag in Tags (tags)');
  });
});

describe('status spellings', () => {
  it.each([
    ['scheduled', 'Scheduled'],
    ['CANCELLED', 'Canceled'],
    ['No Show', 'No-show'],
    ['no_show', 'No-show'],
  ])('reads %j as %j', (given, expected) => {
    expect(bookingStatusSchema.parse(given)).toBe(expected);
  });

  it('keeps the reassigned variants for events', () => {
    expect(eventStatusSchema.parse('rescheduled (reassigned by user)')).toBe('Rescheduled (Reassigned by User)');
    expect(bookingStatusSchema.safeParse('Scheduled (Reassigned by User)').success).toBe(false);
  });
});
