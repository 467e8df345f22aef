import type { PlainOutputField } from 'zapier-platform-core';

/** Samples and output labels shared by every operation that returns a contact, whatever the CRM. */
export const contactSample = {
  id: '2841',
  crm: 'keap',
  object_type: 'Contact',
  created: true,
  email: 'ada.lovelace@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  url: 'https://cb262.infusionsoft.com/Contact/manageContact.jsp?view=edit&ID=2841',
};

export const contactOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Contact ID', type: 'string' },
  { key: 'crm', label: 'CRM', type: 'string' },
  { key: 'object_type', label: 'Record Type', type: 'string' },
  { key: 'created', label: 'Created', type: 'boolean' },
  { key: 'email', label: 'Email', type: 'string' },
  { key: 'first_name', label: 'First Name', type: 'string' },
  { key: 'last_name', label: 'Last Name', type: 'string' },
  { key: 'url', label: 'Record URL', type: 'string' },
  { key: 'warnings', label: 'Warnings', type: 'string', list: true },
];

export const tagResultSample = {
  id: '2841',
  contact_id: '2841',
  action: 'applied',
  tags: [
    { id: '91', name: 'Scheduled', status: 'applied' },
    { id: '305', name: 'Scheduled (Booking ID: BKNG-J4FR05BKEWEX)', status: 'created' },
    { id: '93', name: 'Canceled', status: 'removed' },
  ],
  applied_count: 2,
  removed_count: 1,
};

export const tagResultOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Tagged Record ID (the contact)', type: 'string' },
  { key: 'contact_id', label: 'Contact ID', type: 'string' },
  { key: 'action', label: 'What the Step Did', type: 'string' },
  { key: 'tags[]id', label: 'Tag ID', type: 'string' },
  { key: 'tags[]name', label: 'Tag Name', type: 'string' },
  { key: 'tags[]status', label: 'Tag Outcome', type: 'string' },
  { key: 'applied_count', label: 'Tags Applied', type: 'integer' },
  { key: 'removed_count', label: 'Tags Removed', type: 'integer' },
];

export const activitySample = {
  id: '1207',
  crm: 'keap',
  created: true,
  action: 'created',
  status: 'Scheduled',
  booking_id: 'BKNG-J4FR05BKEWEX',
  url: 'https://cb262.infusionsoft.com/Task/manageTask.jsp?view=edit&ID=1207',
};

export const activityOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Activity ID', type: 'string' },
  { key: 'crm', label: 'CRM', type: 'string' },
  { key: 'created', label: 'Created', type: 'boolean' },
  { key: 'action', label: 'What the Step Did', type: 'string' },
  { key: 'status', label: 'Status', type: 'string' },
  { key: 'booking_id', label: 'Booking ID', type: 'string' },
  { key: 'url', label: 'Activity URL', type: 'string' },
  { key: 'warnings', label: 'Warnings', type: 'string', list: true },
];

/** The rows' own keys differ by path and account, so the sample shows only what every answer has. */
export const apiRequestSample = { status: 200, row_count: 0, has_more: false, rows: [], data: null };

export const apiRequestOutputFields: PlainOutputField[] = [
  { key: 'status', label: 'HTTP Status', type: 'integer' },
  { key: 'row_count', label: 'Rows Returned', type: 'integer' },
  { key: 'has_more', label: 'More Rows Than Max Rows', type: 'boolean' },
  { key: 'rows', label: 'Rows (line items, each with the row’s own fields)', list: true },
  { key: 'data', label: 'Response (when not a list)', type: 'string' },
];

export const noteSample = {
  id: '2901',
  crm: 'keap',
  created: true,
  action: 'created',
  booking_id: 'BKNG-J4FR05BKEWEX',
  title: 'Scheduled: Intro call',
  contact_id: '2841',
  url: 'https://cb262.infusionsoft.com/Contact/manageContact.jsp?view=edit&ID=2841',
};

export const noteOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Note ID', type: 'string' },
  { key: 'crm', label: 'CRM', type: 'string' },
  { key: 'created', label: 'Created', type: 'boolean' },
  { key: 'action', label: 'What the Step Did', type: 'string' },
  { key: 'booking_id', label: 'Booking ID', type: 'string' },
  { key: 'title', label: 'Note Title', type: 'string' },
  { key: 'contact_id', label: 'Contact ID', type: 'string' },
  { key: 'url', label: 'Record URL', type: 'string' },
];

export const campaignMemberSample = {
  id: '00v5g00000Mbr01AAA',
  crm: 'salesforce',
  action: 'added',
  campaign_id: '7015g00000Cmp01AAA',
  campaign_name: 'Booking Follow-up',
  contact_id: '0035g00000Ada01AAA',
  status: 'Sent',
  url: 'https://acme.my.salesforce.com/lightning/r/Campaign/7015g00000Cmp01AAA/view',
};

export const campaignMemberOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Campaign Member ID', type: 'string' },
  { key: 'crm', label: 'CRM', type: 'string' },
  { key: 'action', label: 'What the Step Did', type: 'string' },
  { key: 'campaign_id', label: 'Campaign ID', type: 'string' },
  { key: 'campaign_name', label: 'Campaign', type: 'string' },
  { key: 'contact_id', label: 'Lead or Contact ID', type: 'string' },
  { key: 'status', label: 'Member Status', type: 'string' },
  { key: 'url', label: 'Campaign URL', type: 'string' },
];

export const caseSample = {
  id: '5005g00000Cas01AAA',
  crm: 'salesforce',
  created: true,
  action: 'created',
  case_number: '00001026',
  status: 'New',
  booking_id: 'BKNG-J4FR05BKEWEX',
  contact_id: '0035g00000Ada01AAA',
  url: 'https://acme.my.salesforce.com/lightning/r/Case/5005g00000Cas01AAA/view',
  warnings: [],
};

export const caseOutputFields: PlainOutputField[] = [
  { key: 'id', label: 'Case ID', type: 'string' },
  { key: 'crm', label: 'CRM', type: 'string' },
  { key: 'created', label: 'Created', type: 'boolean' },
  { key: 'action', label: 'What the Step Did', type: 'string' },
  { key: 'case_number', label: 'Case Number', type: 'string' },
  { key: 'status', label: 'Case Status', type: 'string' },
  { key: 'booking_id', label: 'Booking ID', type: 'string' },
  { key: 'contact_id', label: 'Contact ID', type: 'string' },
  { key: 'url', label: 'Record URL', type: 'string' },
  { key: 'warnings', label: 'Warnings', type: 'string', list: true },
];
