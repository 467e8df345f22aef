import { z } from 'zod';
import { splitName } from '../names';
import { BOOKING_EVENTS, isNewBookingEvent, STATUS_LABELS } from './events';

/**
 * The OnceHub booking as the API (GET /bookings) and webhooks deliver it, validated at the
 * boundary: unknown fields pass, and any field may be null or absent. Only `id` is required.
 * Expandable references arrive as an id string or as the expanded object.
 */
const text = z.string().nullish();

const ref = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.union([z.string(), z.looseObject({ id: text, ...shape })]).nullish();

const customFieldsSchema = z
  .array(z.looseObject({ name: z.string(), value: z.unknown() }))
  .nullish();

export const bookingSchema = z.looseObject({
  id: z.string().min(1),
  tracking_id: text,
  subject: text,
  status: text,
  creation_time: text,
  starting_time: text,
  last_updated_time: text,
  customer_timezone: text,
  duration_minutes: z.number().nullish(),
  virtual_conferencing: z.looseObject({ join_url: text }).nullish(),
  location_description: text,
  rescheduled_booking_id: text,
  cancel_reschedule_url: text,
  cancel_reschedule_information: z.looseObject({ reason: text, actioned_by: text }).nullish(),
  form_submission: z
    .looseObject({
      name: text,
      email: text,
      phone: text,
      mobile_phone: text,
      company: text,
      note: text,
      guests: z.array(z.string()).nullish(),
      custom_fields: customFieldsSchema,
    })
    .nullish(),
  owner: ref({ first_name: text, last_name: text, email: text }),
  booking_page: ref({ name: text, label: text }),
  master_page: ref({ name: text, label: text }),
  event_type: ref({ name: text }),
});
export type Booking = z.infer<typeof bookingSchema>;

export const webhookEventSchema = z.looseObject({
  id: z.string().min(1),
  type: z.string().min(1),
  creation_time: text,
  api_version: text,
  data: bookingSchema,
});

/** "Company size (employees)" → "company_size_employees": stable keys a zap can map. */
export const customFieldKey = (name: string) =>
  `custom_field_${
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'unnamed'
  }`;

const fieldValue = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(fieldValue).filter(Boolean).join(', ');
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
};

/** One key per form custom field; a repeated name gets a numeric suffix instead of overwriting. */
const customFieldOutputs = (fields: z.infer<typeof customFieldsSchema>) => {
  const out: Record<string, string> = {};
  for (const field of fields ?? []) {
    const base = customFieldKey(field.name);
    let key = base;
    for (let n = 2; key in out; n += 1) key = `${base}_${n}`;
    out[key] = fieldValue(field.value);
  }
  return out;
};

type Expanded = Record<string, unknown> & { id?: string | null };
const expanded = (value: string | Expanded | null | undefined): Expanded =>
  value && typeof value === 'object' ? value : {};
const refId = (value: string | Expanded | null | undefined): string =>
  typeof value === 'string' ? value : (expanded(value).id ?? '');
const str = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Start + duration, in the same second-precision UTC form OnceHub uses. */
const endingTime = (start: string, minutes: number | null | undefined): string => {
  const ms = Date.parse(start);
  if (!start || Number.isNaN(ms) || typeof minutes !== 'number') return '';
  return new Date(ms + minutes * 60_000).toISOString().replace('.000Z', 'Z');
};

/** The CRM-facing status for an event: the event's own meaning, else the booking's status. */
const statusFor = (event: string, booking: Booking): string => {
  const own = <T>(table: Record<string, T>, key: string | null | undefined) =>
    key && Object.hasOwn(table, key) ? table[key] : undefined;
  return own(BOOKING_EVENTS, event)?.status ?? own(STATUS_LABELS, booking.status) ?? '';
};

/**
 * Flattens a booking into the record a zap maps into CRM steps. `id` is Zapier's dedupe key: a
 * new booking runs once per booking, a lifecycle event once per status change
 * (`<booking id>:<event>:<last_updated_time>`), and a redelivery of the same change repeats its
 * id. The event is part of the key because OnceHub's times have one-second precision: a
 * completion and a no-show in the same second are two changes, not one.
 */
export const bookingRecord = (event: string, booking: Booking) => {
  const form = booking.form_submission ?? {};
  const owner = expanded(booking.owner);
  const bookingPage = expanded(booking.booking_page);
  const masterPage = expanded(booking.master_page);
  const eventType = expanded(booking.event_type);
  const pageLabel = (page: Expanded) => str(page.label) || str(page.name);
  const labels = {
    master_page_label: pageLabel(masterPage),
    event_type_name: str(eventType.name),
    booking_page_label: pageLabel(bookingPage),
  };
  const customerName = str(form.name);
  const { first_name, last_name } = splitName(customerName);
  const startingTime = str(booking.starting_time);
  const updated = str(booking.last_updated_time);
  return {
    id: isNewBookingEvent(event) ? booking.id : [booking.id, event, updated].filter(Boolean).join(':'),
    booking_id: booking.id,
    event,
    status: statusFor(event, booking),
    reassigned: event === 'booking.reassigned',
    subject: str(booking.subject),
    starting_time: startingTime,
    ending_time: endingTime(startingTime, booking.duration_minutes),
    duration_minutes: booking.duration_minutes ?? null,
    customer_timezone: str(booking.customer_timezone),
    customer_name: customerName,
    customer_first_name: first_name,
    customer_last_name: last_name,
    customer_email: str(form.email),
    customer_phone: str(form.phone),
    customer_mobile_phone: str(form.mobile_phone),
    customer_company: str(form.company),
    customer_note: str(form.note),
    guests: (form.guests ?? []).map(str).filter(Boolean).join(', '),
    location: str(booking.location_description),
    conferencing_url: str(booking.virtual_conferencing?.join_url),
    cancel_reschedule_reason: str(booking.cancel_reschedule_information?.reason),
    actioned_by: str(booking.cancel_reschedule_information?.actioned_by),
    cancel_reschedule_url: str(booking.cancel_reschedule_url),
    owner_id: refId(booking.owner),
    owner_name: [str(owner.first_name), str(owner.last_name)].filter(Boolean).join(' '),
    owner_email: str(owner.email),
    booking_page_id: refId(booking.booking_page),
    master_page_id: refId(booking.master_page),
    event_type_id: refId(booking.event_type),
    ...labels,
    lead_source: [labels.master_page_label, labels.event_type_name, labels.booking_page_label].filter(Boolean).join(' > '),
    rescheduled_booking_id: str(booking.rescheduled_booking_id),
    tracking_id: str(booking.tracking_id),
    creation_time: str(booking.creation_time),
    last_updated_time: updated,
    ...customFieldOutputs(form.custom_fields),
  };
};
export type BookingRecord = ReturnType<typeof bookingRecord>;

/** Short, value-free description of why a body failed validation (customer data stays out of logs). */
export const describeIssues = (error: z.ZodError): string =>
  error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`)
    .join('; ');
