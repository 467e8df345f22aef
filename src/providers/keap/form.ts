import { lookupDropdown, type InputField, type OperationKey } from '../types';

/** The inputs only Keap users see, per operation: Keap concepts with no Salesforce counterpart. */
export const KEAP_FORM_FIELDS: Record<OperationKey, InputField[]> = {
  upsert_contact: [
    {
      key: 'contact_type',
      label: 'Contact Type',
      dynamic: lookupDropdown('contact_type'),
      helpText: 'The contact’s classification, from your Keap account’s list. A new contact gets Prospect when the account has it.',
    },
    {
      key: 'lead_source_category',
      label: 'Lead Source Category',
      dynamic: lookupDropdown('lead_source_category'),
      helpText: 'The category a new lead source is created in. Defaults to OnceHub.',
    },
    { key: 'time_zone', label: 'Time Zone', helpText: 'An IANA time zone such as America/New_York.' },
    {
      key: 'opt_in_reason',
      label: 'Opt-in Reason',
      helpText: 'Why this person agreed to receive marketing email. Leave empty when they did not.',
    },
    {
      key: 'match_on',
      label: 'Match On',
      choices: [
        { value: 'email', label: 'Email', sample: 'email' },
        { value: 'email_and_name', label: 'Email and name', sample: 'email_and_name' },
      ],
      default: 'email',
      helpText: 'How an existing contact is recognised.',
    },
  ],
  apply_tag: [
    {
      key: 'tag_category',
      label: 'Tag Category',
      dynamic: lookupDropdown('tag_category'),
      helpText: 'The category for tags this step creates.',
    },
  ],
  create_activity_event: [
    {
      key: 'priority',
      label: 'Priority',
      dynamic: lookupDropdown('priority'),
      helpText: 'The task’s priority. Defaults to Non-Essential.',
    },
  ],
  find_contact: [],
};
