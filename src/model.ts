import { z } from 'zod';

/**
 * The provider-neutral shapes every operation speaks: booking statuses, and what the steps output.
 * The inputs are declared in src/inputs.ts; types are inferred from schemas, never restated.
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

/** Which contact an Apply Tag or Create Activity Event step acts on, once found. */
export type ContactRef = { id: string; object_type?: string; email?: string };

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
  /** Lifecycle mode with Status Changed At: the change this step stands for, and its booking tag. */
  statusChange?: { status: BookingStatus; at: string; bookingTag: string };
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

export type NoteResult = {
  id: string;
  crm: string;
  created: boolean;
  action: 'created' | 'updated' | 'skipped_stale';
  booking_id: string;
  title: string;
  contact_id: string;
  url: string;
  [key: string]: unknown;
};

export type CampaignMemberResult = {
  id: string;
  crm: string;
  action: 'added' | 'updated' | 'unchanged';
  campaign_id: string;
  campaign_name: string | null;
  contact_id: string;
  status: string;
  url: string;
};

export type CaseResult = {
  id: string;
  crm: string;
  created: boolean;
  action: 'created' | 'updated';
  case_number: string | null;
  status: string | null;
  booking_id: string;
  contact_id: string;
  url: string;
  warnings: string[];
};

export type Choice = { id: string; name: string };
