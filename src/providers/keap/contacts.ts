import { isTimeZone } from '../../activity';
import type { ContactInput, ContactRecord, FindContactInput } from '../../model';
import type { Context } from '../types';
import { exactFilter, invalidInput, keap, requireKeapId, sameText } from './client';
import { customFieldValues } from './fields';
import { resolveLeadSourceId } from './lead-sources';
import { requireCountryForRegion, resolveLocation } from './locales';
import { CONTACT_FIELDS, toContactRecord, toKeapContactBody, type KeapV2Contact } from './mapping';
import { resolveContactType } from './settings';

const DUPLICATE_OPTIONS: Record<ContactInput['match_on'], string> = {
  email: 'Email',
  email_and_name: 'EmailAndName',
};

/** How recent a creation stamp must be to belong to this very call. */
const JUST_NOW_MS = 60_000;

/**
 * v2 documents 201 for a new contact and 200 for an updated one. Should a deployment answer
 * 200 for both, a contact created by this call carries identical create and update stamps from
 * moments ago; an update moves the update stamp, and an untouched old contact is not recent.
 */
export const wasCreated = (status: number, contact: KeapV2Contact, now = Date.now()): boolean => {
  if (status === 201) return true;
  const created = Date.parse(contact.create_time ?? '');
  const updated = Date.parse(contact.update_time ?? '');
  return Number.isFinite(created) && created === updated && now - created < JUST_NOW_MS;
};

/** Everything that can be wrong with the input is found before the first write. */
const validate = (ctx: Context, input: ContactInput): void => {
  if (input.time_zone && !isTimeZone(input.time_zone)) {
    throw invalidInput(
      ctx,
      `Time Zone (time_zone) must be an IANA time zone such as America/New_York; got "${input.time_zone}".`,
    );
  }
  if (input.owner_id) requireKeapId(ctx, input.owner_id, 'Owner (owner_id)');
  requireCountryForRegion(ctx, input.country_code, input.region);
};

/**
 * One write: v2 `POST /contacts?duplicate_option=` lets Keap match the existing contact on email
 * (or email and name) and update it, or create it. Lookups it needs run first: location and
 * contact type (read only), then the lead source (found, or created once).
 */
export const upsertContact = async (ctx: Context, input: ContactInput): Promise<ContactRecord> => {
  validate(ctx, input);
  const location = await resolveLocation(ctx, input.country_code, input.region);
  const contactType = await resolveContactType(ctx, input.contact_type);
  const leadSourceId = input.lead_source
    ? await resolveLeadSourceId(ctx, input.lead_source, input.lead_source_category)
    : undefined;
  const body = toKeapContactBody(input, {
    ...location,
    contact_type: contactType,
    leadsource_id: leadSourceId,
    custom_fields: customFieldValues(ctx.bundle.inputData),
  });
  const { status, data } = await keap<KeapV2Contact>(ctx, {
    url: '/v2/contacts',
    method: 'POST',
    params: { duplicate_option: DUPLICATE_OPTIONS[input.match_on], fields: CONTACT_FIELDS },
    json: body,
  });
  return toContactRecord(ctx, data, wasCreated(status, data));
};

/**
 * One call: v2 list filtered on the email, newest update first. Keap's match is not documented
 * as case-insensitive, so the address is compared again here in lower case.
 */
export const findContacts = async (ctx: Context, input: FindContactInput): Promise<ContactRecord[]> => {
  const filter = exactFilter('email', input.email);
  const { data } = await keap<{ contacts?: KeapV2Contact[] }>(ctx, {
    url: '/v2/contacts',
    params: { ...(filter ? { filter } : {}), order_by: 'update_time desc', page_size: '100', fields: CONTACT_FIELDS },
  });
  return (data?.contacts ?? [])
    .filter((contact) => contact.email_addresses?.some((e) => sameText(e.email, input.email)))
    .sort((a, b) => (Date.parse(b.update_time ?? '') || 0) - (Date.parse(a.update_time ?? '') || 0))
    .map((contact) => toContactRecord(ctx, contact, false));
};
