import { EVENT_STATUSES, type Choice } from '../../model';
import { CAMPAIGN_MEMBER, CONTACT } from '../../inputs';
import { judgeCountry } from '../../normalize/country';
import type { Context, LookupKind } from '../types';
import { codePicklists, countryOptions, regionOptions } from './locales';
import { activeValues, describeObject, fieldOf, offeredValues } from './describe';
import { describeForForm } from './fields';
import { FIELD_MAP } from './mapping';
import { detectRoleField } from './activities';
import { formObject, SALESFORCE_CONTACT, SALESFORCE_EVENT } from './form';
import { query, SALESFORCE_ID, sobjectOf, type PersonObject } from './records';
import { soqlLiteral } from './soql';
import { isLaterPage } from '../../kit';

const picklist = async (ctx: Context, object: string, field: string): Promise<Choice[]> =>
  activeValues(fieldOf(await describeObject(ctx, object), field)).map((entry) => ({ id: entry.value, name: entry.label }));

/**
 * A picklist of the contact form's object (a Person Account's are the Account's person fields),
 * as the form's chosen record type offers it.
 */
const formPicklist = async (ctx: Context, key: 'lead_source' | 'contact_type'): Promise<Choice[]> => {
  const object = formObject(ctx);
  const field = FIELD_MAP[key][object];
  if (!field) return [];
  const info = await describeForForm(ctx, object, SALESFORCE_CONTACT.record_type_id);
  return offeredValues(fieldOf(info, field)).map((entry) => ({ id: entry.value, name: entry.label }));
};

const formDescribe = (ctx: Context, object: PersonObject) => describeObject(ctx, sobjectOf(object));

const countries = async (ctx: Context): Promise<Choice[]> => {
  const object = formObject(ctx);
  const picklists = codePicklists(await formDescribe(ctx, object), object);
  return picklists ? countryOptions(picklists.country).map((c) => ({ id: c.alpha2!, name: c.name })) : [];
};

const regions = async (ctx: Context): Promise<Choice[]> => {
  const object = formObject(ctx);
  const picklists = codePicklists(await formDescribe(ctx, object), object);
  if (!picklists?.state) return [];
  const typed = ctx.input.text(CONTACT.country_code.key);
  const country = typed ? judgeCountry(typed, countryOptions(picklists.country)) : undefined;
  return regionOptions(picklists.state, picklists.country, country?.ok ? country.listed?.alpha2 : undefined).map((r) => ({ id: r.code, name: r.name }));
};

const eventStatuses = async (ctx: Context): Promise<Choice[]> => {
  const info = await describeObject(ctx, 'Event');
  const chosen = ctx.input.text(SALESFORCE_EVENT.status_field.key);
  const field = chosen ? fieldOf(info, chosen) : detectRoleField(info, 'status');
  const values = activeValues(field);
  return values.length ? values.map((entry) => ({ id: entry.value, name: entry.label })) : EVENT_STATUSES.map((status) => ({ id: status, name: status }));
};

const owners = async (ctx: Context): Promise<Choice[]> =>
  (
    await query<{ Id: string; Name: string; Email?: string }>(
      ctx,
      "SELECT Id, Name, Email FROM User WHERE IsActive = true AND UserType = 'Standard' ORDER BY Name LIMIT 500",
    )
  ).map((user) => ({ id: user.Id, name: user.Email ? `${user.Name} (${user.Email})` : user.Name }));

const topics = async (ctx: Context): Promise<Choice[]> =>
  (await query<{ Id: string; Name: string }>(ctx, 'SELECT Id, Name FROM Topic ORDER BY Name LIMIT 500')).map((topic) => ({
    id: topic.Id,
    name: topic.Name,
  }));

const none = async (): Promise<Choice[]> => [];

/** The chosen campaign's own member statuses; none until a campaign is chosen. */
const memberStatuses = async (ctx: Context): Promise<Choice[]> => {
  const campaignId = ctx.input.text(CAMPAIGN_MEMBER.campaign_id.key);
  if (!campaignId || !SALESFORCE_ID.test(campaignId)) return [];
  const statuses = await query<{ Label: string }>(ctx, `SELECT Label FROM CampaignMemberStatus WHERE CampaignId = ${soqlLiteral(campaignId)} ORDER BY SortOrder`);
  return statuses.map((s) => ({ id: s.Label, name: s.Label }));
};

type ListedPerson = { Id: string; Name?: string; Email?: string | null; LastModifiedDate?: string };

/** How many of the most recently changed Contacts and Leads the Contact ID dropdown offers. */
const CONTACT_CHOICES = 100;

/** The most recently changed Contacts and unconverted Leads, newest first. */
const people = async (ctx: Context): Promise<Choice[]> => {
  const recent = (object: 'Contact' | 'Lead', where = '') =>
    query<ListedPerson>(ctx, `SELECT Id, Name, Email, LastModifiedDate FROM ${object}${where} ORDER BY LastModifiedDate DESC LIMIT ${CONTACT_CHOICES}`).then(
      (rows) => rows.map((row) => ({ ...row, object })),
    );
  const [contacts, leads] = await Promise.all([recent('Contact'), recent('Lead', ' WHERE IsConverted = false')]);
  return [...contacts, ...leads]
    .sort((a, b) => String(b.LastModifiedDate ?? '').localeCompare(String(a.LastModifiedDate ?? '')))
    .slice(0, CONTACT_CHOICES)
    .map((row) => ({ id: row.Id, name: `${[row.Name, row.Email && `(${row.Email})`].filter(Boolean).join(' ')} · ${row.object}` }));
};

/**
 * contact_type lists the classification field of the form's object: a Lead's Status, a Person
 * Account's Type (docs/salesforce.md); Contacts have no standard field for it.
 */
const LOOKUPS: Record<LookupKind, (ctx: Context) => Promise<Choice[]>> = {
  contact: people,
  lead_source: (ctx) => formPicklist(ctx, 'lead_source'),
  contact_type: (ctx) => formPicklist(ctx, 'contact_type'),
  owner: owners,
  country: countries,
  region: regions,
  event_status: eventStatuses,
  activity_type: (ctx) => picklist(ctx, 'Event', 'Type'),
  tag: topics,
  campaign: async (ctx) => (await query<{ Id: string; Name: string }>(ctx, 'SELECT Id, Name FROM Campaign WHERE IsActive = true ORDER BY Name LIMIT 500')).map((c) => ({ id: c.Id, name: c.Name })),
  campaign_member_status: memberStatuses,
  // Salesforce notes have no type.
  note_type: none,
  priority: none,
  tag_category: none,
  lead_source_category: none,
};

/** Dropdowns list everything on their first page; later pages are empty so nothing repeats. */
export const lookup = async (ctx: Context, kind: LookupKind): Promise<Choice[]> =>
  isLaterPage(ctx.bundle) ? [] : LOOKUPS[kind](ctx);
