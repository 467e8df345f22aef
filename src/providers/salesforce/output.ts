import type { PlainOutputField } from 'zapier-platform-core';

/** The fields a Salesforce activity (an Event) output carries beyond the ones every CRM's activity has. */
export const salesforceActivityOutputFields: PlainOutputField[] = [
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
