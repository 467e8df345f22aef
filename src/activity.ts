import type { ZObject } from 'zapier-platform-core';
import { ACTIVITY, DEFAULT_DURATION_MINUTES, type ActivityInput, type ActivityPlan } from './inputs';
import { named } from './input';
import { timeZoneProblem } from './time-zones';
import { invalidInput } from './kit';


const HAS_OFFSET = /(z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/** Offset of `zone` from UTC at the instant `utcMs`, in milliseconds. */
const zoneOffsetMs = (utcMs: number, zone: string): number => {
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
      .formatToParts(new Date(utcMs))
      .map((part) => [part.type, Number(part.value)]),
  );
  return Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) - utcMs;
};

/**
 * Reads a date-time the way a person means it: with an offset it is exact; without one it is
 * wall-clock time in `zone` (the booking's time zone) or UTC when no zone is given.
 */
export const parseDateTime = (value: string, zone?: string): number | undefined => {
  const text = value.trim();
  const local = text.match(LOCAL_DATE_TIME);
  if (local && !HAS_OFFSET.test(text)) {
    const [, y, mo, d, h = '0', mi = '0', s = '0'] = local;
    const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    if (Number.isNaN(wall)) return undefined;
    if (!zone || zone === 'UTC') return wall;
    const guess = wall - zoneOffsetMs(wall, zone);
    return wall - zoneOffsetMs(guess, zone);
  }
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
};


/** Status Changed At as an ISO-8601 UTC instant; an unreadable value is an error naming the field. */
export const statusChangedAt = (z: ZObject, value: string | undefined, zone?: string): string | undefined => {
  if (value === undefined) return undefined;
  const at = parseDateTime(value, zone);
  if (at === undefined) {
    throw invalidInput(
      z,
      `${named(ACTIVITY.status_updated_at)} is not a date and time; got "${value.slice(0, 60)}". Map Last Updated At from the New Booking trigger.`,
    );
  }
  return new Date(at).toISOString();
};

/**
 * An activity carries a marker per booking it stands for (the booking and those it replaced by
 * rescheduling), so the booking's later deliveries find it again, whichever ID they carry.
 */
export const bookingMarker = (bookingId: string): string => `[OnceHub booking ${bookingId}]`;

const MARKER = /\[OnceHub booking ([^\]]+)\]/g;

export const markedBookings = (text: string | null | undefined): string[] => [...(text ?? '').matchAll(MARKER)].map((match) => match[1]!);

/** A line of markers only, as markerLine writes it. */
export const isMarkerLine = (line: string): boolean => markedBookings(line).length > 0 && line.replace(MARKER, '').trim() === '';

/** The bookings of a chain this step knows: its own, and the one it replaces (a reschedule). */
export const chainBookingIds = (activity: { booking_id: string; previous_booking_id?: string }): string[] =>
  [activity.booking_id, activity.previous_booking_id].filter((id): id is string => Boolean(id));

/** The record among these that one of the chain's bookings marks, the booking's own first. */
export const chainRecord = <T>(records: T[], chain: { booking_id: string; previous_booking_id?: string }, textOf: (record: T) => string | null | undefined): T | undefined => {
  for (const id of chainBookingIds(chain)) {
    const found = records.find((record) => markedBookings(textOf(record)).includes(id));
    if (found) return found;
  }
  return undefined;
};

export const markerLine = (bookingIds: Array<string | undefined>): string =>
  [...new Set(bookingIds.filter((id): id is string => Boolean(id)))].map(bookingMarker).join(' ');

/** Resolves start, end and duration into exact UTC times; every failure names its field. */
export const activityPlanFor = (z: ZObject, input: ActivityInput): ActivityPlan => {
  const zoneProblem = timeZoneProblem(input.time_zone, ACTIVITY.time_zone);
  if (zoneProblem) throw invalidInput(z, zoneProblem);
  const readable = 'Use ISO 8601, such as 2026-11-23T15:00:00Z, or map the time from the trigger.';
  const start = parseDateTime(input.start_time, input.time_zone);
  if (start === undefined) throw invalidInput(z, `${named(ACTIVITY.start_time)} is not a date and time; got "${input.start_time}". ${readable}`);
  let end = input.end_time ? parseDateTime(input.end_time, input.time_zone) : undefined;
  if (input.end_time && end === undefined) {
    throw invalidInput(z, `${named(ACTIVITY.end_time)} is not a date and time; got "${input.end_time}". ${readable}`);
  }
  if (end === undefined) end = start + (input.duration_minutes ?? DEFAULT_DURATION_MINUTES) * 60_000;
  if (end <= start) throw invalidInput(z, `${named(ACTIVITY.end_time)} must be after ${named(ACTIVITY.start_time)}.`);

  const statusUpdatedAt = statusChangedAt(z, input.status_updated_at, input.time_zone);

  const { start_time: _start, end_time: _end, duration_minutes: _duration, status, status_updated_at: _changed, ...rest } = input;
  return {
    ...rest,
    ...(statusUpdatedAt ? { status_updated_at: statusUpdatedAt } : {}),
    status: status ?? 'Scheduled',
    start_time: new Date(start).toISOString(),
    end_time: new Date(end).toISOString(),
    duration_minutes: Math.round((end - start) / 60_000),
  };
};
