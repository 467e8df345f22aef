import { BOOKING_STATUSES, type Choice } from '../../model';
import type { Context, LookupKind } from '../types';
import { keap, keapList } from './client';
import { judgeCountry } from '../../normalize/country';
import { keapCountries, keapProvinces } from './locales';
import { contactTypes, noteTypes, PRIORITIES, taskTypes } from './settings';
import { CONTACT } from '../../inputs';
import { userName, type KeapUser } from './names';
import { isLaterPage } from '../../kit';

/** Dropdown choices, every page of the account's own lists. */

type Named = { id?: string | number; name?: string };

const named = (items: Named[]): Choice[] =>
  items.filter((item) => item.id !== undefined).map((item) => ({ id: String(item.id), name: item.name ?? String(item.id) }));

const fromStrings = (values: string[]): Choice[] => values.map((value) => ({ id: value, name: value }));

/** Provinces of the action's current country; none until a known country is chosen. */
const regions = async (ctx: Context): Promise<Choice[]> => {
  const country = ctx.input.text(CONTACT.country_code.key);
  if (!country) return [];
  const verdict = judgeCountry(country, await keapCountries(ctx));
  if (!verdict.ok || !verdict.listed?.alpha3) return [];
  return (await keapProvinces(ctx, verdict.listed)).map((p) => ({ id: p.code, name: p.name }));
};

type ListedContact = { id?: string | number; given_name?: string; family_name?: string; email_addresses?: Array<{ email?: string }> };

/** How many of the most recently updated contacts the Contact ID dropdown offers. */
const CONTACT_CHOICES = 100;

/** The most recently updated contacts: one page, so the dropdown costs one call (and later pages are empty). */
const contacts = async (ctx: Context): Promise<Choice[]> => {
  if (isLaterPage(ctx.bundle)) return [];
  const { data } = await keap<{ contacts?: ListedContact[] }>(ctx, {
    url: '/v2/contacts',
    params: { order_by: 'update_time desc', page_size: String(CONTACT_CHOICES), fields: 'id,given_name,family_name,email_addresses' },
  });
  return (data?.contacts ?? [])
    .filter((contact) => contact.id !== undefined)
    .map((contact) => ({ id: String(contact.id), name: userName(contact) }));
};

const LOOKUPS: Record<LookupKind, (ctx: Context) => Promise<Choice[]>> = {
  contact: contacts,
  contact_type: async (ctx) => fromStrings(await contactTypes(ctx)),
  lead_source: async (ctx) => named(await keapList<Named>(ctx, '/v2/leadSources', 'lead_sources')),
  lead_source_category: async (ctx) => named(await keapList<Named>(ctx, '/v2/leadSourceCategories', 'lead_source_categories')),
  owner: async (ctx) =>
    (await keapList<KeapUser>(ctx, '/v2/users', 'users', { pageSize: 100 }))
      .filter((user) => user.id !== undefined)
      .map((user) => ({ id: String(user.id), name: userName(user) })),
  country: async (ctx) =>
    (await keapCountries(ctx)).filter((c) => c.alpha3).map((c) => ({ id: c.alpha3!, name: c.name })),
  region: regions,
  tag: async (ctx) => named(await keapList<Named>(ctx, '/v2/tags', 'tags')),
  tag_category: async (ctx) => named(await keapList<Named>(ctx, '/v2/tags/categories', 'tag_categories')),
  activity_type: async (ctx) => fromStrings(await taskTypes(ctx)),
  priority: async () => PRIORITIES.map((p) => ({ id: p.id, name: p.name })),
  event_status: async () => fromStrings([...BOOKING_STATUSES]),
  note_type: async (ctx) => fromStrings(await noteTypes(ctx)),
  // Keap campaigns have no members: Add Contact to Campaign is a Salesforce step.
  campaign: async () => [],
  campaign_member_status: async () => [],
};

export const lookup = (ctx: Context, kind: LookupKind): Promise<Choice[]> => LOOKUPS[kind](ctx);
