import { z } from 'zod';
import { asBoolean, asNumber, BOOLEAN_HINT, NUMBER_HINT } from './coerce';
import { input, inputSet, named, type InputsOf } from './input';
import { BOOKING_STATUSES, bookingStatusSchema, eventStatusSchema, type EventStatus } from './model';
import { lookupDropdown } from './dropdowns';

/**
 * The inputs every CRM's form shares, each declared once: its Zapier field and its schema. The
 * operations show and parse these sets; the types providers receive are inferred from them.
 * Inputs only one CRM has are declared in that CRM's folder (`form.ts`).
 */

/** Zapier maps numbers and true/false from earlier steps into text inputs: they are text here. */
const asText = (value: unknown): unknown =>
  (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean' ? String(value) : value;
/** Boolean and number inputs take the strings mapped text and `inputDataRaw` carry. */
export const booleanValue = z.preprocess((value) => asBoolean(value) ?? value, z.boolean({ error: BOOLEAN_HINT }));
const numberValue = z.preprocess((value) => asNumber(value) ?? value, z.number({ error: NUMBER_HINT }));
const textValue = z.string({ error: 'must be text, not a list or an object' }).trim();
const requiredText = (error: string) => z.preprocess(asText, textValue.min(1, { error }));
/** Optional text: trimmed, and empty means absent. */
export const optionalText = z.preprocess(asText, textValue.min(1)).optional();

/** One of a fixed list, matched in any case; `fallback` when empty. */
export const oneOf = <const T extends readonly [string, ...string[]]>(allowed: T, fallback: T[number]) =>
  z
    .preprocess(
      (value) => (typeof value === 'string' ? (allowed.find((option) => option.toLowerCase() === value.trim().toLowerCase()) ?? value) : value),
      z.enum(allowed, { error: `must be one of ${allowed.join(', ')}` }),
    )
    .default(fallback as never);

/**
 * Only what cannot be an address is refused here: no @, a space, or a domain without a dot.
 * Salesforce documents every RFC local-part character (`ann_100%@example.com`, `!#$%&'*+/=?^_{|}~-`)
 * and internationalised addresses (`jörg@example.de`) as valid (knowledge articles 000001145,
 * 000384328); the CRM judges the rest, and its answer is shown in plain words.
 */
const EMAIL_SHAPE = /^[^\s@]+@(?:[^\s@.]+\.)+[^\s@.]+$/u;
const emailValue = z.string().trim().toLowerCase().regex(EMAIL_SHAPE, {
  error: 'is not an email address (it needs one @, no spaces and a domain with a dot, such as name@example.com)',
});

/** An activity with neither End Time nor Duration lasts this long. */
export const DEFAULT_DURATION_MINUTES = 30;

/** Each tag costs API calls; a mapped line-item list of thousands would exhaust the CRM's rate limit. */
export const MAX_TAGS_PER_STEP = 100;
/** Keap's documented limit for tag and tag category names. */
export const MAX_TAG_LENGTH = 255;

const tagList = z
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

const text = <const K extends string>(key: K, label: string, more: { helpText?: string; type?: 'text' } = {}) => input({ key, label, schema: optionalText, ...more });

/* Create or Update Contact */

export const CONTACT = {
  email: input({ key: 'email', label: 'Email', required: true, schema: emailValue, helpText: 'The contact is matched on this address (case-insensitive).' }),
  first_name: text('first_name', 'First Name'),
  last_name: text('last_name', 'Last Name'),
  name: text('name', 'Full Name', { helpText: 'Used only when First Name and Last Name are empty: split into first name and the rest as last name.' }),
  phone: text('phone', 'Phone'),
  mobile_phone: text('mobile_phone', 'Mobile Phone'),
  company: text('company', 'Company', { helpText: 'Salesforce writes it on Leads only: a Contact’s company is its Account.' }),
  job_title: text('job_title', 'Job Title'),
  website: text('website', 'Website', { helpText: 'Salesforce writes it on Leads and Person Accounts; Contacts have no Website field.' }),
  address_line1: text('address_line1', 'Address Line 1'),
  address_line2: text('address_line2', 'Address Line 2'),
  city: text('city', 'City'),
  country_code: input({
    key: 'country_code',
    label: 'Country',
    dynamic: lookupDropdown('country'),
    schema: optionalText,
    helpText: 'A country from the list, or an ISO code (US, USA) or English name; required when Region is set.',
  }),
  region: input({
    key: 'region',
    label: 'Region',
    dynamic: lookupDropdown('region'),
    schema: optionalText,
    helpText: 'State or province of the chosen Country (choose the Country first).',
  }),
  postal_code: text('postal_code', 'Postal Code'),
  lead_source: input({
    key: 'lead_source',
    label: 'Lead Source',
    dynamic: lookupDropdown('lead_source'),
    schema: optionalText,
    helpText: 'Choose one, or map the lead source from the New Booking trigger.',
  }),
  owner_id: input({ key: 'owner_id', label: 'Owner', dynamic: lookupDropdown('owner'), schema: optionalText }),
};
export const CONTACT_INPUTS = inputSet(Object.values(CONTACT));
export type ContactInput = InputsOf<typeof CONTACT_INPUTS>;

/** A contact's fields whatever the step: Create or Update Contact always has the email, Update Contact may not. */
export type ContactFields = Omit<ContactInput, 'email'> & { email?: string };

/* Update Contact */

const { email: _matchedOn, ...CONTACT_FIELDS } = CONTACT;

export const UPDATE = {
  contact_id: input({
    key: 'contact_id',
    label: 'Contact ID',
    required: true,
    dynamic: lookupDropdown('contact'),
    search: 'find_contact.id',
    schema: requiredText('is required: choose the contact, or map its ID from an earlier step'),
    helpText: 'The contact to update: choose one, or map its ID from an earlier step (a Salesforce Lead, Contact or Person Account ID).',
  }),
  email: input({
    key: 'email',
    label: 'Email',
    schema: emailValue.optional(),
    helpText: 'A new primary email. Leave empty to keep the contact’s email.',
  }),
  ...CONTACT_FIELDS,
};
export const UPDATE_INPUTS = inputSet(Object.values(UPDATE));
export type UpdateContactInput = InputsOf<typeof UPDATE_INPUTS>;

/* API Request */

export const API_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Rows a GET returns across pages: enough for a report, small enough for a Zapier step's output. */
export const MAX_ROWS_LIMIT = 1000;

/** A path below the connection's API root: no host, no query (that is Query's), no way up. */
const apiPath = z
  .string({ error: 'must be text' })
  .trim()
  .regex(/^\/[^?#\s]*$/, { error: 'must be a path that starts with / and has no host, query or spaces, such as /v2/contacts or /query' })
  .refine((path) => !path.split('/').some((segment) => segment === '..' || segment === '.' || /%2e|%2f|\\/i.test(segment)) && !path.includes('//'), {
    error: 'must stay below the connection’s API root (no "..", "//" or encoded slashes)',
  });

const jsonBody = z
  .string()
  .trim()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is not valid JSON; write an object such as {"name": "VIP"}' });
      return z.NEVER;
    }
  })
  .optional();

const queryParams = z
  .record(z.string(), z.preprocess(asText, z.string({ error: 'must hold text values' })))
  .optional();

export const API_REQUEST = {
  method: input({
    key: 'method',
    label: 'Method',
    required: true,
    choices: API_METHODS.map((method) => ({ value: method, label: method, sample: method })),
    default: 'GET',
    schema: oneOf(API_METHODS, 'GET'),
  }),
  path: input({
    key: 'path',
    label: 'Path',
    required: true,
    placeholder: '/v2/contacts',
    schema: apiPath,
    helpText:
      'Below the connection’s own API: Keap REST (`/v2/tags`, `/v1/campaigns`) or Salesforce REST on the connector’s API version (`/query`, `/sobjects/Opportunity/006…`). The connection signs the request; other hosts and the sign-in endpoints cannot be reached.',
  }),
  query: input({ key: 'query', label: 'Query', dict: true, schema: queryParams, helpText: 'Query parameters, such as `q` for a Salesforce SOQL query or `filter` for Keap.' }),
  body: input({ key: 'body', label: 'Body', type: 'text', schema: jsonBody, helpText: 'JSON sent with POST, PUT and PATCH.' }),
  max_rows: input({
    key: 'max_rows',
    label: 'Max Rows',
    type: 'integer',
    default: '100',
    schema: numberValue.pipe(z.number().int({ error: 'must be a whole number' }).min(1, { error: `must be from 1 to ${MAX_ROWS_LIMIT}` }).max(MAX_ROWS_LIMIT, { error: `must be from 1 to ${MAX_ROWS_LIMIT}` })).default(100),
    helpText: `GET only: how many rows to collect, following the API's pages (Keap page tokens and offsets, Salesforce query batches), from 1 to ${MAX_ROWS_LIMIT}.`,
  }),
};
export const API_REQUEST_INPUTS = inputSet(Object.values(API_REQUEST));
export type ApiRequestInput = InputsOf<typeof API_REQUEST_INPUTS>;

/* Find Contact by Email */

export const FIND = {
  email: input({ key: 'email', label: 'Email', required: true, schema: emailValue, helpText: 'Matched case-insensitively.' }),
};
export const FIND_INPUTS = inputSet(Object.values(FIND));
export type FindContactInput = InputsOf<typeof FIND_INPUTS>;

/* The contact an Apply Tag or Create Activity Event step acts on */

const contactRef = (subject: string) => ({
  contact_id: input({
    key: 'contact_id',
    label: 'Contact ID',
    dynamic: lookupDropdown('contact'),
    search: 'find_contact.id',
    schema: optionalText,
    helpText: `Contact ID or Email: one of them is required. ${subject}: choose one, map its ID from an earlier step, or leave this empty to find the contact by Email.`,
  }),
  email: input({
    key: 'email',
    label: 'Email',
    schema: emailValue.optional(),
    helpText: 'Contact ID or Email: one of them is required. Used to find the contact when Contact ID is empty.',
  }),
});

const CONTACT_REF = contactRef('The contact');
const oneContact = (values: { contact_id?: string; email?: string }) =>
  values.contact_id || values.email
    ? undefined
    : {
        key: CONTACT_REF.contact_id.key,
        message: `or ${named(CONTACT_REF.email)}: one of them is required. Map the Contact ID from an earlier Upsert Contact or Find Contact step, or the person's email`,
      };

/** When the booking's status changed, which lets a late delivery be told from a new one; `helpText` says what the step does with it. */
const statusChangedAt = (helpText: string) =>
  input({ key: 'status_updated_at', label: 'Status Changed At', type: 'datetime', schema: optionalText, helpText });

/** The booking a record stands for, and the one it replaces when rescheduled: the record's chain. */
const bookingChain = (record: string) => ({
  booking_id: input({
    key: 'booking_id',
    label: 'Booking ID',
    required: true,
    schema: requiredText('is required: map the booking ID from the trigger'),
    helpText: `Identifies the ${record}: the same booking (and its reschedules) always updates the same ${record}, never a second one.`,
  }),
  previous_booking_id: text('previous_booking_id', 'Previous Booking ID', {
    helpText: `For a rescheduled booking: the booking it replaces (Rescheduled Booking ID from the trigger), so its ${record} is updated.`,
  }),
});

/* Apply Tag */

export const TAGGING = {
  ...contactRef('The contact to tag'),
  tags: input({
    key: 'tags',
    label: 'Tags',
    list: true,
    dynamic: lookupDropdown('tag'),
    schema: tagList,
    helpText: 'Tags to apply: choose them, or type tag names or IDs. Names match case-insensitively.',
  }),
  create_missing_tags: input({
    key: 'create_missing_tags',
    label: 'Create Missing Tags',
    type: 'boolean',
    default: 'true',
    schema: booleanValue.default(true),
    helpText: 'Create a tag (Salesforce: a topic) that does not exist yet, once, instead of failing.',
  }),
  remove_tags: input({ key: 'remove_tags', label: 'Tags to Remove', list: true, dynamic: lookupDropdown('tag'), schema: tagList }),
  booking_status: input({
    key: 'booking_status',
    label: 'Booking Status',
    choices: BOOKING_STATUSES.map((status) => ({ value: status, sample: status, label: status })),
    schema: bookingStatusSchema.optional(),
    helpText:
      'Lifecycle mode: applies the status tag and "<Status> (Booking ID: <id>)", and removes the other status tags. Map Status from the New Booking trigger.',
  }),
  booking_id: text('booking_id', 'Booking ID', { helpText: 'Lifecycle mode: the booking the status belongs to.' }),
  status_updated_at: statusChangedAt(
    'Lifecycle mode: when the status changed; map Last Updated At from the New Booking trigger. A status older than the contact’s latest then only adds its booking tag and leaves the status tags as they are.',
  ),
};
export const TAG_INPUTS = inputSet(Object.values(TAGGING), oneContact);
export type TagInput = InputsOf<typeof TAG_INPUTS>;

/* Create or Update Activity Event */

/** Required first (the contact, the booking, its start), then times, the lifecycle, and what the activity says. */
const ACTIVITY_CHAIN = bookingChain('activity');

export const ACTIVITY = {
  ...contactRef('The contact the activity belongs to'),
  booking_id: ACTIVITY_CHAIN.booking_id,
  start_time: input({ key: 'start_time', label: 'Start Time', type: 'datetime', required: true, schema: requiredText('is required') }),
  end_time: input({ key: 'end_time', label: 'End Time', type: 'datetime', schema: optionalText, helpText: 'Or set Duration.' }),
  duration_minutes: input({
    key: 'duration_minutes',
    label: 'Duration (Minutes)',
    type: 'integer',
    schema: numberValue.pipe(z.number().int({ error: 'must be a whole number of minutes' }).positive().max(14 * 24 * 60)).optional(),
    helpText: `Used when End Time is empty; defaults to ${DEFAULT_DURATION_MINUTES} minutes.`,
  }),
  time_zone: text('time_zone', 'Time Zone', { helpText: 'IANA time zone (such as America/New_York) for times given without an offset.' }),
  previous_booking_id: ACTIVITY_CHAIN.previous_booking_id,
  status: input({
    key: 'status',
    label: 'Status',
    dynamic: lookupDropdown('event_status'),
    default: 'Scheduled',
    schema: eventStatusSchema.optional(),
    helpText: 'Scheduled, Rescheduled, Completed, Canceled or No-show. Map Status from the New Booking trigger.',
  }),
  status_updated_at: statusChangedAt(
    'When the status changed: map Last Updated At from the New Booking trigger. A status older than the one the activity already shows is then skipped, so a late or repeated delivery cannot turn it back.',
  ),
  cancel_reschedule_reason: text('cancel_reschedule_reason', 'Cancel/Reschedule Reason', { type: 'text' }),
  subject: text('subject', 'Subject'),
  location: text('location', 'Location'),
  conferencing_url: text('conferencing_url', 'Conferencing URL'),
  description: text('description', 'Description', { type: 'text' }),
  owner_id: input({ key: 'owner_id', label: 'Owner', dynamic: lookupDropdown('owner'), schema: optionalText }),
  activity_type: input({
    key: 'activity_type',
    label: 'Activity Type',
    dynamic: lookupDropdown('activity_type'),
    schema: optionalText,
    helpText: 'From your CRM’s own list. Keap defaults to Call.',
  }),
};
export const ACTIVITY_INPUTS = inputSet(Object.values(ACTIVITY), oneContact);
export type ActivityInput = InputsOf<typeof ACTIVITY_INPUTS>;

/* Create or Update Note */

export const NOTE = {
  ...contactRef('The contact the note is about'),
  ...bookingChain('note'),
  status: input({
    key: 'status',
    label: 'Status',
    dynamic: lookupDropdown('event_status'),
    schema: eventStatusSchema.optional(),
    helpText: 'Map Status from the New Booking trigger; the note’s title shows it.',
  }),
  status_updated_at: statusChangedAt(
    'When the status changed: map Last Updated At from the New Booking trigger. A status older than the one the note already shows is then skipped.',
  ),
  subject: text('subject', 'Subject', { helpText: 'The note’s title after the status, such as the meeting’s name.' }),
  details: text('details', 'Booking Details', {
    type: 'text',
    helpText: 'What the note says about the booking: map the time, location, conferencing link and owner from the trigger.',
  }),
  form_answers: text('form_answers', 'Form Answers', { type: 'text', helpText: 'The customer’s answers to the booking form, mapped from the trigger.' }),
};
export const NOTE_INPUTS = inputSet(Object.values(NOTE), oneContact);
export type NoteInput = InputsOf<typeof NOTE_INPUTS>;

/* Create or Update Case */

export const CASE = {
  ...contactRef('The person the case is for'),
  ...bookingChain('case'),
  subject: text('subject', 'Subject', { helpText: 'Defaults to "Booking <Booking ID>".' }),
  description: text('description', 'Description', { type: 'text', helpText: 'The booking’s details and the customer’s answers, mapped from the trigger.' }),
};
export const CASE_INPUTS = inputSet(Object.values(CASE), oneContact);
export type CaseInput = InputsOf<typeof CASE_INPUTS>;

/* Add Contact to Campaign */

export const CAMPAIGN_MEMBER = {
  ...contactRef('The Lead or Contact to add'),
  campaign_id: input({
    key: 'campaign_id',
    label: 'Campaign',
    required: true,
    dynamic: lookupDropdown('campaign'),
    schema: requiredText('is required: choose the campaign'),
    helpText: 'An active campaign, or map a Campaign ID.',
  }),
  member_status: input({
    key: 'member_status',
    label: 'Member Status',
    dynamic: lookupDropdown('campaign_member_status'),
    schema: optionalText,
    helpText: 'One of the campaign’s own statuses (choose the Campaign first). Empty: a new member gets the campaign’s default, an existing member keeps theirs.',
  }),
};
export const CAMPAIGN_MEMBER_INPUTS = inputSet(Object.values(CAMPAIGN_MEMBER), oneContact);
export type CampaignMemberInput = InputsOf<typeof CAMPAIGN_MEMBER_INPUTS>;


/** An activity input after times are resolved: start, end and the status time are ISO-8601 UTC instants. */
export type ActivityPlan = Omit<ActivityInput, 'start_time' | 'end_time' | 'duration_minutes'> & {
  start_time: string;
  end_time: string;
  duration_minutes: number;
  status: EventStatus;
};
