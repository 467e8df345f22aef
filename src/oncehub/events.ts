import type { ZObject } from 'zapier-platform-core';
import { shorten } from '../kit';
import type { BookingStatus } from '../model';
import { invalidInput } from '../kit';

/** OnceHub's booking status spellings (API v2) and the CRM-facing spelling each one maps to. */
export const STATUS_LABELS: Record<string, BookingStatus> = {
  scheduled: 'Scheduled',
  rescheduled: 'Rescheduled',
  completed: 'Completed',
  canceled: 'Canceled',
  no_show: 'No-show',
};

type EventInfo = {
  label: string;
  /**
   * The CRM status the event means, or `undefined` to take the booking's own status: a
   * reassignment keeps whatever status the booking had, and for "canceled then rescheduled"
   * OnceHub does not document whether the canceled or the new booking is delivered.
   */
  status?: BookingStatus;
  /** Booking statuses (API spelling) a booking can have after this event; picks samples in performList. */
  listStatuses: string[];
};

/** Every booking webhook event OnceHub API v2 delivers (`booking` is the composite subscription). */
export const BOOKING_EVENTS: Record<string, EventInfo> = {
  'booking.scheduled': { label: 'Booking scheduled', status: 'Scheduled', listStatuses: ['scheduled'] },
  'booking.rescheduled': { label: 'Booking rescheduled', status: 'Rescheduled', listStatuses: ['rescheduled'] },
  'booking.canceled': { label: 'Booking canceled', status: 'Canceled', listStatuses: ['canceled'] },
  'booking.canceled_then_rescheduled': {
    label: 'Booking canceled then rescheduled (customer rebooked elsewhere)',
    listStatuses: ['canceled', 'scheduled'],
  },
  'booking.canceled_reschedule_requested': {
    label: 'Booking canceled with reschedule requested',
    status: 'Canceled',
    listStatuses: ['canceled'],
  },
  'booking.completed': { label: 'Booking completed', status: 'Completed', listStatuses: ['completed'] },
  'booking.no_show': { label: 'Booking marked no-show', status: 'No-show', listStatuses: ['no_show'] },
  'booking.reassigned': { label: 'Booking reassigned', listStatuses: ['scheduled', 'rescheduled'] },
};

export const ALL_BOOKING_EVENTS = 'booking';
/**
 * OnceHub's composite `booking` subscription covers seven events; its webhook docs do not list
 * `booking.reassigned` among them (unconfirmed on a live account), so "All" asks for it by name too.
 */
const ALL_BOOKING_SUBSCRIPTION = [ALL_BOOKING_EVENTS, 'booking.reassigned'];

const isBookingEvent = (event: string) => Object.hasOwn(BOOKING_EVENTS, event);
export const DEFAULT_EVENT = 'booking.scheduled';

export const EVENT_CHOICES = [
  ...Object.entries(BOOKING_EVENTS).map(([value, { label }]) => ({ value, label, sample: value })),
  { value: ALL_BOOKING_EVENTS, label: 'All booking lifecycle events', sample: ALL_BOOKING_EVENTS },
];

/** The same booking event arrives once per status change, so only a new booking is keyed by its id alone. */
export const isNewBookingEvent = (event: string) => event === DEFAULT_EVENT;

/**
 * Reads the Events input (a list, one value, or comma-separated text) into the list to
 * subscribe to. Choosing "All" makes any other choice redundant, so it stands alone (with reassignments).
 */
export const chosenEvents = (z: ZObject, value: unknown): string[] => {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  const events = [...new Set(raw.map((v) => String(v).trim()).filter(Boolean))];
  if (events.length === 0) return [DEFAULT_EVENT];
  const unknown = events.filter((e) => e !== ALL_BOOKING_EVENTS && !isBookingEvent(e));
  if (unknown.length) {
    throw invalidInput(z, `Events (events) has a value OnceHub does not send: ${unknown.slice(0, 3).map((e) => `"${shorten(e)}"`).join(', ')}. ` +
        'Choose booking events from the dropdown, for example "Booking scheduled".');
  }
  return events.includes(ALL_BOOKING_EVENTS) ? ALL_BOOKING_SUBSCRIPTION : events;
};

/** Whether a delivered event is one the user chose (a subscription can outlive an edit of the step). */
export const isChosen = (event: string, chosen: string[]) =>
  chosen.includes(ALL_BOOKING_EVENTS) ? isBookingEvent(event) : chosen.includes(event);
