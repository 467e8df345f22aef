import { createOnce, type ClaimAttempt } from '../../claims';
import type { FindContactInput } from '../../inputs';
import type { ContactRecord } from '../../model';
import { KEAP_CONTACT, type KeapContactFields, type KeapContactInput } from './form';
import { timeZoneNames, timeZoneProblem } from '../../time-zones';
import type { Context } from '../types';
import { exactFilter, keap, keapAccount, recall, remember, requireKeapId, sameText, updateMaskQuery } from './client';
import { customFieldValues } from './fields';
import { resolveLeadSourceId } from './lead-sources';
import { requireCountryForRegion, resolveLocation } from './locales';
import { CONTACT_FIELDS, KEAP_MAX_LENGTHS, toContactRecord, toKeapContactBody, toKeapContactUpdate, type KeapV2Contact, type ResolvedContact } from './mapping';
import { resolveContactType } from './settings';
import { named } from '../../input';
import { CONTACT, UPDATE } from '../../inputs';
import { invalidInput } from '../../kit';

const DUPLICATE_OPTIONS: Record<KeapContactInput['match_on'], string> = {
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
const validate = (ctx: Context, input: KeapContactFields): void => {
  const zoneProblem = timeZoneProblem(input.time_zone, KEAP_CONTACT.time_zone);
  if (zoneProblem) throw invalidInput(ctx.z, zoneProblem);
  if (input.owner_id) requireKeapId(ctx, input.owner_id, named(CONTACT.owner_id));
  requireCountryForRegion(ctx, input.country_code, input.region);
  for (const [key, max] of Object.entries(KEAP_MAX_LENGTHS) as Array<[keyof typeof KEAP_MAX_LENGTHS, number]>) {
    const value = input[key];
    if (value && value.length > max) {
      throw invalidInput(ctx.z, `${named(UPDATE[key])} holds at most ${max} characters in Keap; got ${value.length}. Shorten the mapped value.`);
    }
  }
};

/**
 * The contact Keap's duplicate check would update, read with every list it holds: the newest
 * updated contact with this email (and, for Email and Name, this name).
 */
const matchingContact = async (ctx: Context, input: KeapContactInput): Promise<KeapV2Contact | undefined> => {
  const candidates = await listByEmail(ctx, input.email);
  return candidates.find(
    (contact) =>
      input.match_on === 'email' || (sameText(contact.given_name, input.first_name) && sameText(contact.family_name, input.last_name)),
  );
};

/** Zones this Keap account refused, remembered for a day so later steps go straight to a name it takes. */
const REFUSED_ZONES = 'refused-time-zones';
const REFUSED_ZONES_TTL_SECONDS = 24 * 60 * 60;

/** Keap's refusal as the error mapper words it: "Keap rejected the request (HTTP 400): … time_zone …". */
const isTimeZoneRefusal = (error: unknown): boolean =>
  error instanceof Error && /Keap rejected/.test(error.message) && /time.?zone/i.test(error.message);

/**
 * Keap takes contact time zones only from its own list (its API FAQ; which names it holds is not
 * published in full). The step tries the zone's names in turn, the mapped one first, then its
 * other IANA name (a legacy alias is the same zone); where Keap takes none, the contact's zone is
 * left as it is and the output says so, rather than failing the step.
 */
const writeWithTimeZone = async <T>(
  ctx: Context,
  zone: string | undefined,
  write: (timeZone: string | undefined) => Promise<T>,
): Promise<{ result: T; warnings: string[] }> => {
  if (!zone) return { result: await write(undefined), warnings: [] };
  const refused = (await recall<string[]>(ctx, REFUSED_ZONES)) ?? [];
  const names = timeZoneNames(zone).filter((name) => !refused.includes(name));
  for (const name of names) {
    try {
      return { result: await write(name), warnings: name === zone ? [] : [`Time Zone written as ${name}, Keap's name for ${zone}.`] };
    } catch (error) {
      if (!isTimeZoneRefusal(error)) throw error;
      refused.push(name);
      await remember(ctx, REFUSED_ZONES, refused, REFUSED_ZONES_TTL_SECONDS);
    }
  }
  return {
    result: await write(undefined),
    warnings: [`Time Zone ${zone} is not one Keap accepts for contacts, so the contact's time zone was left unchanged.`],
  };
};

/**
 * Two calls: the matching contact is read first, with its lists, because Keap's write replaces
 * every list it is sent. A contact Keap has is updated by ID (PATCH with an update mask), its
 * other emails, phones, addresses and custom fields kept; a new one is created with the duplicate
 * check on, so a contact created meanwhile is still matched rather than doubled. Lookups that
 * check the input run first, so a bad value fails before any contact is read: location and
 * contact type (read only, remembered), then the lead source (found, or created once).
 */
/** What the input resolves to before any contact is read: a bad value fails before the first write. */
const prepare = async (ctx: Context, input: KeapContactFields) => {
  validate(ctx, input);
  const location = await resolveLocation(ctx, input.country_code, input.region);
  const contactType = await resolveContactType(ctx, input.contact_type);
  const customFields = await customFieldValues(ctx);
  const leadSourceId = input.lead_source
    ? await resolveLeadSourceId(ctx, input.lead_source, input.lead_source_category)
    : undefined;
  return {
    contactType,
    resolved: (time_zone: string | undefined, contact_type: string | undefined): ResolvedContact => ({
      ...location,
      contact_type,
      leadsource_id: leadSourceId,
      time_zone,
      custom_fields: customFields,
    }),
  };
};

type Prepared = Awaited<ReturnType<typeof prepare>>;

/** One PATCH of the contact Keap has, with its own lists sent back whole (none when nothing changes). */
const updateExisting = async (ctx: Context, existing: KeapV2Contact, input: KeapContactFields, { contactType, resolved }: Prepared): Promise<ContactRecord> => {
  const id = String(existing.id);
  const { result, warnings } = await writeWithTimeZone(ctx, input.time_zone, async (zone) => {
    // The default contact type is for new contacts: an update keeps the type the contact has.
    const update = toKeapContactUpdate(existing, input, resolved(zone, input.contact_type ? contactType : undefined));
    const { data } = Object.keys(update.body).length
      ? await keap<KeapV2Contact>(ctx, {
          url: `/v2/contacts/${encodeURIComponent(id)}?${updateMaskQuery(update.body)}`,
          method: 'PATCH',
          params: { fields: CONTACT_FIELDS },
          json: update.body,
        })
      : { data: existing };
    return { data, warnings: update.warnings };
  });
  return withWarnings(toContactRecord(ctx, result.data, false), [...result.warnings, ...warnings]);
};

export const upsertContact = async (ctx: Context, input: KeapContactInput, attempt: ClaimAttempt = {}): Promise<ContactRecord> => {
  const prepared = await prepare(ctx, input);
  const existing = await matchingContact(ctx, input);
  if (existing?.id !== undefined) return updateExisting(ctx, existing, input, prepared);

  // Keap's duplicate check is not documented as atomic: concurrent runs claim the email first.
  return createOnce(ctx, { account: keapAccount(ctx), kind: 'contact', ids: [input.email] }, attempt, {
    what: `the Keap contact ${input.email}`,
    findAgain: (again) => upsertContact(ctx, input, again),
    create: async () => {
      const { result, warnings } = await writeWithTimeZone(ctx, input.time_zone, (zone) =>
        keap<KeapV2Contact>(ctx, {
          url: '/v2/contacts',
          method: 'POST',
          params: { duplicate_option: DUPLICATE_OPTIONS[input.match_on], fields: CONTACT_FIELDS },
          json: toKeapContactBody(input, prepared.resolved(zone, prepared.contactType)),
        }),
      );
      const record = withWarnings(toContactRecord(ctx, result.data, wasCreated(result.status, result.data)), warnings);
      return { id: record.id, result: record };
    },
  });
};

/** Two calls: the contact read by ID with its lists, then one PATCH, by the upsert's rules. */
export const updateContact = async (ctx: Context, id: string, input: KeapContactFields): Promise<ContactRecord> => {
  const contactId = requireKeapId(ctx, id, named(UPDATE.contact_id));
  const prepared = await prepare(ctx, input);
  const { data: existing } = await keap<KeapV2Contact>(ctx, {
    url: `/v2/contacts/${encodeURIComponent(contactId)}`,
    params: { fields: CONTACT_FIELDS },
    notFound: `No Keap contact has the ID ${contactId} in ${named(UPDATE.contact_id)}. Choose the contact again, or map its ID from a Find Contact step.`,
  });
  return updateExisting(ctx, existing, input, prepared);
};

const withWarnings = (record: ContactRecord, warnings: string[]): ContactRecord => ({ ...record, warnings });

const listByEmail = async (ctx: Context, email: string): Promise<KeapV2Contact[]> => {
  const filter = exactFilter('email', email);
  const { data } = await keap<{ contacts?: KeapV2Contact[] }>(ctx, {
    url: '/v2/contacts',
    params: { ...(filter ? { filter } : {}), order_by: 'update_time desc', page_size: '100', fields: CONTACT_FIELDS },
  });
  return (data?.contacts ?? [])
    .filter((contact) => contact.email_addresses?.some((e) => sameText(e.email, email)))
    .sort((a, b) => (Date.parse(b.update_time ?? '') || 0) - (Date.parse(a.update_time ?? '') || 0));
};

/**
 * One call: v2 list filtered on the email, newest update first. Keap's match is not documented
 * as case-insensitive, so the address is compared again here in lower case.
 */
export const findContacts = async (ctx: Context, input: FindContactInput): Promise<ContactRecord[]> =>
  (await listByEmail(ctx, input.email)).map((contact) => toContactRecord(ctx, contact, false));
