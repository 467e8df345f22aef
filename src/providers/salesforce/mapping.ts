import type { PlainOutputField } from 'zapier-platform-core';
import type { PersonObject } from './records';

/**
 * Where each neutral contact input lands on each Salesforce person object. `undefined` means
 * the object has no such field: the value is left out and reported in `ignored_inputs`.
 */
export type NeutralKey =
  | 'first_name'
  | 'last_name'
  | 'email'
  | 'phone'
  | 'mobile_phone'
  | 'company'
  | 'job_title'
  | 'website'
  | 'city'
  | 'postal_code'
  | 'lead_source'
  | 'owner_id'
  | 'contact_type';

export const FIELD_MAP: Record<NeutralKey, Record<PersonObject, string | undefined>> = {
  first_name: { Lead: 'FirstName', Contact: 'FirstName', PersonAccount: 'FirstName' },
  last_name: { Lead: 'LastName', Contact: 'LastName', PersonAccount: 'LastName' },
  email: { Lead: 'Email', Contact: 'Email', PersonAccount: 'PersonEmail' },
  phone: { Lead: 'Phone', Contact: 'Phone', PersonAccount: 'Phone' },
  mobile_phone: { Lead: 'MobilePhone', Contact: 'MobilePhone', PersonAccount: 'PersonMobilePhone' },
  company: { Lead: 'Company', Contact: undefined, PersonAccount: undefined },
  job_title: { Lead: 'Title', Contact: 'Title', PersonAccount: 'PersonTitle' },
  website: { Lead: 'Website', Contact: undefined, PersonAccount: 'Website' },
  city: { Lead: 'City', Contact: 'MailingCity', PersonAccount: 'PersonMailingCity' },
  postal_code: { Lead: 'PostalCode', Contact: 'MailingPostalCode', PersonAccount: 'PersonMailingPostalCode' },
  lead_source: { Lead: 'LeadSource', Contact: 'LeadSource', PersonAccount: 'PersonLeadSource' },
  owner_id: { Lead: 'OwnerId', Contact: 'OwnerId', PersonAccount: 'OwnerId' },
  // Contact type is a classification: a Lead's Status, a Person Account's Type; Contacts have no standard field for it.
  contact_type: { Lead: 'Status', Contact: undefined, PersonAccount: 'Type' },
};

/** Address fields share a prefix per object; Street joins both address lines. */
export const ADDRESS_PREFIX: Record<PersonObject, string> = { Lead: '', Contact: 'Mailing', PersonAccount: 'PersonMailing' };

export const addressFields = (object: PersonObject) => {
  const prefix = ADDRESS_PREFIX[object];
  return {
    street: `${prefix}Street`,
    state: `${prefix}State`,
    stateCode: `${prefix}StateCode`,
    country: `${prefix}Country`,
    countryCode: `${prefix}CountryCode`,
  };
};

/** Every field the standard inputs can write, so dynamic fields skip them. */
export const standardFieldNames = (object: PersonObject): string[] => [
  ...Object.values(FIELD_MAP)
    .map((row) => row[object])
    .filter((name): name is string => Boolean(name)),
  ...Object.values(addressFields(object)),
  'Name',
  'RecordTypeId',
];

/** The fields a Salesforce activity (an Event) output carries beyond the ones every CRM's activity has. */
export const salesforceActivityOutputFields: PlainOutputField[] = [
  { key: 'object_type', label: 'Logged As (Event or Task)', type: 'string' },
  { key: 'who_id', label: 'Name ID (the Lead or Contact)', type: 'string' },
  { key: 'what_id', label: 'Related To ID', type: 'string' },
  { key: 'booking_id_field', label: 'Booking ID Field', type: 'string' },
  { key: 'status_field', label: 'Status Field', type: 'string' },
];

/** The fields a Salesforce contact output carries beyond the ones every CRM's contact has. */
export const salesforceContactOutputFields: PlainOutputField[] = [
  { key: 'owner_id', label: 'Owner ID', type: 'string' },
  { key: 'owner_name', label: 'Owner', type: 'string' },
  { key: 'account_id', label: 'Account ID (Contacts)', type: 'string' },
  { key: 'company', label: 'Company (Leads)', type: 'string' },
  { key: 'lead_status', label: 'Lead Status', type: 'string' },
  { key: 'person_contact_id', label: 'Person Contact ID (Person Accounts)', type: 'string' },
  { key: 'last_modified_date', label: 'Last Modified Date', type: 'datetime' },
  { key: 'fields_written', label: 'Salesforce Fields Written', type: 'string', list: true },
  { key: 'defaults_applied', label: 'Required Fields Given Defaults', type: 'string', list: true },
  { key: 'ignored_inputs', label: 'Inputs Salesforce Has No Field For', type: 'string', list: true },
];
