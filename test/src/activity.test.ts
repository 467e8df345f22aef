import { createAppTester } from 'zapier-platform-core';
import App from '../../index';
import { activityPlanFor, parseDateTime } from '../../src/activity';
import { ACTIVITY_INPUTS } from '../../src/inputs';
import { rejection } from '../helpers/errors';

const appTester = createAppTester(App);
const plan = (input: Record<string, unknown>) =>
  appTester((async (z: never) => activityPlanFor(z, ACTIVITY_INPUTS.schema.parse({ contact_id: '2841', booking_id: 'BKNG-1', ...input }))) as never, {
    meta: {},
  } as never) as Promise<Record<string, unknown>>;

describe('activity times', () => {
  it('keeps exact instants and derives the duration from the end time', async () => {
    await expect(plan({ start_time: '2026-11-23T15:00:00Z', end_time: '2026-11-23T16:15:00+01:00' })).resolves.toMatchObject({
      start_time: '2026-11-23T15:00:00.000Z',
      end_time: '2026-11-23T15:15:00.000Z',
      duration_minutes: 15,
      status: 'Scheduled',
    });
  });

  it('computes the end from the duration, defaulting to 30 minutes', async () => {
    await expect(plan({ start_time: '2026-11-23T15:00:00Z', duration_minutes: '45' })).resolves.toMatchObject({
      end_time: '2026-11-23T15:45:00.000Z',
    });
    await expect(plan({ start_time: '2026-11-23T15:00:00Z' })).resolves.toMatchObject({ duration_minutes: 30 });
  });

  it('reads a time without an offset as wall-clock time in the given zone, across DST', () => {
    expect(new Date(parseDateTime('2026-07-01T09:00', 'America/New_York')!).toISOString()).toBe('2026-07-01T13:00:00.000Z');
    expect(new Date(parseDateTime('2026-12-01 09:00:00', 'America/New_York')!).toISOString()).toBe('2026-12-01T14:00:00.000Z');
    expect(new Date(parseDateTime('2026-12-01T09:00', undefined)!).toISOString()).toBe('2026-12-01T09:00:00.000Z');
  });

  it.each([
    [{ start_time: 'next tuesday-ish' }, 'Start Time (start_time) is not a date and time; got "next tuesday-ish"'],
    [{ start_time: '2026-11-23T15:00:00Z', end_time: 'soon' }, 'End Time (end_time) is not a date and time'],
    [{ start_time: '2026-11-23T15:00:00Z', end_time: '2026-11-23T14:00:00Z' }, 'End Time (end_time) must be after Start Time'],
    [{ start_time: '2026-11-23T15:00:00Z', time_zone: 'Mars/Olympus' }, 'Time Zone (time_zone) must be an IANA time zone'],
  ])('rejects %j with a message naming the field', async (input, expected) => {
    const error = await rejection(plan(input));
    expect(error.message).toContain(expected);
  });
});
