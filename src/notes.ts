import type { ZObject } from 'zapier-platform-core';
import { chainBookingIds, markedBookings, markerLine, statusChangedAt } from './activity';
import type { NoteInput } from './inputs';
import { isOlderChange, readStatusChangedAt, statusChangedLine } from './lifecycle';

/**
 * A booking's note, the same on every CRM: a title with the status, the booking's details and the
 * customer's form answers, and the connector's lines that let later deliveries find the note again
 * (one marker per booking of the chain) and tell a late delivery from a new one.
 */
export type NotePlan = {
  booking_id: string;
  previous_booking_id?: string;
  status?: string;
  /** When the status changed (ISO-8601 UTC), for skipping a late delivery. */
  status_updated_at?: string;
  title: string;
  /** The note's text without the connector's lines; `noteText` adds them. */
  body: string;
};

export const notePlanFor = (z: ZObject, input: NoteInput): NotePlan => {
  const status = input.status;
  const at = statusChangedAt(z, input.status_updated_at);
  const heading = input.subject ?? `Booking ${input.booking_id}`;
  return {
    booking_id: input.booking_id,
    previous_booking_id: input.previous_booking_id,
    status,
    status_updated_at: at,
    title: status ? `${status}: ${heading}` : heading,
    body: [input.details, input.form_answers ? `Form answers:\n${input.form_answers}` : undefined].filter(Boolean).join('\n\n'),
  };
};

/** The bookings a note found again already stands for, and this step's. */
export const noteText = (plan: NotePlan, existingText?: string | null): string =>
  [
    plan.body,
    plan.status_updated_at ? statusChangedLine(plan.status_updated_at) : '',
    markerLine([...markedBookings(existingText), ...chainBookingIds(plan)]),
  ]
    .filter(Boolean)
    .join('\n\n');

/** True when the note already records a newer status than this delivery's. */
export const isStaleFor = (plan: NotePlan, existingTitle: string | null | undefined, existingText: string | null | undefined): boolean => {
  if (!plan.status || !plan.status_updated_at) return false;
  const recordedAt = readStatusChangedAt(existingText);
  const recordedStatus = (existingTitle ?? '').split(':')[0] ?? '';
  return isOlderChange({ status: plan.status, at: plan.status_updated_at }, recordedAt ? { status: recordedStatus, at: recordedAt } : undefined);
};
