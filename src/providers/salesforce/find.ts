import { named, type InputsOf } from '../../input';
import type { FindContactInput } from '../../inputs';
import type { ContactRecord } from '../../model';
import { SALESFORCE_FIND, SALESFORCE_FIND_INPUTS } from './form';
import type { Context } from '../types';
import { composite, failed, queryRequest, recordsOf, subErrors, throwSubFailure, type SubRequest } from './composite';
import { cacheKey, fieldOf, type ObjectInfo } from './describe';
import { cacheRead, cacheWrite } from '../../kit';
import { FIELD_MAP } from './mapping';
import { recordUrl, sobjectOf, type PersonObject } from './records';
import { selectList, soqlLiteral } from './soql';
import { invalidInput } from '../../kit';

export type SfRecord = Record<string, unknown> & { Id: string; LastModifiedDate?: string };
export type Found = { object: PersonObject; record: SfRecord };

/** What every read of a person selects: the neutral output, the owner's name, and Person Account markers. */
export const BASE_FIELDS: Record<PersonObject, string[]> = {
  Contact: ['Id', 'FirstName', 'LastName', 'Email', 'AccountId', 'OwnerId', 'Owner.Name', 'LastModifiedDate'],
  Lead: ['Id', 'FirstName', 'LastName', 'Email', 'Company', 'Status', 'OwnerId', 'Owner.Name', 'LastModifiedDate'],
  PersonAccount: ['Id', 'FirstName', 'LastName', 'PersonEmail', 'PersonContactId', 'OwnerId', 'Owner.Name', 'LastModifiedDate'],
};

const FILTER: Record<PersonObject, (email: string) => string> = {
  Contact: (email) => `Email = ${soqlLiteral(email)}`,
  Lead: (email) => `Email = ${soqlLiteral(email)} AND IsConverted = false`,
  PersonAccount: (email) => `IsPersonAccount = true AND PersonEmail = ${soqlLiteral(email)}`,
};

const MAX_MATCHES = 25;

/** `=` on a text field is case-insensitive in SOQL, which is the matching email needs. */
export const findQuery = (object: PersonObject, email: string, extraFields: string[] = []): string =>
  `SELECT ${selectList([...BASE_FIELDS[object], ...extraFields])} FROM ${sobjectOf(object)} ` +
  `WHERE ${FILTER[object](email)} ORDER BY LastModifiedDate DESC LIMIT ${MAX_MATCHES}`;

const PERSON_ACCOUNTS_KEY = 'person-accounts';

/** Known from a cached Account describe or an earlier search; undefined when not yet known. */
export const knownPersonAccounts = async (ctx: Context): Promise<boolean | undefined> => {
  const flag = await cacheRead<{ enabled: boolean }>(ctx.z, cacheKey(ctx, PERSON_ACCOUNTS_KEY));
  if (flag) return flag.enabled;
  const account = await cacheRead<ObjectInfo>(ctx.z, cacheKey(ctx, 'describe:Account'));
  return account ? hasPersonAccounts(account) : undefined;
};

export const hasPersonAccounts = (account: ObjectInfo): boolean => Boolean(fieldOf(account, 'IsPersonAccount'));

const rememberPersonAccounts = (ctx: Context, enabled: boolean) =>
  cacheWrite(ctx.z, cacheKey(ctx, PERSON_ACCOUNTS_KEY), { enabled }, 3600);

/** Account columns that exist only where Person Accounts are on. */
const PERSON_ONLY_COLUMN = /^(IsPersonAccount|FirstName|LastName|MiddleName|Suffix|Salutation|Person\w+|\w+__pc)$/i;
const NO_SUCH_COLUMN = /No such column '([^']+)' on entity 'Account'/i;

/**
 * An org without Person Accounts answers the Account query with "No such column" naming the
 * first person column it met. Only that sentence is read: the message echoes just a window of
 * the query around the caret, so which other columns appear in it is chance.
 */
const missingPersonColumns = (sub: Parameters<typeof subErrors>[0]) =>
  subErrors(sub).some((error) => {
    const column = (error.message ?? '').match(NO_SUCH_COLUMN)?.[1];
    return (error.errorCode ?? error.statusCode) === 'INVALID_FIELD' && column !== undefined && PERSON_ONLY_COLUMN.test(column);
  });

const RANK: Record<PersonObject, number> = { Contact: 0, PersonAccount: 0, Lead: 1 };

/** Contacts and Person Accounts before Leads; within each, the most recently modified first. */
const byPrecedence = (a: Found, b: Found) =>
  RANK[a.object] - RANK[b.object] || String(b.record.LastModifiedDate ?? '').localeCompare(String(a.record.LastModifiedDate ?? ''));

export type FindSpec = { email: string; objects: PersonObject[]; extraFields?: Partial<Record<PersonObject, string[]>> };

/**
 * Every wanted object in one composite round trip. Where it is not yet known whether the org
 * has Person Accounts the Account query goes along anyway: if the org lacks them that one
 * sub-request fails with "No such column" and the others still answer.
 */
export const findPeople = async (ctx: Context, spec: FindSpec): Promise<Found[]> => {
  const personAccounts = spec.objects.includes('PersonAccount') ? await knownPersonAccounts(ctx) : false;
  const objects = spec.objects.filter((object) => object !== 'PersonAccount' || personAccounts !== false);
  if (!objects.length) return [];
  const requests: SubRequest[] = objects.map((object) => queryRequest(object, findQuery(object, spec.email, spec.extraFields?.[object])));
  const responses = await composite(ctx, requests);

  const found: Found[] = [];
  for (const object of objects) {
    const sub = responses.get(object);
    if (object === 'PersonAccount' && personAccounts === undefined) {
      const missing = failed(sub) && missingPersonColumns(sub);
      if (missing || !failed(sub)) await rememberPersonAccounts(ctx, !missing);
      if (missing) continue;
    }
    if (failed(sub)) throwSubFailure(ctx, sub, `search ${sobjectOf(object)} records by email`);
    found.push(...recordsOf<SfRecord>(sub).map((record) => ({ object, record })));
  }
  // A person account's contact also answers the Contact query; keep the account only.
  const personContacts = new Set(found.filter((f) => f.object === 'PersonAccount').map((f) => String(f.record.PersonContactId)));
  return found.filter((f) => !(f.object === 'Contact' && personContacts.has(f.record.Id))).sort(byPrecedence);
};

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The neutral contact output, plus the Salesforce fields people map in later steps. */
export const toContactRecord = (ctx: Context, found: Found, created = false): ContactRecord => {
  const { object, record } = found;
  return {
    id: record.Id,
    crm: 'salesforce',
    object_type: object,
    created,
    email: text(record[FIELD_MAP.email[object]!]) ?? '',
    first_name: text(record.FirstName),
    last_name: text(record.LastName),
    url: recordUrl(ctx.bundle, sobjectOf(object), record.Id),
    owner_id: text(record.OwnerId),
    owner_name: text((record.Owner as { Name?: unknown } | null | undefined)?.Name),
    account_id: text(record.AccountId),
    company: text(record.Company),
    lead_status: text(record.Status),
    person_contact_id: text(record.PersonContactId),
    last_modified_date: text(record.LastModifiedDate),
  };
};

const OBJECTS_FOR: Record<InputsOf<typeof SALESFORCE_FIND_INPUTS>['record_type'], PersonObject[]> = {
  any: ['Contact', 'PersonAccount', 'Lead'],
  Contact: ['Contact'],
  Lead: ['Lead'],
  PersonAccount: ['PersonAccount'],
};

/** Searches the objects Record Type names; a step without that input (Apply Tag, Activity Event) searches them all. */
export const findContacts = async (ctx: Context, input: FindContactInput): Promise<ContactRecord[]> => {
  const { record_type } = ctx.input.read(SALESFORCE_FIND_INPUTS);
  if (record_type === 'PersonAccount' && (await knownPersonAccounts(ctx)) === false) {
    throw invalidInput(ctx.z, `This Salesforce org does not use Person Accounts. Set ${named(SALESFORCE_FIND.record_type)} to Any, Contact or Lead.`);
  }
  const found = await findPeople(ctx, { email: input.email, objects: OBJECTS_FOR[record_type] });
  return found.map((match) => toContactRecord(ctx, match));
};
