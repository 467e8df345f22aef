import { COUNTRIES, REGIONS } from '../locales';
import { to18 } from './ids';

/**
 * Field metadata for the emulated objects, built from the org's feature switches so that
 * describe, validation and SOQL all agree on which fields exist.
 */

export interface OrgFeatures {
  /** State and Country/Territory picklists: `CountryCode`/`StateCode` fields that reject unknown codes. */
  statePicklists: boolean;
  /** Person Accounts: Account gets person fields and creating one creates its person contact. */
  personAccounts: boolean;
  /** Objects whose records accept TopicAssignment. */
  topics: string[];
  /** Standard duplicate rules on Lead/Contact email: off, alert (allowSave) or block. */
  duplicateRules: false | 'alert' | 'block';
  /** Makes the custom `Region__c` text field required on Lead and Contact (required-field defaults). */
  requireRegion: boolean;
  /** Refresh Token Rotation on the connected app. */
  rotateRefreshTokens: boolean;
  /**
   * An admin ticked "Restrict picklist to the values defined in the value set" on Lead Source.
   * Out of the box it is unrestricted, and the API stores any value in it.
   */
  restrictLeadSource: boolean;
  /** Lead record types (Inbound, Partner), each offering its own Lead Source values. */
  leadRecordTypes: boolean;
}

export const DEFAULT_FEATURES: OrgFeatures = {
  statePicklists: false,
  personAccounts: false,
  topics: ['Account', 'Contact', 'Lead', 'Case'],
  duplicateRules: false,
  requireRegion: false,
  restrictLeadSource: false,
  rotateRefreshTokens: false,
  leadRecordTypes: false,
};

export type FieldType =
  | 'id'
  | 'string'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'url'
  | 'picklist'
  | 'multipicklist'
  | 'combobox'
  | 'reference'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'int'
  | 'double';

export interface PicklistEntry {
  value: string;
  label: string;
  active: boolean;
  defaultValue: boolean;
  validFor: string | null;
}

export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  length: number;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  custom: boolean;
  filterable: boolean;
  idLookup: boolean;
  externalId: boolean;
  unique: boolean;
  autoNumber: boolean;
  calculated: boolean;
  picklistValues: PicklistEntry[];
  restrictedPicklist: boolean;
  dependentPicklist: boolean;
  controllerName: string | null;
  referenceTo: string[];
  relationshipName: string | null;
}

export interface ObjectDef {
  name: string;
  label: string;
  labelPlural: string;
  keyPrefix: string;
  createable: boolean;
  updateable: boolean;
  fields: FieldDef[];
  recordTypes: RecordTypeDef[];
}

/**
 * A record type and, per picklist field, the values it offers (UI API "picklist-values" per
 * record type); a field it does not list offers every active value.
 */
export interface RecordTypeDef {
  name: string;
  developerName: string;
  recordTypeId: string;
  master: boolean;
  defaultRecordTypeMapping: boolean;
  isPersonType?: boolean;
  picklists?: Record<string, string[]>;
}

type Extra = Partial<FieldDef> & { picklist?: (string | Partial<PicklistEntry>)[] };

const field = (name: string, label: string, type: FieldType, extra: Extra = {}): FieldDef => {
  const { picklist, ...rest } = extra;
  const custom = name.endsWith('__c') || name.endsWith('__pc');
  const isLong = type === 'textarea' && (rest.length ?? 255) > 255;
  return {
    name,
    label,
    type,
    length: type === 'multipicklist' ? 4099 : ['string', 'email', 'phone', 'url', 'picklist', 'combobox', 'textarea'].includes(type) ? 255 : type === 'id' || type === 'reference' ? 18 : 0,
    createable: true,
    updateable: true,
    nillable: true,
    defaultedOnCreate: false,
    custom,
    filterable: !isLong,
    idLookup: false,
    externalId: false,
    unique: false,
    autoNumber: false,
    calculated: false,
    restrictedPicklist: false,
    dependentPicklist: false,
    controllerName: null,
    referenceTo: [],
    relationshipName: null,
    ...rest,
    picklistValues: (picklist ?? []).map((p) =>
      typeof p === 'string'
        ? { value: p, label: p, active: true, defaultValue: false, validFor: null }
        : { value: p.value!, label: p.label ?? p.value!, active: p.active ?? true, defaultValue: p.defaultValue ?? false, validFor: p.validFor ?? null },
    ),
  };
};

const readOnly: Extra = { createable: false, updateable: false };

const SYSTEM_FIELDS = (): FieldDef[] => [
  field('Id', 'Record ID', 'id', { ...readOnly, nillable: false, defaultedOnCreate: true, idLookup: true }),
  field('IsDeleted', 'Deleted', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  field('CreatedDate', 'Created Date', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  field('CreatedById', 'Created By ID', 'reference', { ...readOnly, nillable: false, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'CreatedBy' }),
  field('LastModifiedDate', 'Last Modified Date', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  field('LastModifiedById', 'Last Modified By ID', 'reference', { ...readOnly, nillable: false, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'LastModifiedBy' }),
  field('SystemModstamp', 'System Modstamp', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
];

const owner = () => field('OwnerId', 'Owner ID', 'reference', { nillable: false, defaultedOnCreate: true, referenceTo: ['User'], relationshipName: 'Owner' });

const LEAD_SOURCES = ['Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other', { value: 'Trade Show (Legacy)', active: false }];
const SALUTATIONS = ['Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'];
const INDUSTRIES = ['Agriculture', 'Banking', 'Consulting', 'Education', 'Healthcare', 'Technology', 'Other'];

export const EVENT_STATUSES = [
  'Scheduled',
  'Rescheduled',
  'Completed',
  'Canceled',
  'No-show',
  'Scheduled (Reassigned by User)',
  'Rescheduled (Reassigned by User)',
];

/** Base64 bitmap of the controlling values a dependent picklist entry is valid for (describe `validFor`). */
const validFor = (controllerIndex: number, controllerCount: number): string => {
  const bytes = Buffer.alloc(Math.ceil(controllerCount / 8));
  bytes[controllerIndex >> 3]! |= 0x80 >> (controllerIndex & 7);
  return bytes.toString('base64');
};

/** The address block of one address prefix (`''` on Lead, `Mailing`, `Billing`, `PersonMailing`). */
const address = (prefix: string, features: OrgFeatures, labelPrefix = prefix): FieldDef[] => {
  const label = (text: string) => (labelPrefix ? `${labelPrefix} ${text}` : text);
  const fields = [
    field(`${prefix}Street`, label('Street'), 'textarea', { length: 255 }),
    field(`${prefix}City`, label('City'), 'string', { length: 40 }),
    field(`${prefix}State`, label('State/Province'), 'string', { length: 80 }),
    field(`${prefix}PostalCode`, label('Zip/Postal Code'), 'string', { length: 20 }),
    field(`${prefix}Country`, label('Country'), 'string', { length: 80 }),
  ];
  if (!features.statePicklists) return fields;
  const countries = COUNTRIES.map((c) => c.alpha2);
  const states = COUNTRIES.flatMap((c, index) =>
    (REGIONS[c.alpha3] ?? []).map((r) => ({ value: r.code.split('-')[1]!, label: r.name, validFor: validFor(index, countries.length) })),
  );
  return [
    ...fields,
    field(`${prefix}CountryCode`, label('Country Code'), 'picklist', {
      length: 10,
      restrictedPicklist: true,
      picklist: COUNTRIES.map((c) => ({ value: c.alpha2, label: c.name })),
    }),
    field(`${prefix}StateCode`, label('State Code'), 'picklist', {
      length: 10,
      restrictedPicklist: true,
      dependentPicklist: true,
      controllerName: `${prefix}CountryCode`,
      picklist: states,
    }),
  ];
};

const personCustom = (suffix: '__c' | '__pc', features: OrgFeatures, labelSuffix = ''): FieldDef[] => [
  field(`Booking_Source${suffix}`, `Booking Source${labelSuffix}`, 'string', { length: 255 }),
  field(`Preferred_Channel${suffix}`, `Preferred Channel${labelSuffix}`, 'picklist', {
    restrictedPicklist: true,
    picklist: ['Email', 'Phone', 'SMS', { value: 'Fax', active: false }],
  }),
  field(`Region${suffix}`, `Region${labelSuffix}`, 'string', { length: 100, nillable: suffix === '__pc' || !features.requireRegion }),
];

export const PERSON_ACCOUNT_RECORD_TYPE = '0128d000000PERSAA4';
export const BUSINESS_ACCOUNT_RECORD_TYPE = '0128d000000BUSIAA4';
const MASTER_RECORD_TYPE: RecordTypeDef = { name: 'Master', developerName: 'Master', recordTypeId: '012000000000000AAA', master: true, defaultRecordTypeMapping: true };

const lead = (f: OrgFeatures): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('LastName', 'Last Name', 'string', { length: 80, nillable: false }),
  field('FirstName', 'First Name', 'string', { length: 40 }),
  field('Salutation', 'Salutation', 'picklist', { picklist: SALUTATIONS }),
  field('Name', 'Full Name', 'string', { ...readOnly, length: 121, nillable: false, defaultedOnCreate: true }),
  field('Title', 'Title', 'string', { length: 128 }),
  field('Company', 'Company', 'string', { length: 255, nillable: f.personAccounts }),
  ...(f.leadRecordTypes ? [recordTypeId()] : []),
  ...address('', f),
  field('Email', 'Email', 'email', { length: 80, idLookup: true }),
  field('Phone', 'Phone', 'phone', { length: 40 }),
  field('MobilePhone', 'Mobile Phone', 'phone', { length: 40 }),
  field('Website', 'Website', 'url', { length: 255 }),
  field('Description', 'Description', 'textarea', { length: 32000 }),
  field('LeadSource', 'Lead Source', 'picklist', { restrictedPicklist: f.restrictLeadSource, picklist: LEAD_SOURCES }),
  field('Status', 'Status', 'picklist', {
    nillable: false,
    defaultedOnCreate: true,
    picklist: [{ value: 'Open - Not Contacted', defaultValue: true }, 'Working - Contacted', 'Closed - Converted', 'Closed - Not Converted'],
  }),
  field('Industry', 'Industry', 'picklist', { picklist: INDUSTRIES }),
  field('Rating', 'Rating', 'picklist', { picklist: ['Hot', 'Warm', 'Cold'] }),
  field('NumberOfEmployees', 'Employees', 'int'),
  field('HasOptedOutOfEmail', 'Email Opt Out', 'boolean', { nillable: false, defaultedOnCreate: true }),
  owner(),
  field('IsConverted', 'Converted', 'boolean', { updateable: false, nillable: false, defaultedOnCreate: true }),
  field('ConvertedContactId', 'Converted Contact ID', 'reference', { ...readOnly, referenceTo: ['Contact'], relationshipName: 'ConvertedContact' }),
  field('ConvertedAccountId', 'Converted Account ID', 'reference', { ...readOnly, referenceTo: ['Account'], relationshipName: 'ConvertedAccount' }),
  ...personCustom('__c', f),
];

const contact = (f: OrgFeatures): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
  field('LastName', 'Last Name', 'string', { length: 80, nillable: false }),
  field('FirstName', 'First Name', 'string', { length: 40 }),
  field('Salutation', 'Salutation', 'picklist', { picklist: SALUTATIONS }),
  field('Name', 'Full Name', 'string', { ...readOnly, length: 121, nillable: false, defaultedOnCreate: true }),
  field('Title', 'Title', 'string', { length: 128 }),
  field('Department', 'Department', 'string', { length: 80 }),
  ...address('Mailing', f),
  field('Email', 'Email', 'email', { length: 80, idLookup: true }),
  field('Phone', 'Business Phone', 'phone', { length: 40 }),
  field('MobilePhone', 'Mobile Phone', 'phone', { length: 40 }),
  field('Description', 'Contact Description', 'textarea', { length: 32000 }),
  field('LeadSource', 'Lead Source', 'picklist', { restrictedPicklist: f.restrictLeadSource, picklist: LEAD_SOURCES }),
  field('Birthdate', 'Birthdate', 'date'),
  field('HasOptedOutOfEmail', 'Email Opt Out', 'boolean', { nillable: false, defaultedOnCreate: true }),
  owner(),
  ...(f.personAccounts ? [field('IsPersonAccount', 'Is Person Account', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true })] : []),
  ...personCustom('__c', f),
];

/** Person fields an Account carries in a Person Account org; a business account may not set them. */
export const PERSON_ACCOUNT_FIELDS: Record<string, string> = {
  FirstName: 'FirstName',
  LastName: 'LastName',
  Salutation: 'Salutation',
  PersonEmail: 'Email',
  PersonMobilePhone: 'MobilePhone',
  PersonMailingStreet: 'MailingStreet',
  PersonMailingCity: 'MailingCity',
  PersonMailingState: 'MailingState',
  PersonMailingPostalCode: 'MailingPostalCode',
  PersonMailingCountry: 'MailingCountry',
  PersonMailingStateCode: 'MailingStateCode',
  PersonMailingCountryCode: 'MailingCountryCode',
  PersonLeadSource: 'LeadSource',
  Booking_Source__pc: 'Booking_Source__c',
  Preferred_Channel__pc: 'Preferred_Channel__c',
  Region__pc: 'Region__c',
};

const account = (f: OrgFeatures): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('Name', 'Account Name', 'string', { length: 255, nillable: false, idLookup: true }),
  field('Type', 'Account Type', 'picklist', { picklist: ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner', 'Other'] }),
  field('Industry', 'Industry', 'picklist', { picklist: INDUSTRIES }),
  field('Phone', 'Account Phone', 'phone', { length: 40 }),
  field('Website', 'Website', 'url', { length: 255 }),
  field('Description', 'Account Description', 'textarea', { length: 32000 }),
  field('NumberOfEmployees', 'Employees', 'int'),
  ...address('Billing', f),
  owner(),
  ...(f.personAccounts
    ? [
        field('RecordTypeId', 'Record Type ID', 'reference', { referenceTo: ['RecordType'], relationshipName: 'RecordType', defaultedOnCreate: true }),
        field('IsPersonAccount', 'Is Person Account', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
        field('PersonContactId', 'Person Contact ID', 'reference', { ...readOnly, referenceTo: ['Contact'], relationshipName: 'PersonContact' }),
        field('FirstName', 'First Name', 'string', { length: 40 }),
        field('LastName', 'Last Name', 'string', { length: 80 }),
        field('Salutation', 'Salutation', 'picklist', { picklist: SALUTATIONS }),
        field('PersonEmail', 'Email', 'email', { length: 80 }),
        field('PersonMobilePhone', 'Mobile', 'phone', { length: 40 }),
        field('PersonLeadSource', 'Lead Source', 'picklist', { restrictedPicklist: f.restrictLeadSource, picklist: LEAD_SOURCES }),
        ...address('PersonMailing', f, 'Mailing'),
        ...personCustom('__pc', f, ' (Person)'),
      ]
    : []),
];

const recordTypeId = () => field('RecordTypeId', 'Record Type ID', 'reference', { referenceTo: ['RecordType'], relationshipName: 'RecordType', defaultedOnCreate: true });

/** Record types an admin might add: the first is the users' default; each may narrow the picklists it offers. */
const typesOf = (prefix: string, types: Record<string, Record<string, string[]>>): RecordTypeDef[] => [
  ...Object.entries(types).map(([name, picklists], i) => ({
    name,
    developerName: name.replace(/\W+/g, '_'),
    recordTypeId: to18(`012${prefix}${String(i + 1).padStart(10, '0')}`),
    master: false,
    defaultRecordTypeMapping: i === 0,
    picklists,
  })),
  { ...MASTER_RECORD_TYPE, defaultRecordTypeMapping: false },
];

const event = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  recordTypeId(),
  field('Subject', 'Subject', 'combobox', { picklist: ['Call', 'Email', 'Meeting', 'Send Letter/Quote', 'Other'] }),
  field('StartDateTime', 'Start Date Time', 'datetime'),
  field('EndDateTime', 'End Date Time', 'datetime'),
  field('DurationInMinutes', 'Duration', 'int'),
  field('ActivityDateTime', 'Due Date Time', 'datetime'),
  field('ActivityDate', 'Due Date Only', 'date'),
  field('IsAllDayEvent', 'All-Day Event', 'boolean', { nillable: false, defaultedOnCreate: true }),
  field('WhoId', 'Name ID', 'reference', { referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' }),
  field('WhatId', 'Related To ID', 'reference', { referenceTo: ['Account', 'Case'], relationshipName: 'What' }),
  field('AccountId', 'Account ID', 'reference', { ...readOnly, referenceTo: ['Account'], relationshipName: 'Account' }),
  owner(),
  field('Location', 'Location', 'string', { length: 255 }),
  field('Description', 'Description', 'textarea', { length: 32000 }),
  field('ShowAs', 'Show Time As', 'picklist', { defaultedOnCreate: true, picklist: [{ value: 'Busy', defaultValue: true }, { value: 'OutOfOffice', label: 'Out of Office' }, 'Free'] }),
  field('Type', 'Type', 'picklist', { picklist: ['Call', 'Email', 'Meeting', 'Other'] }),
  field('IsPrivate', 'Private', 'boolean', { nillable: false, defaultedOnCreate: true }),
  field('IsReminderSet', 'Reminder Set', 'boolean', { nillable: false, defaultedOnCreate: true }),
  field('EventSubtype', 'Event Subtype', 'picklist', { updateable: false, defaultedOnCreate: true, picklist: [{ value: 'Event', defaultValue: true }] }),
  field('OnceHub_Booking_ID__c', 'OnceHub Booking ID', 'string', { length: 255, externalId: true, idLookup: true }),
  field('Event_Status__c', 'Event Status', 'picklist', {
    restrictedPicklist: true,
    picklist: [...EVENT_STATUSES, { value: 'Pending (Legacy)', active: false }],
  }),
  field('Cancel_Reschedule_Reason__c', 'Cancel/Reschedule Reason', 'textarea', { length: 32768 }),
];

/**
 * A Task (SOAP API Developer Guide, "Task"): due date only, a status from TaskStatus, and the same
 * Activity custom fields as Event (Activity custom fields are shared by Task and Event).
 */
export const TASK_STATUSES = [
  { label: 'Not Started', closed: false, default: true },
  { label: 'In Progress', closed: false, default: false },
  { label: 'Completed', closed: true, default: false },
  { label: 'Waiting on someone else', closed: false, default: false },
  { label: 'Deferred', closed: false, default: false },
];
const task = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('Subject', 'Subject', 'combobox', { picklist: ['Call', 'Email', 'Send Letter', 'Send Quote', 'Other'] }),
  field('ActivityDate', 'Due Date Only', 'date'),
  field('Status', 'Status', 'picklist', { nillable: false, defaultedOnCreate: true, picklist: TASK_STATUSES.map((s) => (s.default ? { value: s.label, defaultValue: true } : s.label)) }),
  field('Priority', 'Priority', 'picklist', { nillable: false, defaultedOnCreate: true, picklist: ['High', { value: 'Normal', defaultValue: true }, 'Low'] }),
  field('IsClosed', 'Closed', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  field('WhoId', 'Name ID', 'reference', { referenceTo: ['Contact', 'Lead'], relationshipName: 'Who' }),
  field('WhatId', 'Related To ID', 'reference', { referenceTo: ['Account', 'Case'], relationshipName: 'What' }),
  field('AccountId', 'Account ID', 'reference', { ...readOnly, referenceTo: ['Account'], relationshipName: 'Account' }),
  field('Description', 'Description', 'textarea', { length: 32000 }),
  owner(),
  field('OnceHub_Booking_ID__c', 'OnceHub Booking ID', 'string', { length: 255, externalId: true, idLookup: true }),
  field('Event_Status__c', 'Event Status', 'picklist', { restrictedPicklist: true, picklist: [...EVENT_STATUSES] }),
  field('Cancel_Reschedule_Reason__c', 'Cancel/Reschedule Reason', 'textarea', { length: 32768 }),
];

/** TaskStatus: the org's task statuses and which close a task (queried by MasterLabel and IsClosed). */
const taskStatus = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('MasterLabel', 'Master Label', 'string', { length: 255, nillable: false }),
  field('IsClosed', 'Closed', 'boolean', { nillable: false, defaultedOnCreate: true }),
  field('IsDefault', 'Default', 'boolean', { nillable: false, defaultedOnCreate: true }),
  field('SortOrder', 'Sort Order', 'int'),
];

const kase = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  recordTypeId(),
  field('CaseNumber', 'Case Number', 'string', { ...readOnly, length: 30, autoNumber: true, nillable: false, defaultedOnCreate: true, idLookup: true }),
  field('Subject', 'Subject', 'string', { length: 255 }),
  field('Description', 'Description', 'textarea', { length: 32000 }),
  field('Status', 'Status', 'picklist', { nillable: false, defaultedOnCreate: true, picklist: [{ value: 'New', defaultValue: true }, 'Working', 'Escalated', 'Closed'] }),
  field('Origin', 'Case Origin', 'picklist', { picklist: ['Phone', 'Email', 'Web'] }),
  field('Priority', 'Priority', 'picklist', { defaultedOnCreate: true, picklist: ['High', { value: 'Medium', defaultValue: true }, 'Low'] }),
  field('ContactId', 'Contact ID', 'reference', { referenceTo: ['Contact'], relationshipName: 'Contact' }),
  field('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
  field('SuppliedEmail', 'Web Email', 'email', { length: 80 }),
  field('SuppliedName', 'Web Name', 'string', { length: 80 }),
  field('SuppliedPhone', 'Web Phone', 'string', { length: 40 }),
  field('IsClosed', 'Closed', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  owner(),
];

/** Opportunity with the standard sales stages; IsClosed and IsWon follow the stage, as OpportunityStage defines them. */
export const OPPORTUNITY_STAGES = ['Prospecting', 'Qualification', 'Needs Analysis', 'Value Proposition', 'Proposal/Price Quote', 'Negotiation/Review', 'Closed Won', 'Closed Lost'];
const opportunity = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('Name', 'Name', 'string', { length: 120, nillable: false }),
  field('StageName', 'Stage', 'picklist', { nillable: false, picklist: OPPORTUNITY_STAGES }),
  field('CloseDate', 'Close Date', 'date', { nillable: false }),
  field('Amount', 'Amount', 'double'),
  field('AccountId', 'Account ID', 'reference', { referenceTo: ['Account'], relationshipName: 'Account' }),
  field('IsClosed', 'Closed', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  field('IsWon', 'Won', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
  owner(),
];

/**
 * The classic Note (SOAP API Developer Guide, "Note"): a title and body on a parent record; Lightning
 * lists it under Notes & Attachments.
 */
const note = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('ParentId', 'Parent ID', 'reference', { nillable: false, referenceTo: ['Account', 'Contact', 'Lead', 'Opportunity', 'Case'], relationshipName: 'Parent' }),
  field('Title', 'Title', 'string', { length: 80, nillable: false }),
  field('Body', 'Body', 'textarea', { length: 32000 }),
  field('IsPrivate', 'Private', 'boolean', { nillable: false, defaultedOnCreate: true }),
  owner(),
];

/**
 * Campaigns and their members (SOAP API Developer Guide: Campaign, CampaignMember,
 * CampaignMemberStatus). A member's Status is one of its campaign's own status labels; a Lead or
 * Contact is a member of a campaign at most once.
 */
const campaign = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('Name', 'Campaign Name', 'string', { length: 80, nillable: false }),
  field('IsActive', 'Active', 'boolean', { nillable: false, defaultedOnCreate: true }),
  field('Status', 'Status', 'picklist', { picklist: ['Planned', 'In Progress', 'Completed', 'Aborted'] }),
  field('Type', 'Type', 'picklist', { picklist: ['Webinar', 'Email', 'Conference', 'Other'] }),
  owner(),
];

const campaignMemberStatus = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('CampaignId', 'Campaign ID', 'reference', { nillable: false, referenceTo: ['Campaign'], relationshipName: 'Campaign' }),
  field('Label', 'Member Status', 'string', { length: 765, nillable: false }),
  field('IsDefault', 'Default', 'boolean', { nillable: false, defaultedOnCreate: true }),
  field('HasResponded', 'Responded', 'boolean', { nillable: false, defaultedOnCreate: true }),
  field('SortOrder', 'Sort Order', 'int'),
];

const campaignMember = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('CampaignId', 'Campaign ID', 'reference', { nillable: false, referenceTo: ['Campaign'], relationshipName: 'Campaign' }),
  field('LeadId', 'Lead ID', 'reference', { referenceTo: ['Lead'], relationshipName: 'Lead' }),
  field('ContactId', 'Contact ID', 'reference', { referenceTo: ['Contact'], relationshipName: 'Contact' }),
  field('Status', 'Status', 'string', { length: 40, defaultedOnCreate: true }),
  field('HasResponded', 'Responded', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
];

const topic = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('Name', 'Name', 'string', { length: 99, nillable: false, idLookup: true }),
  field('Description', 'Description', 'textarea', { length: 1000 }),
  field('TalkingAbout', 'Talking About', 'int', { ...readOnly, nillable: false, defaultedOnCreate: true }),
];

/** Objects that can have topics once enabled; `OrgFeatures.topics` says which are. */
export const TOPIC_CAPABLE = ['Account', 'Case', 'Contact', 'Event', 'Lead'];

const topicAssignment = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('TopicId', 'Topic ID', 'reference', { updateable: false, nillable: false, referenceTo: ['Topic'], relationshipName: 'Topic' }),
  field('EntityId', 'Entity ID', 'reference', { updateable: false, nillable: false, referenceTo: TOPIC_CAPABLE, relationshipName: 'Entity' }),
  field('EntityType', 'Entity Type', 'string', { ...readOnly, length: 40 }),
  field('EntityKeyPrefix', 'Entity Key Prefix', 'string', { ...readOnly, length: 3 }),
];

const user = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('Username', 'Username', 'string', { length: 80, nillable: false, idLookup: true, unique: true }),
  field('Email', 'Email', 'email', { length: 128, nillable: false }),
  field('FirstName', 'First Name', 'string', { length: 40 }),
  field('LastName', 'Last Name', 'string', { length: 80, nillable: false }),
  field('Name', 'Full Name', 'string', { ...readOnly, length: 121 }),
  field('Alias', 'Alias', 'string', { length: 8, nillable: false }),
  field('IsActive', 'Active', 'boolean', { nillable: false, defaultedOnCreate: true }),
  field('UserType', 'User Type', 'picklist', { ...readOnly, picklist: ['Standard', 'PowerPartner', 'CspLitePortal', 'Guest'] }),
  field('TimeZoneSidKey', 'Time Zone', 'picklist', { nillable: false, picklist: ['America/New_York', 'America/Los_Angeles', 'Europe/London'] }),
];

/** RecordType (Object Reference, "RecordType"): one row per record type, `IsPersonType` marks Person Account types. */
const recordType = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('Name', 'Name', 'string', { length: 80, nillable: false }),
  field('DeveloperName', 'Record Type Name', 'string', { length: 80, nillable: false }),
  field('SobjectType', 'SObject Type Name', 'string', { length: 40, nillable: false }),
  field('IsActive', 'Active', 'boolean', { nillable: false, defaultedOnCreate: true }),
  field('IsPersonType', 'Is Person Type', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
];

/** Read-only: the connector reads the org's name for the connection label. */
const organization = (): FieldDef[] => [
  ...SYSTEM_FIELDS(),
  field('Name', 'Name', 'string', { ...readOnly, length: 80, nillable: false }),
  field('OrganizationType', 'Edition', 'picklist', { ...readOnly, picklist: ['Developer Edition', 'Enterprise Edition', 'Unlimited Edition'] }),
  field('IsSandbox', 'Is Sandbox', 'boolean', { ...readOnly, nillable: false, defaultedOnCreate: true }),
];

const object = (name: string, label: string, labelPlural: string, keyPrefix: string, fields: FieldDef[], extra: Partial<ObjectDef> = {}): ObjectDef => ({
  name,
  label,
  labelPlural,
  keyPrefix,
  createable: true,
  updateable: true,
  fields,
  recordTypes: [MASTER_RECORD_TYPE],
  ...extra,
});

export const buildSchema = (f: OrgFeatures): Record<string, ObjectDef> => {
  const accountTypes = f.personAccounts
    ? [
        { name: 'Business Account', developerName: 'Business_Account', recordTypeId: BUSINESS_ACCOUNT_RECORD_TYPE, master: false, defaultRecordTypeMapping: true },
        { name: 'Person Account', developerName: 'PersonAccount', recordTypeId: PERSON_ACCOUNT_RECORD_TYPE, master: false, defaultRecordTypeMapping: false, isPersonType: true },
        { ...MASTER_RECORD_TYPE, defaultRecordTypeMapping: false },
      ]
    : [MASTER_RECORD_TYPE];
  const objects = [
    object('Lead', 'Lead', 'Leads', '00Q', lead(f), {
      recordTypes: f.leadRecordTypes
        ? typesOf('LE', { Inbound: { LeadSource: ['Web', 'Phone Inquiry', 'Other'] }, Partner: { LeadSource: ['Partner Referral', 'Other'] } })
        : [MASTER_RECORD_TYPE],
    }),
    object('Contact', 'Contact', 'Contacts', '003', contact(f)),
    object('Account', 'Account', 'Accounts', '001', account(f), { recordTypes: accountTypes }),
    object('Event', 'Event', 'Events', '00U', event(), { recordTypes: typesOf('EV', { 'Booking Meeting': {}, 'Internal Meeting': {} }) }),
    object('Task', 'Task', 'Tasks', '00T', task()),
    object('TaskStatus', 'Task Status', 'Task Statuses', '01J', taskStatus(), { createable: false, updateable: false }),
    object('Case', 'Case', 'Cases', '500', kase(), { recordTypes: typesOf('CA', {
        Support: { Origin: ['Phone', 'Email'] },
        'Booking Request': { Origin: ['Web'], Status: ['New', 'Working', 'Closed'], Priority: ['Medium', 'Low'] },
      }) }),
    object('Opportunity', 'Opportunity', 'Opportunities', '006', opportunity()),
    object('Note', 'Note', 'Notes', '002', note()),
    object('Campaign', 'Campaign', 'Campaigns', '701', campaign()),
    object('CampaignMemberStatus', 'Campaign Member Status', 'Campaign Member Statuses', '01Y', campaignMemberStatus()),
    object('CampaignMember', 'Campaign Member', 'Campaign Members', '00v', campaignMember()),
    object('Topic', 'Topic', 'Topics', '0TO', topic()),
    object('TopicAssignment', 'Topic Assignment', 'Topic Assignments', '0FT', topicAssignment(), { updateable: false }),
    object('RecordType', 'Record Type', 'Record Types', '012', recordType(), { createable: false, updateable: false }),
    object('User', 'User', 'Users', '005', user(), { createable: false, updateable: false }),
    object('Organization', 'Organization', 'Organizations', '00D', organization(), { createable: false, updateable: false }),
  ];
  return Object.fromEntries(objects.map((o) => [o.name, o]));
};

export const fieldOf = (object: ObjectDef, name: string): FieldDef | undefined =>
  object.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
