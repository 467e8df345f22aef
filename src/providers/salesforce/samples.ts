import type { PlainOutputField } from 'zapier-platform-core';

/** What a Salesforce Create or Update Contact step returns, for the op file's sample and output fields. */
export const salesforceContactSample = {
  id: '00Q5g00000ABcdeEAC',
  crm: 'salesforce',
  object_type: 'Lead',
  created: true,
  email: 'ada.lovelace@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  url: 'https://acme.my.salesforce.com/lightning/r/Lead/00Q5g00000ABcdeEAC/view',
  owner_id: '005000000000001AAA',
  account_id: null,
  company: 'Unspecified',
  lead_status: 'Open - Not Contacted',
  person_contact_id: null,
  last_modified_date: null,
  fields_written: ['FirstName', 'LastName', 'Email', 'LeadSource', 'Company'],
  defaults_applied: ['Company'],
  ignored_inputs: [],
};

export const salesforceContactOutputFields: PlainOutputField[] = [
  { key: 'owner_id', label: 'Owner ID', type: 'string' },
  { key: 'account_id', label: 'Account ID (Contacts)', type: 'string' },
  { key: 'company', label: 'Company (Leads)', type: 'string' },
  { key: 'lead_status', label: 'Lead Status', type: 'string' },
  { key: 'person_contact_id', label: 'Person Contact ID (Person Accounts)', type: 'string' },
  { key: 'last_modified_date', label: 'Last Modified Date', type: 'datetime' },
  { key: 'fields_written', label: 'Salesforce Fields Written', type: 'string', list: true },
  { key: 'defaults_applied', label: 'Required Fields Given Defaults', type: 'string', list: true },
  { key: 'ignored_inputs', label: 'Inputs Salesforce Has No Field For', type: 'string', list: true },
];

export const salesforceActivitySample = {
  id: '00U5g00000XyZ12EAB',
  crm: 'salesforce',
  created: true,
  action: 'created',
  status: 'Scheduled',
  booking_id: 'BKNG-J4FR05BKEWEX',
  url: 'https://acme.my.salesforce.com/lightning/r/Event/00U5g00000XyZ12EAB/view',
  who_id: '0035g00000QwErTAAZ',
  what_id: null,
  booking_id_field: 'OnceHub_Booking_ID__c',
  status_field: 'Event_Status__c',
};
