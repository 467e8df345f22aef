import { z } from 'zod';
import { asBoolean, asNumber, BOOLEAN_HINT, NUMBER_HINT } from './coerce';

/**
 * The provider-neutral shapes every operation speaks. Operations parse `bundle.inputData`
 * into these (src/input.ts turns zod issues into messages that name the field), and each CRM
 * provider maps them to its own API. Types are inferred from these schemas, never restated.
 */

/** Booking lifecycle statuses, spelled as users see them in both CRMs. */
export const BOOKING_STATUSES = ['Scheduled', 'Rescheduled', 'Completed', 'Canceled', 'No-show'] as const;
/** Accepts OnceHub's own spellings too (`no_show`, `canceled`, `Cancelled`, `No Show`). */
export const canonicalStatus = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  const key = value.trim().toLowerCase().replace(/[\s_-]+/g, '').replace('cancelled', 'canceled');
  const reassigned = key.endsWith('(reassignedbyuser)');
  const base = key.replace('(reassignedbyuser)', '');
  const status = BOOKING_STATUSES.find((s) => s.toLowerCase().replace('-', '') === base);
  if (!status) return value.trim();
  return reassigned ? `${status} (Reassigned by User)` : status;
};

export const bookingStatusSchema = z.preprocess(canonicalStatus, z.enum(BOOKING_STATUSES));
export type BookingStatus = z.infer<typeof bookingStatusSchema>;

/** Salesforce's Event status also records reassignment, as OnceHub's native connector does. */
export const EVENT_STATUSES = [
  ...BOOKING_STATUSES,
  'Scheduled (Reassigned by User)',
  'Rescheduled (Reassigned by User)',
] as const;
export const eventStatusSchema = z.preprocess(canonicalStatus, z.enum(EVENT_STATUSES));
export type EventStatus = z.infer<typeof eventStatusSchema>;

/** Zapier maps numbers and true/false from earlier steps into text inputs: they are text here. */
const asText = (value: unknown): unknown =>
  (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' ? String(value) : value;
/** Boolean and number inputs take the strings mapped text and `inputDataRaw` carry. */
const booleanInput = z.preprocess((value) => asBoolean(value) ?? value, z.boolean({ error: BOOLEAN_HINT }));
const numberInput = z.preprocess((value) => asNumber(value) ?? value, z.number({ error: NUMBER_HINT }));
const textValue = z.string({ error: 'must be text, not a list or an object' }).trim();
const requiredText = (error: string) => z.preprocess(asText, textValue.min(1, { error }));
const text = z.preprocess(asText, textValue.min(1)).optional();

/**
 * Only what cannot be an address is refused here: no @, a space, or a domain without a dot.
 * Salesforce documents every RFC local-part character (`ann_100%@example.com`, `!#$%&'*+/=?^_{|}~-`)
 * and internationalised addresses (`jörg@example.de`) as valid (knowledge articles 000001145,
 * 000384328); the CRM judges the rest, and its answer is shown in plain words.
 */
const EMAIL_SHAPE = /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]+$/u;
const emailSchema = z.string().trim().toLowerCase().regex(EMAIL_SHAPE, {
  error: 'is not an email address (it needs one @, no spaces and a domain with a dot, such as name@example.com)',
});

export const contactInputSchema = z.object({
  email: emailSchema,
  first_name: text,
  last_name: text,
  phone: text,
  mobile_phone: text,
  company: text,
  job_title: text,
  website: text,
  address_line1: text,
  address_line2: text,
  city: text,
  region: text,
  postal_code: text,
  country_code: text,
  time_zone: text,
  lead_source: text,
  lead_source_category: text,
  contact_type: text,
  owner_id: text,
  opt_in_reason: text,
  match_on: z.enum(['email', 'email_and_name']).default('email'),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

export const findContactInputSchema = z.object({
  email: contactInputSchema.shape.email,
  record_type: z.enum(['any', 'Lead', 'Contact', 'PersonAccount']).default('any'),
});
export type FindContactInput = z.infer<typeof findContactInputSchema>;

/** A contact as every operation outputs it; providers add the fields they store. */
export const contactRecordSchema = z
  .object({
    id: z.string(),
    crm: z.string(),
    object_type: z.string(),
    created: z.boolean(),
    email: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    url: z.string(),
  })
  .catchall(z.unknown());
export type ContactRecord = z.infer<typeof contactRecordSchema>;

/** Which contact an Apply Tag or Create Activity Event step acts on. */
export const contactRefSchema = z
  .object({ contact_id: text, email: contactInputSchema.shape.email.optional() })
  .refine((ref) => ref.contact_id || ref.email, {
    error: 'or Email (email): one of them is required. Map the Contact ID from an earlier Upsert Contact or Find Contact step, or the person\'s email',
    path: ['contact_id'],
  });
export type ContactRef = { id: string; object_type?: string; email?: string };

/** Each tag costs API calls; a mapped line-item list of thousands would exhaust the CRM's rate limit. */
export const MAX_TAGS_PER_STEP = 100;
/** Keap's documented limit for tag and tag category names. */
export const MAX_TAG_LENGTH = 255;

const list = z
  .union([z.array(z.string()), z.string()])
  .optional()
  .transform((value) =>
    (Array.isArray(value) ? value : value ? value.split(',') : []).map((item) => item.trim()).filter(Boolean),
  )
  .pipe(
    z.array(z.string().max(MAX_TAG_LENGTH, { error: `has a tag longer than ${MAX_TAG_LENGTH} characters, which Keap does not accept` })).max(MAX_TAGS_PER_STEP, {
      error: `holds more than ${MAX_TAGS_PER_STEP} tags; one step handles at most ${MAX_TAGS_PER_STEP}, so split them across steps`,
    }),
  );

export const tagInputSchema = z.object({
  tags: list,
  remove_tags: list,
  create_missing_tags: booleanInput.default(true),
  tag_category: z.string().trim().min(1).max(MAX_TAG_LENGTH, { error: `is longer than ${MAX_TAG_LENGTH} characters` }).optional(),
  booking_status: bookingStatusSchema.optional(),
  booking_id: text,
  status_updated_at: text,
});
export type TagInput = z.infer<typeof tagInputSchema>;

export const TAG_OUTCOMES = ['applied', 'already_present', 'created', 'removed', 'not_present'] as const;
export type TagOutcome = (typeof TAG_OUTCOMES)[number];
export type TagResult = {
  contact_id: string;
  tags: Array<{ id: string; name: string; status: TagOutcome }>;
  /** Lifecycle mode with a status time: `skipped_stale` when the contact already carries a newer status. */
  action?: 'applied' | 'skipped_stale';
};

/** What a provider is asked to do with tags after names are expanded (lifecycle mode included). */
export type TagPlan = {
  apply: string[];
  remove: string[];
  createMissing: boolean;
  category?: string;
  /** Lifecycle mode with Status Changed At: the change this step stands for, and its booking tag. */
  statusChange?: { status: BookingStatus; at: string; bookingTag: string };
};

export const activityInputSchema = z.object({
  booking_id: requiredText('is required: map the booking ID from the trigger'),
  previous_booking_id: text,
  subject: text,
  start_time: requiredText('is required'),
  end_time: text,
  duration_minutes: numberInput.pipe(z.number().int({ error: 'must be a whole number of minutes' }).positive().max(14 * 24 * 60)).optional(),
  time_zone: text,
  location: text,
  conferencing_url: text,
  description: text,
  status: eventStatusSchema.optional(),
  status_updated_at: text,
  cancel_reschedule_reason: text,
  owner_id: text,
  activity_type: text,
  priority: text,
});
export type ActivityInput = z.infer<typeof activityInputSchema>;

/** An activity input after times are resolved: start, end and the status time are ISO-8601 UTC instants. */
export type ActivityPlan = Omit<ActivityInput, 'start_time' | 'end_time' | 'duration_minutes'> & {
  start_time: string;
  end_time: string;
  duration_minutes: number;
  status: EventStatus;
};

export type ActivityResult = {
  id: string;
  crm: string;
  created: boolean;
  action: 'created' | 'updated' | 'deleted' | 'skipped_stale';
  status: string;
  booking_id: string;
  url: string;
  [key: string]: unknown;
};

export type Choice = { id: string; name: string };
