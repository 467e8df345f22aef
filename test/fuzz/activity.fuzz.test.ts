import fc from 'fast-check';
import { activityPlanFor, parseDateTime } from '../../src/activity';
import { isTimeZone } from '../../src/time-zones';
import { parseInput } from '../../src/input';
import { ACTIVITY_INPUTS } from '../../src/inputs';
import { anyMapped, FUZZ, nastyString, withZ } from './support';
import { seenError } from '../helpers/errors';

const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo'];
const instant = fc.date({ min: new Date('1971-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true });

/** Wall-clock fields of `ms` in `zone`, as "YYYY-MM-DDTHH:mm:ss". */
const wallClock = (ms: number, zone: string) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}`;
};

const FIELDS = ['start_time', 'end_time', 'time_zone', 'duration_minutes', 'booking_id', 'status'];

describe('fuzzed dates, time zones and durations', () => {
  it('reads any instant written with Z or an offset exactly', () =>
    fc.assert(
      fc.property(instant, fc.integer({ min: -14 * 60, max: 14 * 60 }), (date, offsetMinutes) => {
        const ms = Math.floor(date.getTime() / 1000) * 1000;
        const shifted = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 19);
        const sign = offsetMinutes < 0 ? '-' : '+';
        const abs = Math.abs(offsetMinutes);
        const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
        expect(parseDateTime(`${shifted}${offset}`)).toBe(ms);
        expect(parseDateTime(`${new Date(ms).toISOString()}`, 'Asia/Kolkata')).toBe(ms);
      }),
      FUZZ,
    ));

  it('reads wall-clock time in the booking time zone: the instant shows that wall time there', () =>
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (date, zone) => {
        const ms = Math.floor(date.getTime() / 1000) * 1000;
        const wall = wallClock(ms, zone);
        const parsed = parseDateTime(wall, zone);
        expect(parsed).toBeDefined();
        // In the repeated hour of a DST fall-back either instant is right; both show the same wall time.
        expect(wallClock(parsed!, zone)).toBe(wall);
      }),
      FUZZ,
    ));

  it('never throws while parsing arbitrary text, with or without a zone', () =>
    fc.assert(
      fc.property(nastyString(), fc.constantFrom(undefined, ...ZONES), (text, zone) => {
        const parsed = parseDateTime(text, zone);
        if (parsed !== undefined) expect(Number.isFinite(parsed)).toBe(true);
      }),
      FUZZ,
    ));

  it('plans a valid event or names the field to fix, for any mapped start, end, zone and duration', () =>
    withZ((z) =>
      fc.assert(
        fc.property(
          fc.record({
            start_time: fc.oneof(instant.map((d) => d.toISOString()), anyMapped()),
            end_time: fc.oneof(instant.map((d) => d.toISOString()), anyMapped(), fc.constant(undefined)),
            time_zone: fc.oneof(fc.constantFrom(...ZONES, 'Mars/Olympus', 'EST5EDT', 'utc'), anyMapped(), fc.constant(undefined)),
            duration_minutes: fc.oneof(fc.integer({ min: -5, max: 30_000 }), anyMapped(), fc.constant(undefined)),
          }),
          (input) => {
            let plan;
            try {
              plan = activityPlanFor(z, parseInput(z, ACTIVITY_INPUTS, { contact_id: '2841', booking_id: 'BKNG-1', ...input }));
            } catch (error) {
              const seen = seenError(error);
              expect(seen.name).toBe('AppError');
              expect(FIELDS.some((field) => seen.message.includes(`(${field})`))).toBe(true);
              expect(seen.message.length).toBeLessThan(500);
              return;
            }
            const start = Date.parse(plan.start_time);
            const end = Date.parse(plan.end_time);
            expect(plan.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
            expect(plan.end_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
            expect(end).toBeGreaterThan(start);
            expect(plan.duration_minutes).toBe(Math.round((end - start) / 60_000));
            if (plan.time_zone) expect(isTimeZone(plan.time_zone)).toBe(true);
          },
        ),
        FUZZ,
      ),
    ));
});
