import type { PlainOutputField } from 'zapier-platform-core';
import { keapUrls } from './config';
import type { ContactRecord } from '../../model';
import type { KeapContactFields, KeapContactInput } from './form';
import type { Context } from '../types';

/** How the neutral contact maps to Keap REST v2's contact, both ways. */

export type KeapV2Contact = {
  id?: string | number;
  given_name?: string;
  family_name?: string;
  email_addresses?: Array<{ email?: string; field?: string; opt_in_reason?: string }>;
  phone_numbers?: Array<{ number?: string; field?: string; type?: string; extension?: string }>;
  addresses?: KeapAddress[];
  company?: { id?: string | number; company_name?: string };
  job_title?: string;
  website?: string;
  leadsource_id?: string | number;
  contact_type?: string;
  owner_id?: string | number;
  time_zone?: string;
  tag_ids?: Array<string | number>;
  custom_fields?: Array<{ id?: string | number; content?: unknown }>;
  create_time?: string;
  update_time?: string;
};

type KeapAddress = {
  field?: string;
  line1?: string;
  line2?: string;
  locality?: string;
  region?: string;
  region_code?: string;
  country_code?: string;
  postal_code?: string;
  zip_code?: string;
  zip_four?: string;
};

/** The contact properties every call asks Keap to return (several are omitted by default). */
export const CONTACT_FIELDS = [
  'id',
  'given_name',
  'family_name',
  'email_addresses',
  'phone_numbers',
  'addresses',
  'company',
  'job_title',
  'website',
  'leadsource_id',
  'contact_type',
  'owner_id',
  'time_zone',
  'tag_ids',
  'custom_fields',
  'create_time',
  'update_time',
].join(',');

/** Input keys copied to top-level v2 properties as they are. */
const SCALARS: Array<[keyof KeapContactFields, keyof KeapV2Contact]> = [
  ['first_name', 'given_name'],
  ['last_name', 'family_name'],
  ['job_title', 'job_title'],
  ['website', 'website'],
  ['owner_id', 'owner_id'],
];

const PHONES: Array<[keyof KeapContactFields, string, string]> = [
  ['phone', 'PHONE1', 'Work'],
  ['mobile_phone', 'PHONE2', 'Mobile'],
];

const ADDRESS: Array<[keyof KeapContactFields, string]> = [
  ['address_line1', 'line1'],
  ['address_line2', 'line2'],
  ['city', 'locality'],
  ['postal_code', 'postal_code'],
];

const defined = <T extends object>(entries: Array<[string, unknown]>): T =>
  Object.fromEntries(entries.filter(([, value]) => value !== undefined && value !== '')) as T;

/** Lengths Keap's CreateUpdateContactRequest allows (`maxLength` in the official v2 OpenAPI document); longer is refused before writing. */
export const KEAP_MAX_LENGTHS = { first_name: 40, last_name: 40, website: 100, job_title: 255 } as const;

/** What upsertContact resolved before writing: normalised location, ids, custom fields, the zone Keap takes. */
export type ResolvedContact = {
  country_code?: string;
  region_code?: string;
  contact_type?: string;
  leadsource_id?: string;
  time_zone?: string;
  custom_fields: Array<{ id: string; content: unknown }>;
};

const scalarEntries = (input: KeapContactFields, resolved: ResolvedContact): Array<[string, unknown]> => [
  ...SCALARS.map(([key, target]): [string, unknown] => [target, input[key]]),
  ['time_zone', resolved.time_zone],
  ['company', input.company ? { company_name: input.company } : undefined],
  ['contact_type', resolved.contact_type],
  ['leadsource_id', resolved.leadsource_id],
];

const mappedAddress = (input: KeapContactFields, resolved: ResolvedContact): Record<string, string> =>
  defined<Record<string, string>>([
    ...ADDRESS.map(([key, target]): [string, unknown] => [target, input[key]]),
    ['country_code', resolved.country_code],
    ['region_code', resolved.region_code],
  ]);

/**
 * The v2 CreateUpdateContactRequest for a new contact. Keap replaces a list it is sent, so lists
 * (phones, addresses, custom fields) are sent only when the step has values for them.
 */
export const toKeapContactBody = (input: KeapContactInput, resolved: ResolvedContact): Record<string, unknown> => {
  const phones = PHONES.filter(([key]) => input[key]).map(([key, field, type]) => ({ number: input[key], field, type }));
  const address = mappedAddress(input, resolved);
  return defined([
    ['email_addresses', [defined([['email', input.email], ['field', 'EMAIL1'], ['opt_in_reason', input.opt_in_reason]])]],
    ...scalarEntries(input, resolved),
    ['phone_numbers', phones.length ? phones : undefined],
    ['addresses', Object.keys(address).length ? [{ field: 'BILLING', ...address }] : undefined],
    ['custom_fields', resolved.custom_fields.length ? resolved.custom_fields : undefined],
  ]);
};

/** A list item as Keap returned it, cut to the keys its request schema takes, values untouched. */
const requestShape = <T extends object>(item: T, keys: readonly string[]): Partial<T> =>
  Object.fromEntries(Object.entries(item).filter(([key, value]) => keys.includes(key) && value !== undefined && value !== null)) as Partial<T>;

const EMAIL_KEYS = ['email', 'field', 'opt_in_reason'] as const;
const PHONE_KEYS = ['number', 'field', 'type', 'extension'] as const;
const ADDRESS_KEYS = ['field', 'line1', 'line2', 'locality', 'region_code', 'country_code', 'postal_code', 'zip_code', 'zip_four'] as const;
const PHONE_SLOTS = ['PHONE1', 'PHONE2', 'PHONE3', 'PHONE4', 'PHONE5'];

/** Where the mobile goes: the entry already typed Mobile, else PHONE2, else the first free slot. */
const mobileSlot = (phones: NonNullable<KeapV2Contact['phone_numbers']>): string | undefined => {
  const typed = phones.find((p) => p.type?.toLowerCase() === 'mobile' && p.field !== 'PHONE1')?.field;
  if (typed) return typed;
  const taken = new Set(phones.map((p) => p.field));
  return ['PHONE2', ...PHONE_SLOTS].find((slot) => slot !== 'PHONE1' && !taken.has(slot));
};

export type ContactUpdate = { body: Record<string, unknown>; warnings: string[] };

/**
 * The v2 PATCH for a contact Keap already has. Keap removes every list item a write does not
 * list ("Any item not listed here will be removed if it already exists", CreateUpdateContactRequest),
 * so a list is sent only when the step changes it, and then as the contact's own list, read just
 * before, with only the mapped entries changed: PHONE1 and the mobile, the BILLING address field by
 * field, the mapped custom fields. Every other email, phone, address and custom field goes back
 * exactly as Keap returned it.
 */
export const toKeapContactUpdate = (existing: KeapV2Contact, input: KeapContactFields, resolved: ResolvedContact): ContactUpdate => {
  const warnings: string[] = [];
  const entries: Array<[string, unknown]> = [...scalarEntries(input, resolved)];

  const emails = (existing.email_addresses ?? []).map((e) => requestShape(e, EMAIL_KEYS));
  const matched = input.email ? emails.find((e) => (e.email ?? '').toLowerCase() === input.email) : undefined;
  if (input.email && !matched) {
    // A new primary address (Update Contact): it replaces EMAIL1 without the old address's consent.
    const primary = defined<(typeof emails)[number]>([['email', input.email], ['field', 'EMAIL1'], ['opt_in_reason', input.opt_in_reason]]);
    const current = emails.findIndex((e) => e.field === 'EMAIL1');
    emails.splice(current < 0 ? 0 : current, current < 0 ? 0 : 1, primary);
    entries.push(['email_addresses', emails]);
  } else if (input.opt_in_reason && matched && matched.opt_in_reason !== input.opt_in_reason) {
    matched.opt_in_reason = input.opt_in_reason;
    entries.push(['email_addresses', emails]);
  }

  if (input.phone || input.mobile_phone) {
    const phones = (existing.phone_numbers ?? []).map((p) => requestShape(p, PHONE_KEYS));
    const put = (field: string, number: string, type: string) => {
      const current = phones.find((p) => p.field === field);
      if (current?.number === number) return;
      phones.splice(current ? phones.indexOf(current) : phones.length, current ? 1 : 0, { number, field, type });
    };
    if (input.phone) put('PHONE1', input.phone, 'Work');
    if (input.mobile_phone) {
      const slot = mobileSlot(phones);
      if (slot) put(slot, input.mobile_phone, 'Mobile');
      else warnings.push('Mobile Phone was not written: all five of the contact\'s Keap phone slots hold other numbers.');
    }
    entries.push(['phone_numbers', phones]);
  }

  const address = mappedAddress(input, resolved);
  if (Object.keys(address).length) {
    const addresses = (existing.addresses ?? []).map((a) => requestShape({ ...a, region_code: a.region_code ?? a.region }, ADDRESS_KEYS));
    const billing = addresses.find((a) => a.field === 'BILLING');
    const kept = { ...billing };
    // A region belongs to its country: a new country without a region drops the old region.
    if (address.country_code && address.country_code !== kept.country_code && !address.region_code) delete kept.region_code;
    const merged = { ...kept, ...address, field: 'BILLING' };
    if (billing) addresses.splice(addresses.indexOf(billing), 1, merged);
    else addresses.push(merged);
    entries.push(['addresses', addresses]);
  }

  if (resolved.custom_fields.length) {
    const mapped = new Map(resolved.custom_fields.map((f) => [String(f.id), f]));
    const others = (existing.custom_fields ?? []).filter((f) => !mapped.has(String(f.id))).map((f) => ({ id: String(f.id), content: f.content ?? null }));
    entries.push(['custom_fields', [...others, ...mapped.values()]]);
  }

  return { body: defined(entries), warnings };
};

const webApp = (ctx: Context) => keapUrls.webAppBase(String(ctx.bundle.authData?.app_name ?? ''));

export const keapContactUrl = (ctx: Context, id: string): string =>
  `${webApp(ctx)}/Contact/manageContact.jsp?view=edit&ID=${encodeURIComponent(id)}`;

/** The web app's task page, on the same pattern as its contact page (docs/keap.md, "Record links"). */
export const keapTaskUrl = (ctx: Context, id: string): string => `${webApp(ctx)}/Task/manageTask.jsp?view=edit&ID=${encodeURIComponent(id)}`;

const str = (value: unknown): string | null => (value === undefined || value === null || value === '' ? null : String(value));

const primaryEmail = (c: KeapV2Contact) =>
  (c.email_addresses?.find((e) => e.field === 'EMAIL1') ?? c.email_addresses?.[0])?.email;

const phoneIn = (c: KeapV2Contact, field: string) => c.phone_numbers?.find((p) => p.field === field)?.number;

const billing = (c: KeapV2Contact) => c.addresses?.find((a) => a.field === 'BILLING') ?? c.addresses?.[0];

/** Output keys read from the Keap contact, next to the neutral ones every CRM returns. */
const OUTPUT: Array<[string, (c: KeapV2Contact) => unknown]> = [
  ['phone', (c) => phoneIn(c, 'PHONE1')],
  ['mobile_phone', (c) => phoneIn(c, 'PHONE2')],
  ['company', (c) => c.company?.company_name],
  ['company_id', (c) => c.company?.id],
  ['job_title', (c) => c.job_title],
  ['website', (c) => c.website],
  ['lead_source_id', (c) => c.leadsource_id],
  ['contact_type', (c) => c.contact_type],
  ['owner_id', (c) => c.owner_id],
  ['address_line1', (c) => billing(c)?.line1],
  ['address_line2', (c) => billing(c)?.line2],
  ['city', (c) => billing(c)?.locality],
  ['region', (c) => billing(c)?.region_code ?? billing(c)?.region],
  ['postal_code', (c) => billing(c)?.postal_code ?? billing(c)?.zip_code],
  ['country_code', (c) => billing(c)?.country_code],
  ['time_zone', (c) => c.time_zone],
  ['create_time', (c) => c.create_time],
  ['update_time', (c) => c.update_time],
];

export const toContactRecord = (ctx: Context, contact: KeapV2Contact, created: boolean): ContactRecord => {
  const id = String(contact.id);
  return {
    id,
    crm: 'keap',
    object_type: 'Contact',
    created,
    email: primaryEmail(contact) ?? '',
    first_name: str(contact.given_name),
    last_name: str(contact.family_name),
    url: keapContactUrl(ctx, id),
    ...Object.fromEntries(OUTPUT.map(([key, read]) => [key, str(read(contact))])),
    tag_ids: (contact.tag_ids ?? []).map(String),
    custom_fields: (contact.custom_fields ?? []).map((f) => ({ id: String(f.id), content: f.content ?? null })),
  };
};

/** The fields a Keap activity (a task) output carries beyond the ones every CRM's activity has. */
export const keapActivityOutputFields: PlainOutputField[] = [
  { key: 'contact_id', label: 'Contact ID', type: 'string' },
  { key: 'contact_url', label: 'Contact URL', type: 'string' },
  { key: 'title', label: 'Task Title', type: 'string' },
  { key: 'type', label: 'Task Type', type: 'string' },
  { key: 'priority', label: 'Task Priority', type: 'string' },
  { key: 'due_time', label: 'Due Time', type: 'datetime' },
  { key: 'completed', label: 'Completed', type: 'boolean' },
];

/** The fields a Keap contact output carries beyond the ones every CRM's contact has. */
export const keapContactOutputFields: PlainOutputField[] = [
  { key: 'phone', label: 'Phone', type: 'string' },
  { key: 'mobile_phone', label: 'Mobile Phone', type: 'string' },
  { key: 'company', label: 'Company', type: 'string' },
  { key: 'company_id', label: 'Company ID', type: 'string' },
  { key: 'job_title', label: 'Job Title', type: 'string' },
  { key: 'website', label: 'Website', type: 'string' },
  { key: 'lead_source_id', label: 'Lead Source ID', type: 'string' },
  { key: 'lead_source', label: 'Lead Source', type: 'string' },
  { key: 'contact_type', label: 'Contact Type', type: 'string' },
  { key: 'owner_id', label: 'Owner ID', type: 'string' },
  { key: 'owner_name', label: 'Owner', type: 'string' },
  { key: 'address_line1', label: 'Address Line 1', type: 'string' },
  { key: 'address_line2', label: 'Address Line 2', type: 'string' },
  { key: 'city', label: 'City', type: 'string' },
  { key: 'region', label: 'Region Code (ISO 3166-2)', type: 'string' },
  { key: 'postal_code', label: 'Postal Code', type: 'string' },
  { key: 'country_code', label: 'Country Code (ISO alpha-3)', type: 'string' },
  { key: 'time_zone', label: 'Time Zone', type: 'string' },
  { key: 'create_time', label: 'Created At', type: 'datetime' },
  { key: 'update_time', label: 'Updated At', type: 'datetime' },
  { key: 'tag_ids', label: 'Tag IDs', type: 'string', list: true },
  { key: 'tags', label: 'Tags', type: 'string', list: true },
  { key: 'custom_fields[]id', label: 'Custom Field ID', type: 'string' },
  { key: 'custom_fields[]content', label: 'Custom Field Value', type: 'string' },
];
