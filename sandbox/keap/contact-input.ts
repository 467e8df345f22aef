import { isRecord } from '../http';
import { COUNTRIES, findRegion } from '../locales';
import { fail, text, type Version } from './common';
import { KEAP_CONTACT_TIME_ZONES } from './time-zones';
import type { KeapAddress, KeapContact, KeapEmail, KeapPhone, KeapStore } from './store';

/**
 * Turns a v1 or v2 contact body into the neutral form, rejecting what Keap rejects: unknown or
 * other-version field names, bad emails, regions without countries, regions the country does
 * not have, unknown lead sources, owners and custom fields, and custom values of the wrong type.
 */

export interface ContactPatch {
  fields: Record<string, unknown>;
  email_addresses?: KeapEmail[];
  phone_numbers?: KeapPhone[];
  addresses?: KeapAddress[];
  custom_fields?: Record<number, unknown>;
}

const SHARED = [
  'given_name',
  'family_name',
  'middle_name',
  'job_title',
  'contact_type',
  'prefix',
  'suffix',
  'website',
  'time_zone',
  'preferred_locale',
  'preferred_name',
  'spouse_name',
];
const V1_ONLY = ['birthday', 'anniversary', 'lead_source_id', 'opt_in_reason', 'company_name', 'duplicate_option'];
const V2_ONLY = ['birth_date', 'anniversary_date', 'leadsource_id', 'referral_code', 'utm_parameters', 'assistant_name', 'assistant_phone'];
const BOTH = ['owner_id', 'source_type', 'company', 'origin', 'email_addresses', 'phone_numbers', 'fax_numbers', 'addresses', 'custom_fields', 'social_accounts'];

const NAME_LIMIT = 40;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const V2_SOURCE_TYPES = [
  'API',
  'APPOINTMENT',
  'FORM_API_HOSTED',
  'FORM_API_INTERNAL',
  'IMPORT',
  'INTERNAL_FORM',
  'LANDING_PAGE',
  'MANUAL',
  'OTHER',
  'UNKNOWN',
  'WEBFORM',
];

/** v1 spells source types without underscores (FORMAPIHOSTED); the store keeps the v2 spelling. */
export const sourceTypeV1 = (value: unknown): string | undefined => text(value)?.replace(/_/g, '');

const sourceTypeIn = (version: Version, value: unknown): string => {
  const given = String(value).toUpperCase();
  const found = V2_SOURCE_TYPES.find((t) => (version === 'v1' ? t.replace(/_/g, '') : t) === given);
  if (!found) fail(version, 400, `Invalid source_type: ${String(value)}`);
  return found!;
};

const list = (version: Version, value: unknown, name: string): Record<string, unknown>[] => {
  if (!Array.isArray(value) || !value.every(isRecord)) fail(version, 400, `${name} must be an array of objects`);
  return value as Record<string, unknown>[];
};

const enumField = (version: Version, value: unknown, allowed: string[], fallback: string, name: string): string => {
  const field = value === undefined || value === null ? fallback : String(value);
  if (!allowed.includes(field)) fail(version, 400, `Invalid ${name} field: ${field}. Use one of ${allowed.join(', ')}`);
  return field;
};

const emails = (version: Version, value: unknown): KeapEmail[] =>
  list(version, value, 'email_addresses').map((item, index) => {
    const email = text(item.email)?.trim() ?? '';
    if (!EMAIL_PATTERN.test(email)) fail(version, 400, `Invalid email address: ${email}`);
    const field = enumField(version, item.field, ['EMAIL1', 'EMAIL2', 'EMAIL3'], `EMAIL${index + 1}`, 'email');
    if (email.length > (field === 'EMAIL1' ? 75 : 100)) fail(version, 400, `${field} is too long`);
    const reason = version === 'v2' ? text(item.opt_in_reason) : undefined;
    return { email, field, ...(reason ? { opt_in_reason: reason } : {}) };
  });

const phones = (version: Version, value: unknown): KeapPhone[] =>
  list(version, value, 'phone_numbers').map((item, index) => {
    const number = text(item.number ?? item.number_e164)?.trim() ?? '';
    if (!number) fail(version, 400, 'Phone number is required');
    const field = enumField(version, item.field, ['PHONE1', 'PHONE2', 'PHONE3', 'PHONE4', 'PHONE5'], `PHONE${index + 1}`, 'phone');
    if (number.length > (['PHONE4', 'PHONE5'].includes(field) ? 20 : 40)) fail(version, 400, `${field} is too long`);
    const type = text(item.type);
    const extension = text(item.extension);
    return { number, field, ...(type ? { type } : {}), ...(extension ? { extension } : {}) };
  });

const ADDRESS_KEYS = ['field', 'line1', 'line2', 'locality', 'region', 'region_code', 'country_code', 'country', 'postal_code', 'zip_code', 'zip_four'];

const addresses = (version: Version, value: unknown): KeapAddress[] =>
  list(version, value, 'addresses').map((item) => {
    for (const key of Object.keys(item)) {
      if (!ADDRESS_KEYS.includes(key) || (version === 'v1' && ['region_code', 'country'].includes(key))) {
        fail(version, 400, `Unrecognized address field: ${key}`);
      }
    }
    if (version === 'v1' && item.field === undefined) fail(version, 400, 'Address field is required (BILLING, SHIPPING or OTHER)');
    const field = enumField(version, item.field, ['BILLING', 'SHIPPING', 'OTHER'], 'BILLING', 'address');
    const address: KeapAddress = { field };
    for (const key of ['line1', 'line2', 'locality', 'postal_code', 'zip_code', 'zip_four'] as const) {
      const v = text(item[key]);
      if (v) address[key] = v;
    }
    if (field === 'BILLING' && (address.line1?.length ?? 0) > 75) fail(version, 400, 'BILLING line1 is too long');
    const regionInput = text(version === 'v2' ? (item.region_code ?? item.region) : item.region)?.trim();
    const countryInput = text(item.country_code)?.trim();
    if (regionInput && !countryInput) fail(version, 400, 'COUNTRY CODE needed if Region Exists');
    if (!countryInput) return address;
    const country = COUNTRIES.find((c) => c.alpha3 === countryInput.toUpperCase());
    if (!country) fail(version, 400, `${field} Country Code is invalid`);
    address.country_code = country!.alpha3;
    if (regionInput) {
      const region = findRegion(country!, regionInput);
      // Keap wants the ISO 3166-2 code ("US-CA") or, except for v2's region_code, the full name; a bare "CA" is refused.
      const byCode = region?.code.toLowerCase() === regionInput.toLowerCase();
      const byName = region?.name.toLowerCase() === regionInput.toLowerCase() && !(version === 'v2' && item.region_code !== undefined);
      if (region === undefined || (region && !byCode && !byName)) {
        fail(version, 400, `${field} Region is invalid`);
      }
      address.region = region?.name ?? regionInput;
      if (region) address.region_code = region.code;
    }
    return address;
  });

const customValue = (version: Version, store: KeapStore, id: number, content: unknown): unknown => {
  const field = store.customFields.find((f) => f.id === id);
  if (!field) fail(version, 400, `Custom field ${id} does not exist`);
  if (content === null || content === '') return null;
  const bad = () => fail(version, 400, `Invalid value for custom field ${field!.label} (${field!.field_type}): ${JSON.stringify(content)}`);
  switch (field!.field_type) {
    case 'Dropdown':
      if (!field!.options?.some((o) => o.label === String(content))) bad();
      return String(content);
    case 'WholeNumber':
      if (!/^-?\d+$/.test(String(content))) bad();
      return Number(content);
    case 'Date':
      if (!/^\d{4}-\d{2}-\d{2}/.test(String(content)) || Number.isNaN(Date.parse(String(content)))) bad();
      return String(content);
    case 'YesNo': {
      const yes = [true, 'true', 'Yes', 'yes', 1, '1'];
      const no = [false, 'false', 'No', 'no', 0, '0'];
      if (yes.includes(content as never)) return true;
      if (no.includes(content as never)) return false;
      return bad();
    }
    case 'Text':
      if (typeof content === 'object') bad();
      if (String(content).length > 65535) bad();
      return String(content);
  }
};

const reference = (version: Version, value: unknown, exists: (id: number) => boolean, what: string): number | null => {
  if (value === null || value === '') return null;
  const id = Number(value);
  if (!Number.isInteger(id) || !exists(id)) fail(version, 400, `${what} ${String(value)} does not exist`);
  return id;
};

const dateOnly = (version: Version, value: unknown, name: string): string | null => {
  if (value === null || value === '') return null;
  const v = String(value);
  if (Number.isNaN(Date.parse(v))) fail(version, 400, `Invalid ${name}: ${v}`);
  return v.slice(0, 10);
};

export const contactPatch = (version: Version, store: KeapStore, input: Record<string, unknown>): ContactPatch => {
  const allowed = [...SHARED, ...BOTH, ...(version === 'v1' ? V1_ONLY : V2_ONLY)];
  for (const key of Object.keys(input)) {
    if (key === 'id') fail(version, 400, 'id cannot be set');
    if (!allowed.includes(key)) fail(version, 400, `Unrecognized field: ${key}`);
  }
  const patch: ContactPatch = { fields: {} };
  for (const key of SHARED) {
    if (!(key in input)) continue;
    const value = input[key] === null ? null : text(input[key]);
    if ((key === 'given_name' || key === 'family_name') && (value?.length ?? 0) > NAME_LIMIT) {
      fail(version, 400, `${key} must be at most ${NAME_LIMIT} characters`);
    }
    if (key === 'time_zone' && value && !KEAP_CONTACT_TIME_ZONES.has(value)) fail(version, 400, `Invalid time_zone: ${value}`);
    patch.fields[key] = value;
  }
  const leadSource = version === 'v1' ? 'lead_source_id' : 'leadsource_id';
  if (leadSource in input) patch.fields.leadsource_id = reference(version, input[leadSource], (id) => store.leadSources.has(id), 'Lead source');
  if ('owner_id' in input) patch.fields.owner_id = reference(version, input.owner_id, (id) => Boolean(store.user(id)), 'User');
  if ('source_type' in input) patch.fields.source_type = input.source_type === null ? null : sourceTypeIn(version, input.source_type);
  const birth = version === 'v1' ? 'birthday' : 'birth_date';
  const anniversary = version === 'v1' ? 'anniversary' : 'anniversary_date';
  if (birth in input) patch.fields.birth_date = dateOnly(version, input[birth], birth);
  if (anniversary in input) patch.fields.anniversary_date = dateOnly(version, input[anniversary], anniversary);
  if ('opt_in_reason' in input) patch.fields.opt_in_reason = text(input.opt_in_reason) ?? null;
  if ('company_name' in input) patch.fields.company_name = text(input.company_name) ?? null;
  if (isRecord(input.company)) {
    if (input.company.company_name !== undefined) patch.fields.company_name = text(input.company.company_name) ?? null;
    if (input.company.id !== undefined) patch.fields.company_id = text(input.company.id) ?? null;
  }
  if (isRecord(input.origin)) patch.fields.origin_ip = text(input.origin.ip_address) ?? null;
  if ('email_addresses' in input) patch.email_addresses = emails(version, input.email_addresses);
  if ('phone_numbers' in input) patch.phone_numbers = phones(version, input.phone_numbers);
  if ('addresses' in input) patch.addresses = addresses(version, input.addresses);
  if ('custom_fields' in input) {
    patch.custom_fields = {};
    for (const item of list(version, input.custom_fields, 'custom_fields')) {
      const id = Number(item.id);
      patch.custom_fields[id] = customValue(version, store, id, item.content);
    }
  }
  return patch;
};

/**
 * Keap's v2 contact writes replace every list they are sent: "Any item not listed here will be
 * removed if it already exists. If an empty array is specified, all existing values will be
 * removed." (CreateUpdateContactRequest in the official v2 OpenAPI, on POST with or without
 * `duplicate_option` and on PATCH alike). v1's documents say nothing either way, so v1 writes do
 * the same, the stricter of the two plausible readings. A list not sent is left as it is.
 */
export const applyPatch = (contact: KeapContact, patch: ContactPatch): void => {
  for (const [key, value] of Object.entries(patch.fields)) {
    if (value === null || value === undefined) delete contact.fields[key];
    else contact.fields[key] = value;
  }
  if (patch.email_addresses) contact.email_addresses = patch.email_addresses;
  if (patch.phone_numbers) contact.phone_numbers = patch.phone_numbers;
  if (patch.addresses) contact.addresses = patch.addresses;
  if (patch.custom_fields) {
    contact.custom_fields = Object.fromEntries(Object.entries(patch.custom_fields).filter(([, value]) => value !== null));
  }
  contact.updated = new Date().toISOString();
};

export const requireReachable = (version: Version, contact: KeapContact): void => {
  const reachable =
    contact.email_addresses.length > 0 || contact.phone_numbers.length > 0 || (version === 'v2' && contact.addresses.length > 0);
  if (!reachable) {
    fail(
      version,
      400,
      version === 'v1'
        ? 'New Contacts must contain at least one item in email_addresses or phone_numbers'
        : 'A contact must have at least one of email_addresses, phone_numbers or addresses',
    );
  }
};

/** The `update_mask` of a v2 PATCH, repeated or comma-separated; undefined means "every field sent". */
export const updateMask = (query: URLSearchParams): string[] | undefined => {
  const values = query.getAll('update_mask').flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  return values.length ? values : undefined;
};
