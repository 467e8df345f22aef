import type { PlainOutputField } from 'zapier-platform-core';

/** The fields a Salesforce contact output carries beyond the ones every CRM's contact has. */
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
