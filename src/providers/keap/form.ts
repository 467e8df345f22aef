import { z } from 'zod';
import { input, inputSet, type InputSet, type InputsOf } from '../../input';
import { MAX_TAG_LENGTH, oneOf, optionalText, type ActivityPlan, type ContactFields, type ContactInput } from '../../inputs';
import type { TagPlan } from '../../model';
import type { NotePlan } from '../../notes';
import { lookupDropdown } from '../../dropdowns';
import type { OperationKey } from '../types';

/** The inputs only Keap users see, each declared once: Keap concepts with no Salesforce counterpart. */
export const KEAP_CONTACT = {
  contact_type: input({
    key: 'contact_type',
    label: 'Contact Type',
    dynamic: lookupDropdown('contact_type'),
    schema: optionalText,
    helpText: 'The contact’s classification, from your Keap account’s list. A new contact gets Prospect when the account has it.',
  }),
  lead_source_category: input({
    key: 'lead_source_category',
    label: 'Lead Source Category',
    dynamic: lookupDropdown('lead_source_category'),
    schema: optionalText,
    helpText: 'The category a new lead source is created in. Defaults to OnceHub.',
  }),
  time_zone: input({ key: 'time_zone', label: 'Time Zone', schema: optionalText, helpText: 'An IANA time zone such as America/New_York.' }),
  opt_in_reason: input({
    key: 'opt_in_reason',
    label: 'Opt-in Reason',
    schema: optionalText,
    helpText: 'Why this person agreed to receive marketing email. Leave empty when they did not.',
  }),
  match_on: input({
    key: 'match_on',
    label: 'Match On',
    choices: [
      { value: 'email', label: 'Email', sample: 'email' },
      { value: 'email_and_name', label: 'Email and name', sample: 'email_and_name' },
    ],
    default: 'email',
    schema: oneOf(['email', 'email_and_name'], 'email'),
    helpText: 'How an existing contact is recognised.',
  }),
};
export const KEAP_CONTACT_INPUTS = inputSet(Object.values(KEAP_CONTACT));
export type KeapContactInput = ContactInput & InputsOf<typeof KEAP_CONTACT_INPUTS>;

/** Update Contact: the same Keap inputs but Match On, which only choosing a contact by email needs. */
export const KEAP_UPDATE_INPUTS = inputSet([KEAP_CONTACT.contact_type, KEAP_CONTACT.lead_source_category, KEAP_CONTACT.time_zone, KEAP_CONTACT.opt_in_reason]);
/** A contact's Keap fields whatever the step. */
export type KeapContactFields = ContactFields & InputsOf<typeof KEAP_UPDATE_INPUTS>;

export const KEAP_TAGGING = {
  tag_category: input({
    key: 'tag_category',
    label: 'Tag Category',
    dynamic: lookupDropdown('tag_category'),
    schema: z.string().trim().min(1).max(MAX_TAG_LENGTH, { error: `is longer than ${MAX_TAG_LENGTH} characters` }).optional(),
    helpText: 'The category for tags this step creates.',
  }),
};
export const KEAP_TAG_INPUTS = inputSet(Object.values(KEAP_TAGGING));
/** A tag plan with the category Keap files new tags under. */
export type KeapTagPlan = TagPlan & { category?: string };

export const KEAP_ACTIVITY = {
  priority: input({
    key: 'priority',
    label: 'Priority',
    dynamic: lookupDropdown('priority'),
    schema: optionalText,
    helpText: 'The task’s priority. Defaults to Non-Essential.',
  }),
};
export const KEAP_ACTIVITY_INPUTS = inputSet(Object.values(KEAP_ACTIVITY));
export type KeapActivityPlan = ActivityPlan & InputsOf<typeof KEAP_ACTIVITY_INPUTS>;

export const KEAP_NOTE = {
  note_type: input({
    key: 'note_type',
    label: 'Note Type',
    dynamic: lookupDropdown('note_type'),
    schema: optionalText,
    helpText: 'From your Keap account’s list. Defaults to Appointment.',
  }),
};
export const KEAP_NOTE_INPUTS = inputSet(Object.values(KEAP_NOTE));
export type KeapNotePlan = NotePlan & InputsOf<typeof KEAP_NOTE_INPUTS>;

export const KEAP_INPUTS: Partial<Record<OperationKey, InputSet>> = {
  upsert_contact: KEAP_CONTACT_INPUTS,
  update_contact: KEAP_UPDATE_INPUTS,
  apply_tag: KEAP_TAG_INPUTS,
  create_activity_event: KEAP_ACTIVITY_INPUTS,
  add_note: KEAP_NOTE_INPUTS,
};
