import { COUNTRIES, findCountry, findRegion, type Country } from '../locales';
import { ADMIN_USER_ID, normalizeId, sfDateTime, sfError, type Org, type SfRecord } from './org';
import { BUSINESS_ACCOUNT_RECORD_TYPE, TASK_STATUSES, fieldOf, PERSON_ACCOUNT_FIELDS, PERSON_ACCOUNT_RECORD_TYPE, type FieldDef, type ObjectDef } from './schema';

/**
 * Record writes with Salesforce's validation: unknown and read-only fields, types, lengths,
 * emails, restricted picklists, references, required fields, and the per-object rules the
 * connector meets (Event times and Who/What, person accounts, state/country picklists,
 * topics, duplicate rules).
 */

export interface WriteOptions {
  /** `Sforce-Duplicate-Rule-Header: allowSave=true`: saves through "alert" duplicate rules. */
  allowSave: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
const MAX_EVENT_MINUTES = 14 * 1440;

/** Salesforce datetimes end in `+0000`, which `Date.parse` does not read. */
export const parseSfDate = (value: unknown): number => Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));

const parseError = (def: FieldDef, value: unknown): never =>
  sfError(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${def.type} from VALUE_STRING value ${JSON.stringify(value)} or request may be missing a required field`, [def.name]);

const coerce = (org: Org, def: FieldDef, value: unknown): unknown => {
  if (value === null) return null;
  switch (def.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return parseError(def, value);
    case 'int':
    case 'double': {
      const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
      if (!Number.isFinite(n) || (def.type === 'int' && !Number.isInteger(n))) return parseError(def, value);
      return n;
    }
    case 'date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) return parseError(def, value);
      return value;
    case 'datetime': {
      const time = typeof value === 'string' ? parseSfDate(value) : NaN;
      if (Number.isNaN(time)) return parseError(def, value);
      return sfDateTime(new Date(time));
    }
    case 'reference':
    case 'id':
      return reference(org, def, value);
    default: {
      if (typeof value === 'object') return parseError(def, value);
      const text = String(value);
      if (text === '') return null;
      if (text.length > def.length) sfError(400, 'STRING_TOO_LONG', `${def.label}: data value too large: ${text} (max length=${def.length})`, [def.name]);
      if (def.type === 'email' && !EMAIL.test(text)) sfError(400, 'INVALID_EMAIL_ADDRESS', `${def.label}: invalid email address: ${text}`, [def.name]);
      // Only a restricted picklist refuses values outside its list; an unrestricted one stores any text.
      const chosen = def.type === 'multipicklist' ? text.split(';') : def.type === 'picklist' ? [text] : [];
      const outside = def.restrictedPicklist ? chosen.find((one) => !def.picklistValues.some((p) => p.active && p.value === one)) : undefined;
      if (outside !== undefined) {
        sfError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${def.label}: bad value for restricted picklist field: ${outside}`, [def.name]);
      }
      return text;
    }
  }
};

const reference = (org: Org, def: FieldDef, value: unknown): string => {
  const id = normalizeId(value);
  if (!id) return sfError(400, 'MALFORMED_ID', `${def.label}: id value of incorrect type: ${String(value)}`, [def.name]);
  if (def.referenceTo.includes('RecordType')) {
    const known = Object.values(org.schema).some((o) => o.recordTypes.some((rt) => rt.recordTypeId === id));
    if (!known) sfError(400, 'INVALID_CROSS_REFERENCE_KEY', `${def.label}: invalid cross reference id`, [def.name]);
    return id;
  }
  const target = org.objectOfId(id);
  if (!target || !def.referenceTo.includes(target.name)) {
    return sfError(400, 'FIELD_INTEGRITY_EXCEPTION', `${def.label}: id value of incorrect type: ${String(value)}`, [def.name]);
  }
  if (!org.records.has(id)) sfError(400, 'INVALID_CROSS_REFERENCE_KEY', `${def.label}: invalid cross reference id`, [def.name]);
  return id;
};

const fullName = (f: Record<string, unknown>) => [f.FirstName, f.LastName].filter((v) => v !== null && v !== undefined && v !== '').join(' ');

const ADDRESS_PREFIXES: Record<string, string[]> = { Lead: [''], Contact: ['Mailing'], Account: ['Billing', 'PersonMailing'] };
const COUNTRY_PROBLEM = "There's a problem with this country, even though it may appear correct. Please select a country/territory from the list of valid countries.";
const STATE_PROBLEM = "There's a problem with this state, even though it may appear correct. Please select a state from the list of valid states.";

/** State and country picklists: keep the text and code fields of one address in step, rejecting unknown values. */
const resolveAddress = (fields: Record<string, unknown>, given: Set<string>, prefix: string): void => {
  const [countryCode, country, stateCode, state] = [`${prefix}CountryCode`, `${prefix}Country`, `${prefix}StateCode`, `${prefix}State`];
  if (![countryCode, country, stateCode, state].some((k) => given.has(k))) return;
  let found: Country | undefined;
  if (given.has(countryCode) && fields[countryCode] != null) found = COUNTRIES.find((c) => c.alpha2 === fields[countryCode]);
  else if (given.has(country) && fields[country] != null) {
    found = findCountry(String(fields[country]));
    if (!found) sfError(400, 'FIELD_INTEGRITY_EXCEPTION', COUNTRY_PROBLEM, [country]);
  } else if (!given.has(countryCode) && !given.has(country) && fields[countryCode] != null) {
    found = COUNTRIES.find((c) => c.alpha2 === fields[countryCode]);
  }
  fields[countryCode] = found?.alpha2 ?? null;
  fields[country] = found?.name ?? null;
  const stateInput = given.has(stateCode) ? fields[stateCode] : given.has(state) ? fields[state] : fields[stateCode];
  if (stateInput === null || stateInput === undefined) {
    fields[stateCode] = null;
    if (given.has(stateCode) || given.has(state)) fields[state] = null;
    return;
  }
  if (!found) sfError(400, 'FIELD_INTEGRITY_EXCEPTION', 'You can only select a state or province if you also select a country or territory.', [stateCode]);
  const region = findRegion(found!, String(stateInput));
  if (!region) sfError(400, 'FIELD_INTEGRITY_EXCEPTION', STATE_PROBLEM, [given.has(state) ? state : stateCode]);
  fields[stateCode] = region!.code.split('-')[1];
  fields[state] = region!.name;
};

const eventRules = (org: Org, fields: Record<string, unknown>, given: Set<string>, creating: boolean): void => {
  if (!fields.StartDateTime && fields.IsAllDayEvent === true && fields.ActivityDate) fields.StartDateTime = sfDateTime(new Date(`${String(fields.ActivityDate)}T00:00:00Z`));
  if (!fields.StartDateTime) sfError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [StartDateTime]', ['StartDateTime']);
  const start = parseSfDate(fields.StartDateTime);
  const endGiven = given.has('EndDateTime') && fields.EndDateTime != null;
  const durationGiven = given.has('DurationInMinutes') && fields.DurationInMinutes != null;
  if (endGiven && durationGiven) {
    if (parseSfDate(fields.EndDateTime) - start !== Number(fields.DurationInMinutes) * 60_000) {
      sfError(400, 'FIELD_INTEGRITY_EXCEPTION', 'Duration: does not match the start and end date times', ['DurationInMinutes']);
    }
  } else if (durationGiven || (!endGiven && !creating && given.has('StartDateTime') && fields.DurationInMinutes != null)) {
    fields.EndDateTime = sfDateTime(new Date(start + Number(fields.DurationInMinutes) * 60_000));
  } else if (fields.EndDateTime != null) {
    fields.DurationInMinutes = Math.round((parseSfDate(fields.EndDateTime) - start) / 60_000);
  } else if (fields.IsAllDayEvent === true) {
    fields.DurationInMinutes = 1440;
    fields.EndDateTime = sfDateTime(new Date(start + 1440 * 60_000));
  } else {
    sfError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [EndDateTime]', ['EndDateTime']);
  }
  const minutes = Number(fields.DurationInMinutes);
  if (minutes < 0) sfError(400, 'FIELD_INTEGRITY_EXCEPTION', "End Date Time: End time can't be before start time", ['EndDateTime']);
  if (minutes > MAX_EVENT_MINUTES) sfError(400, 'FIELD_INTEGRITY_EXCEPTION', "Event duration can't exceed 14 days", ['DurationInMinutes']);
  fields.ActivityDateTime = fields.StartDateTime;
  fields.ActivityDate = new Date(start).toISOString().slice(0, 10);
  const who = fields.WhoId ? org.get(fields.WhoId) : undefined;
  const what = fields.WhatId ? org.get(fields.WhatId) : undefined;
  if (who?.type === 'Lead' && what) {
    sfError(400, 'FIELD_INTEGRITY_EXCEPTION', 'Related To ID: You can’t associate a lead with a related record. Remove the Related To value or choose a contact.', ['WhatId']);
  }
  fields.AccountId = what?.type === 'Account' ? fields.WhatId : (what?.fields.AccountId ?? (who?.type === 'Contact' ? who.fields.AccountId : null) ?? null);
};

const accountRules = (org: Org, fields: Record<string, unknown>, given: Set<string>, existing: SfRecord | undefined): void => {
  if (!org.features.personAccounts) return;
  if (existing && given.has('RecordTypeId') && fields.RecordTypeId !== existing.fields.RecordTypeId) {
    sfError(400, 'FIELD_INTEGRITY_EXCEPTION', 'Record Type ID: changing between person and business accounts is not supported', ['RecordTypeId']);
  }
  fields.RecordTypeId ??= BUSINESS_ACCOUNT_RECORD_TYPE;
  const person = fields.RecordTypeId === PERSON_ACCOUNT_RECORD_TYPE;
  fields.IsPersonAccount = person;
  if (!person) {
    const used = Object.keys(PERSON_ACCOUNT_FIELDS).find((f) => given.has(f) && fields[f] != null);
    if (used) sfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', `Business Account may not use Person Account field ${used}`, [used]);
    return;
  }
  if (given.has('Name')) sfError(400, 'INVALID_FIELD_FOR_INSERT_UPDATE', 'Person Account may not use Business Account field Name', ['Name']);
  if (!fields.LastName) sfError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [LastName]', ['LastName']);
  fields.Name = fullName(fields);
};

const topicRules = (org: Org, type: string, fields: Record<string, unknown>, selfId: string | undefined): void => {
  if (type === 'Topic') {
    const clash = org.all('Topic').find(({ id, record }) => id !== selfId && String(record.fields.Name).toLowerCase() === String(fields.Name).toLowerCase());
    if (clash) sfError(400, 'DUPLICATE_VALUE', `duplicate value found: Name duplicates value on record with id: ${clash.id}`);
  }
  if (type === 'TopicAssignment') {
    const entity = org.get(fields.EntityId)!;
    if (!org.features.topics.includes(entity.type)) sfError(400, 'FIELD_INTEGRITY_EXCEPTION', `Topics aren't enabled for ${entity.type} records.`, ['EntityId']);
    const clash = org.all('TopicAssignment').find(({ record }) => record.fields.TopicId === fields.TopicId && record.fields.EntityId === fields.EntityId);
    if (clash) sfError(400, 'DUPLICATE_VALUE', `duplicate value found: <unknown> duplicates value on record with id: ${clash.id}`);
    fields.EntityType = entity.type;
    fields.EntityKeyPrefix = String(fields.EntityId).slice(0, 3);
  }
};

/** Standard duplicate rules: Lead email vs Contacts and open Leads; Contact email vs Contacts (salesforce.md §3.2). */
const duplicateRules = (org: Org, type: string, fields: Record<string, unknown>, selfId: string | undefined, options: WriteOptions): void => {
  const mode = org.features.duplicateRules;
  if (!mode || (mode === 'alert' && options.allowSave) || !fields.Email || (type !== 'Lead' && type !== 'Contact')) return;
  const email = String(fields.Email).toLowerCase();
  const candidates = type === 'Lead' ? ['Contact', 'Lead'] : ['Contact'];
  const matchResults = candidates
    .map((entityType) => {
      const matches = org
        .all(entityType)
        .filter(({ id, record }) => id !== selfId && String(record.fields.Email ?? '').toLowerCase() === email && record.fields.IsConverted !== true);
      return {
        entityType,
        errors: [],
        matchEngine: 'FuzzyMatchEngine',
        matchRecords: matches.map(({ id }) => ({
          additionalInformation: [],
          fieldDiffs: [],
          matchConfidence: 100.0,
          record: { attributes: { type: entityType, url: `/services/data/v62.0/sobjects/${entityType}/${id}` }, Id: id },
        })),
        rule: `Standard_${entityType}_Match_Rule_v1_1`,
        size: matches.length,
        success: true,
      };
    })
    .filter((r) => r.size > 0);
  if (matchResults.length === 0) return;
  const message = "You're creating a duplicate record. We recommend you use an existing record instead.";
  sfError(400, 'DUPLICATES_DETECTED', message, [], {
    duplicateResut: {
      allowSave: mode === 'alert',
      duplicateRule: `Standard_${type}_Duplicate_Rule`,
      duplicateRuleEntityType: type,
      errorMessage: message,
      matchResults,
    },
  });
};

const applyDefaults = (org: Org, object: ObjectDef, fields: Record<string, unknown>): void => {
  for (const def of object.fields) {
    if (!def.defaultedOnCreate || fields[def.name] != null) continue;
    const picked = def.picklistValues.find((p) => p.defaultValue);
    if (picked) fields[def.name] = picked.value;
    else if (def.type === 'boolean') fields[def.name] = false;
    else if (def.name === 'OwnerId') fields[def.name] = ADMIN_USER_ID;
    else if (def.name === 'TalkingAbout') fields[def.name] = 0;
    else if (def.autoNumber) fields[def.name] = String(org.all(object.name).length + 1001).padStart(8, '0');
  }
};

/** Validates `input` against the object and writes it; returns the record id. */
export const writeRecord = (org: Org, object: ObjectDef, input: Record<string, unknown>, options: WriteOptions, existingId?: string): string => {
  const existing = existingId ? org.records.get(existingId) : undefined;
  const creating = !existing;
  const unknown: string[] = [];
  const readOnly: string[] = [];
  const given = new Set<string>();
  const fields: Record<string, unknown> = existing ? { ...existing.fields } : {};
  for (const [key, value] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const def = fieldOf(object, key);
    if (!def) {
      unknown.push(key);
      continue;
    }
    if (def.name === 'Id') sfError(400, 'INVALID_FIELD', 'The Id field should not be specified in the sobject data.', ['Id']);
    if (!(creating ? def.createable : def.updateable)) readOnly.push(def.name);
    given.add(def.name);
    fields[def.name] = value;
  }
  if (unknown.length) sfError(400, 'INVALID_FIELD', `No such column '${unknown[0]}' on sobject of type ${object.name}`, unknown);
  if (readOnly.length) {
    sfError(
      400,
      'INVALID_FIELD_FOR_INSERT_UPDATE',
      `Unable to create/update fields: ${readOnly.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      readOnly,
    );
  }
  for (const name of given) fields[name] = coerce(org, fieldOf(object, name)!, fields[name]);
  if (creating) applyDefaults(org, object, fields);

  const type = object.name;
  if (org.features.statePicklists) for (const prefix of ADDRESS_PREFIXES[type] ?? []) resolveAddress(fields, given, prefix);
  if (type === 'Lead' || type === 'Contact') fields.Name = fullName(fields);
  if (type === 'Account') accountRules(org, fields, given, existing);
  if (type === 'Event') eventRules(org, fields, given, creating);
  if ((type === 'Event' || type === 'Case' || type === 'Lead') && object.recordTypes.length > 1) recordTypeRules(object, fields, given, creating);
  recordTypePicklists(object, fields, given);
  if (type === 'Case') fields.IsClosed = fields.Status === 'Closed';
  if (type === 'Task') fields.IsClosed = TASK_STATUSES.some((s) => s.closed && s.label === fields.Status);
  if (type === 'Opportunity') {
    fields.IsClosed = String(fields.StageName).startsWith('Closed');
    fields.IsWon = fields.StageName === 'Closed Won';
  }
  topicRules(org, type, fields, existingId);
  if (type === 'CampaignMember') campaignMemberRules(org, fields, existingId);

  const missing = object.fields.filter((d) => d.createable && !d.nillable && !d.defaultedOnCreate && (fields[d.name] === null || fields[d.name] === undefined)).map((d) => d.name);
  if (missing.length) sfError(400, 'REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
  if (creating || given.has('Email')) duplicateRules(org, type, fields, existingId, options);

  const now = sfDateTime(new Date());
  const id = existingId ?? org.newId(object);
  if (creating) Object.assign(fields, { Id: id, IsDeleted: false, CreatedDate: now, CreatedById: ADMIN_USER_ID });
  Object.assign(fields, { LastModifiedDate: now, LastModifiedById: ADMIN_USER_ID, SystemModstamp: now });
  org.records.set(id, { type, fields });

  if (type === 'Account' && fields.IsPersonAccount === true) syncPersonContact(org, id, fields);
  if (type === 'TopicAssignment') countTopic(org, String(fields.TopicId));
  if (type === 'Event') recordEventChange(org, id, fields, creating ? ['created'] : [...given]);
  if (type === 'Campaign' && creating) defaultMemberStatuses(org, id, options);
  return id;
};

/** A record type the object has (the users' default when none is given, on create); another is refused as Salesforce does. */
const recordTypeRules = (object: ObjectDef, fields: Record<string, unknown>, given: Set<string>, creating: boolean): void => {
  if (creating && !given.has('RecordTypeId')) fields.RecordTypeId = object.recordTypes.find((rt) => rt.defaultRecordTypeMapping)?.recordTypeId ?? null;
  if (given.has('RecordTypeId') && !object.recordTypes.some((rt) => rt.recordTypeId === fields.RecordTypeId)) {
    sfError(400, 'INVALID_CROSS_REFERENCE_KEY', `Record Type ID: this ID value isn't valid for the user: ${String(fields.RecordTypeId)}`, ['RecordTypeId']);
  }
};

/**
 * A restricted picklist also refuses a value its record's record type does not offer (the same
 * INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST; public deployment reports, e.g. gearset.com's "data
 * deployments and picklist errors"); an unrestricted one stores it.
 */
const recordTypePicklists = (object: ObjectDef, fields: Record<string, unknown>, given: Set<string>): void => {
  const offered = object.recordTypes.find((rt) => rt.recordTypeId === fields.RecordTypeId)?.picklists ?? {};
  for (const [name, values] of Object.entries(offered)) {
    const def = fieldOf(object, name);
    const value = fields[name];
    if (!def?.restrictedPicklist || !given.has(name) || value === null || value === undefined) continue;
    const outside = String(value).split(';').find((one) => !values.includes(one));
    if (outside !== undefined) sfError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${def.label}: bad value for restricted picklist field: ${outside}`, [def.name]);
  }
};

/** "When you create a campaign, Salesforce creates two default member status values: Sent and Responded." */
const defaultMemberStatuses = (org: Org, campaignId: string, options: WriteOptions): void => {
  const statuses = org.schema.CampaignMemberStatus!;
  writeRecord(org, statuses, { CampaignId: campaignId, Label: 'Sent', IsDefault: true, HasResponded: false, SortOrder: 1 }, options);
  writeRecord(org, statuses, { CampaignId: campaignId, Label: 'Responded', IsDefault: false, HasResponded: true, SortOrder: 2 }, options);
};

/** A member's status is one of its campaign's labels (the default when none is given); one membership per person. */
const campaignMemberRules = (org: Org, fields: Record<string, unknown>, selfId: string | undefined): void => {
  if (!fields.LeadId && !fields.ContactId) sfError(400, 'REQUIRED_FIELD_MISSING', 'Required fields are missing: [LeadId or ContactId]', ['ContactId']);
  const statuses = org.all('CampaignMemberStatus').filter(({ record }) => record.fields.CampaignId === fields.CampaignId).map(({ record }) => record.fields);
  if (fields.Status === undefined || fields.Status === null) fields.Status = statuses.find((s) => s.IsDefault === true)?.Label ?? null;
  const status = statuses.find((s) => s.Label === fields.Status);
  if (!status) sfError(400, 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Status: bad value for restricted picklist field: ${String(fields.Status)}`, ['Status']);
  fields.HasResponded = status!.HasResponded === true;
  const person = fields.LeadId ? 'LeadId' : 'ContactId';
  const clash = org.all('CampaignMember').find(({ id, record }) => id !== selfId && record.fields.CampaignId === fields.CampaignId && record.fields[person] === fields[person]);
  if (clash) sfError(400, 'DUPLICATE_VALUE', `Already a campaign member.`, [person]);
};

/** A person account's contact mirrors its person fields; Salesforce keeps the two in step. */
const syncPersonContact = (org: Org, accountId: string, account: Record<string, unknown>): void => {
  const contactObject = org.schema.Contact!;
  let contactId = account.PersonContactId as string | undefined;
  const now = account.LastModifiedDate;
  if (!contactId) {
    contactId = org.newId(contactObject);
    account.PersonContactId = contactId;
    const contact: Record<string, unknown> = { Id: contactId, IsDeleted: false, CreatedDate: now, CreatedById: ADMIN_USER_ID, HasOptedOutOfEmail: false };
    org.records.set(contactId, { type: 'Contact', fields: contact });
  }
  const contact = org.records.get(contactId)!.fields;
  for (const [accountField, contactField] of Object.entries(PERSON_ACCOUNT_FIELDS)) contact[contactField] = account[accountField] ?? null;
  Object.assign(contact, {
    AccountId: accountId,
    IsPersonAccount: true,
    OwnerId: account.OwnerId,
    Phone: account.Phone ?? null,
    Name: account.Name,
    LastModifiedDate: now,
    LastModifiedById: ADMIN_USER_ID,
    SystemModstamp: now,
  });
};

const countTopic = (org: Org, topicId: string): void => {
  const topic = org.records.get(topicId);
  if (topic) topic.fields.TalkingAbout = org.all('TopicAssignment').filter(({ record }) => record.fields.TopicId === topicId).length;
};

const recordEventChange = (org: Org, id: string, fields: Record<string, unknown>, changes: string[]): void => {
  const history = org.eventHistory.get(id) ?? [];
  history.push({ time: String(fields.LastModifiedDate), status: fields.Event_Status__c ?? null, start: fields.StartDateTime, end: fields.EndDateTime, changes });
  org.eventHistory.set(id, history);
};

/** Deletes a record and what cannot outlive it: topic assignments, and a person account's contact. */
export const deleteRecord = (org: Org, id: string): void => {
  const record = org.records.get(id);
  if (!record) return;
  org.records.delete(id);
  if (record.type === 'Account' && record.fields.PersonContactId) org.records.delete(String(record.fields.PersonContactId));
  for (const { id: assignmentId, record: assignment } of org.all('TopicAssignment')) {
    if (assignment.fields.EntityId === id || assignment.fields.TopicId === id) org.records.delete(assignmentId);
  }
  if (record.type === 'TopicAssignment') countTopic(org, String(record.fields.TopicId));
};
