import { createOnce, type ClaimAttempt } from '../../claims';
import { salesforce } from './client';
import { named } from '../../input';
import { CONTACT, UPDATE } from '../../inputs';
import type { ContactRecord } from '../../model';
import type { Context } from '../types';
import { addressValues } from './locales';
import { connectedUserId, describeObject, fieldOf, isUniversallyRequired, pickRecordType, salesforceOrg, type FieldInfo, type ObjectInfo } from './describe';
import { extraInputs, SALESFORCE_CONTACT, type SalesforceContactFields, type SalesforceContactInput } from './form';
import { BASE_FIELDS, findPeople, hasPersonAccounts, toContactRecord, type Found, type SfRecord } from './find';
import { addressFields, FIELD_MAP, type NeutralKey } from './mapping';
import { objectOfId, query, sobjectOf, type PersonObject } from './records';
import { apiName, selectList, soqlLiteral } from './soql';
import { asInputError, typedDefault, valueForField } from './values';
import { withRecordType } from './picklists';
import { noPersonAccounts, personRecordType } from './person-accounts';
import { invalidInput, isBlank, shorten } from '../../kit';

type Mode = 'create' | 'update';
type Body = Record<string, unknown>;
type Plan = { body: Body; ignored: string[]; warnings: string[] };

const writable = (field: FieldInfo, mode: Mode) => (mode === 'create' ? field.createable : field.updateable);

/** How a message names a standard input: Lead Status on this form, the shared label otherwise. */
const inputLabel = (key: string) => named({ ...SALESFORCE_CONTACT, ...CONTACT }[key] ?? { key, label: key });

/** The record already has this email (matched case-insensitively): rewriting it would only change its case. */
const sameEmail = (current: unknown, given: unknown): boolean =>
  typeof current === 'string' && typeof given === 'string' && current.toLowerCase() === given.toLowerCase();

/** The Salesforce body for one object, from the neutral inputs, the address and the dynamic fields. */
const planBody = (ctx: Context, object: PersonObject, info: ObjectInfo, input: SalesforceContactFields, mode: Mode, current?: SfRecord): Plan => {
  const body: Body = {};
  const ignored: string[] = [];
  const warnings: string[] = [];
  const put = (key: string, fieldName: string | undefined, value: unknown, label = inputLabel(key)) => {
    const field = fieldName ? fieldOf(info, fieldName) : undefined;
    if (!field || !writable(field, mode)) return ignored.push(key);
    body[field.name] = valueForField(ctx, field, value, label, (warning) => warnings.push(warning));
  };

  for (const [key, fields] of Object.entries(FIELD_MAP) as Array<[NeutralKey, Record<PersonObject, string | undefined>]>) {
    const value = input[key];
    if (isBlank(value) || (key === 'email' && sameEmail(current?.[fields[object] ?? ''], value))) continue;
    put(key, fields[object], value);
  }
  const street = [input.address_line1, input.address_line2].filter(Boolean).join('\n');
  if (street) put('address_line1', addressFields(object).street, street);
  const address = asInputError(ctx, undefined, () => addressValues(info, object, input.country_code, input.region));
  for (const { key, field, value } of address.values) put(key, field, value);
  ignored.push(...address.ignored);

  for (const [key, { field: name, value }] of Object.entries(extraInputs(ctx))) {
    put(key, name, value, `${fieldOf(info, name)?.label ?? name} (${key})`);
  }
  return { body, ignored: [...new Set(ignored)], warnings };
};

/** Fields a fill-empty update may write, selected with the search so no extra read is needed. */
const fillCandidates = (ctx: Context, object: PersonObject, info: ObjectInfo): string[] =>
  [
    ...Object.values(FIELD_MAP).map((row) => row[object]),
    ...Object.values(addressFields(object)),
    ...Object.values(extraInputs(ctx)).map((extra) => extra.field),
  ]
    .map((name) => (name ? fieldOf(info, name)?.name : undefined))
    .filter((name): name is string => Boolean(name));

/**
 * Required to create the object: describe's rule, except that a Person Account takes the person's
 * LastName instead of the business Account's Name (which it may not be given).
 */
const requiredOnCreate = (object: PersonObject, field: FieldInfo): boolean =>
  object === 'PersonAccount' ? field.name === 'LastName' || (isUniversallyRequired(field) && field.name !== 'Name') : isUniversallyRequired(field);

/** Required fields nobody mapped get a typed default so the record can still be created. */
const applyDefaults = (object: PersonObject, info: ObjectInfo, body: Body, now: Date): string[] =>
  info.fields
    .filter((field) => requiredOnCreate(object, field) && isBlank(body[field.name]))
    .flatMap((field) => {
      const value = typedDefault(field, now);
      if (value === undefined) return [];
      body[field.name] = value;
      return [field.name];
    });

const CANDIDATES: Record<SalesforceContactInput['salesforce_object'], PersonObject[]> = {
  auto: ['Contact', 'PersonAccount', 'Lead'],
  Contact: ['Contact', 'PersonAccount'],
  Lead: ['Lead'],
  PersonAccount: ['PersonAccount', 'Contact'],
};

const describeCandidates = async (ctx: Context, object: SalesforceContactInput['salesforce_object']) => {
  const names = [...new Set(CANDIDATES[object].map(sobjectOf))];
  const infos = await Promise.all(names.map((name) => describeObject(ctx, name)));
  const byName = new Map(names.map((name, i) => [name, infos[i]!]));
  const account = byName.get('Account');
  const objects = CANDIDATES[object].filter((candidate) => candidate !== 'PersonAccount' || (account && hasPersonAccounts(account)));
  return { objects, infoOf: (candidate: PersonObject) => byName.get(sobjectOf(candidate))! };
};

const NEW_RECORD: Record<SalesforceContactInput['salesforce_object'], PersonObject> = { auto: 'Lead', Lead: 'Lead', Contact: 'Contact', PersonAccount: 'PersonAccount' };

/** A new record's record type: the one the step names; a Person Account always needs a person type. */
const newRecordType = async (ctx: Context, object: PersonObject, info: ObjectInfo, given: string | undefined): Promise<string | undefined> => {
  if (object === 'PersonAccount') return (await personRecordType(ctx, info, given)).recordTypeId;
  return given ? pickRecordType(ctx, info, given, SALESFORCE_CONTACT.record_type_id) : undefined;
};

/** One PATCH of a record read just before (none when nothing changes); fill-empty writes only its empty fields. */
const updateFound = async (ctx: Context, { object, record }: Found, info: ObjectInfo, input: SalesforceContactFields): Promise<ContactRecord> => {
  const plan = planBody(ctx, object, info, input, 'update', record);
  const changes = input.update_mode === 'fill_empty' ? Object.fromEntries(Object.entries(plan.body).filter(([name]) => isBlank(record[name]))) : plan.body;
  if (Object.keys(changes).length) {
    await salesforce(ctx, { url: `/sobjects/${apiName(sobjectOf(object))}/${encodeURIComponent(record.Id)}`, method: 'PATCH', json: changes });
  }
  return output(ctx, { object, record: { ...record, ...changes } }, false, Object.keys(changes), [], plan);
};

/**
 * Auto: the newest Contact or Person Account with the email, else the newest unconverted
 * Lead, else a new Lead. One search and one write; describes come from the cache.
 */
export const upsertContact = async (ctx: Context, input: SalesforceContactInput, attempt: ClaimAttempt = {}): Promise<ContactRecord> => {
  const { objects, infoOf } = await describeCandidates(ctx, input.salesforce_object);
  if (input.salesforce_object === 'PersonAccount' && !objects.includes('PersonAccount')) throw noPersonAccounts(ctx);
  const fill = input.update_mode === 'fill_empty';
  const extraFields = fill ? Object.fromEntries(objects.map((object) => [object, fillCandidates(ctx, object, infoOf(object))])) : undefined;
  const [existing] = await findPeople(ctx, { email: input.email, objects, extraFields });

  if (existing) return updateFound(ctx, existing, infoOf(existing.object), input);
  const object = NEW_RECORD[input.salesforce_object];
  const recordTypeId = await newRecordType(ctx, object, infoOf(object), input.record_type_id);
  const info = await withRecordType(ctx, infoOf(object), recordTypeId);
  const sobject = apiName(sobjectOf(object));
  const plan = planBody(ctx, object, info, input, 'create');
  const { body } = plan;

  if (recordTypeId) body.RecordTypeId = recordTypeId;
  const defaults = applyDefaults(object, info, body, new Date());
  // A new org has no duplicate rules: concurrent runs claim the email before creating.
  return createOnce(ctx, { account: salesforceOrg(ctx), kind: 'person', ids: [input.email] }, attempt, {
    what: `the Salesforce ${object} for ${input.email}`,
    findAgain: (again) => upsertContact(ctx, input, again),
    create: async () => {
      const response = await salesforce<{ id: string }>(ctx, { url: `/sobjects/${sobject}`, method: 'POST', json: body });
      const result = output(ctx, { object, record: { ...body, Id: response.data.id } as SfRecord }, true, Object.keys(body), defaults, plan);
      return { id: response.data.id, result };
    },
  });
};

const output = (ctx: Context, found: Found, created: boolean, written: string[], defaults: string[], plan: Plan): ContactRecord => {
  const record = toContactRecord(ctx, found, created);
  // A new record is owned by the connected user unless the step chose an owner; a changed owner's
  // name is not the one read with the record. `addNames` looks the name up.
  const ownerChanged = created || written.includes('OwnerId');
  return {
    ...record,
    ...(ownerChanged ? { owner_id: record.owner_id ?? connectedUserId(ctx), owner_name: undefined } : {}),
    fields_written: written,
    defaults_applied: defaults,
    ignored_inputs: plan.ignored,
    warnings: plan.warnings,
  };
};

/**
 * The record named by its ID: its object from the ID's prefix, read in one query (with the fields a
 * fill-empty update checks), then updated by the upsert's rules. Describes come from the cache.
 */
export const updateContact = async (ctx: Context, id: string, input: SalesforceContactFields): Promise<ContactRecord> => {
  const sobject = objectOfId(id);
  if (!sobject) throw invalidInput(ctx.z, `${named(UPDATE.contact_id)} "${shorten(id)}" is not the ID of a Salesforce Lead, Contact or Person Account.`);
  const info = await describeObject(ctx, sobject);
  const object: PersonObject = sobject === 'Account' ? 'PersonAccount' : sobject;
  const businessAccount = () =>
    invalidInput(ctx.z, `${named(UPDATE.contact_id)} "${id}" is a business Account, not a person: map a Lead, Contact or Person Account ID.`);
  if (object === 'PersonAccount' && !hasPersonAccounts(info)) throw businessAccount();
  const fields = [...BASE_FIELDS[object], ...(object === 'PersonAccount' ? ['IsPersonAccount'] : []), ...(input.update_mode === 'fill_empty' ? fillCandidates(ctx, object, info) : [])];
  const [record] = await query<SfRecord>(ctx, `SELECT ${selectList(fields)} FROM ${apiName(sobject)} WHERE Id = ${soqlLiteral(id)}`);
  if (!record) {
    throw new ctx.z.errors.Error(
      `No Salesforce ${object === 'PersonAccount' ? 'Person Account' : object} has the ID ${id} in ${named(UPDATE.contact_id)}. Choose the contact again, or map its ID from a Find Contact step.`,
      'NotFound',
      404,
    );
  }
  if (object === 'PersonAccount' && record.IsPersonAccount === false) throw businessAccount();
  return updateFound(ctx, { object, record }, info, input);
};
