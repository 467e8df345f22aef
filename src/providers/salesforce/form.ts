import { input, inputSet, type InputsOf } from '../../input';
import { oneOf, optionalText, type ContactFields, type ContactInput } from '../../inputs';
import { lookupDropdown } from '../../dropdowns';
import type { Context } from '../types';
import { isApiName } from './soql';
import type { PersonObject } from './records';

/**
 * The inputs only Salesforce users see, each declared once. `fields.ts` places them on the form
 * (with choices from the org's describe); the provider reads them with `ctx.input.read`.
 */

/** Dynamic inputs for the object's own fields are keyed `sf__<FieldApiName>`. */
export const EXTRA_PREFIX = 'sf__';

const fieldApiName = optionalText.refine((value) => value === undefined || isApiName(value), {
  error: 'must be a field API name such as OnceHub_Booking_ID__c',
});

export const SALESFORCE_CONTACT = {
  salesforce_object: input({
    key: 'salesforce_object',
    label: 'Salesforce Object',
    choices: [
      { value: 'auto', label: 'Auto: Contact or Person Account if one exists, else Lead', sample: 'auto' },
      { value: 'Lead', label: 'Lead', sample: 'Lead' },
      { value: 'Contact', label: 'Contact', sample: 'Contact' },
      { value: 'PersonAccount', label: 'Person Account', sample: 'PersonAccount' },
    ],
    default: 'auto',
    altersDynamicFields: true,
    schema: oneOf(['auto', 'Lead', 'Contact', 'PersonAccount'], 'auto'),
    helpText:
      'Auto updates the Contact (or Person Account) with this email, else the unconverted Lead, else creates a Lead. The fields below are the Lead’s in Auto; an existing Contact gets the fields it also has. ' +
      'Person Account (orgs that use them) updates the Person Account or Contact with this email, else creates a Person Account.',
  }),
  record_type_id: input({
    key: 'record_type_id',
    label: 'Record Type',
    altersDynamicFields: true,
    schema: optionalText,
    helpText: "For new records only. Leave empty for the connected user's default record type.",
  }),
  contact_type: input({
    key: 'contact_type',
    label: 'Lead Status',
    dynamic: lookupDropdown('contact_type'),
    schema: optionalText,
    helpText: 'The Lead Status of a Lead this step writes, from your org’s picklist. Contacts have no status and ignore it.',
  }),
  update_mode: input({
    key: 'update_mode',
    label: 'Update Mode',
    choices: [
      { value: 'overwrite', label: 'Overwrite: write every mapped value', sample: 'overwrite' },
      { value: 'fill_empty', label: 'Fill empty: only write fields that are empty in Salesforce', sample: 'fill_empty' },
    ],
    default: 'overwrite',
    schema: oneOf(['overwrite', 'fill_empty'], 'overwrite'),
    helpText: 'How an existing record is updated. New records always get every mapped value.',
  }),
};
export const SALESFORCE_CONTACT_INPUTS = inputSet(Object.values(SALESFORCE_CONTACT));
export type SalesforceContactInput = ContactInput & InputsOf<typeof SALESFORCE_CONTACT_INPUTS>;

/** Update Contact: the record's object comes from its ID, so there is no object chooser or record type. */
export const SALESFORCE_UPDATE_INPUTS = inputSet([SALESFORCE_CONTACT.contact_type, SALESFORCE_CONTACT.update_mode]);
/** A contact's Salesforce fields whatever the step. */
export type SalesforceContactFields = ContactFields & InputsOf<typeof SALESFORCE_UPDATE_INPUTS>;

export const SALESFORCE_EVENT = {
  log_as: input({
    key: 'log_as',
    label: 'Log As',
    choices: [
      { value: 'Event', label: 'Event: a calendar entry at the booking’s time', sample: 'Event' },
      { value: 'Task', label: 'Task: a to-do due on the booking’s day, closed when the meeting is completed or missed', sample: 'Task' },
    ],
    default: 'Event',
    schema: oneOf(['Event', 'Task'], 'Event'),
    helpText: 'Both keep one record per booking through its lifecycle, with the same booking ID, status and reason fields (Activity custom fields).',
  }),
  booking_id_field: input({ key: 'booking_id_field', label: 'Booking ID Field', schema: fieldApiName }),
  status_field: input({
    key: 'status_field',
    label: 'Status Field',
    schema: fieldApiName,
    helpText: 'The Event field that records the booking status (Scheduled, Rescheduled, Canceled…). Leave empty if your org has none.',
  }),
  reason_field: input({
    key: 'reason_field',
    label: 'Cancel/Reschedule Reason Field',
    schema: fieldApiName,
    helpText: 'The Event field for the cancel or reschedule reason. Leave empty if your org has none.',
  }),
  on_cancel: input({
    key: 'on_cancel',
    label: 'When Canceled',
    choices: [
      { value: 'keep', label: 'Keep the Event with its status set to Canceled', sample: 'keep' },
      { value: 'delete', label: 'Delete the Event', sample: 'delete' },
    ],
    default: 'keep',
    schema: oneOf(['keep', 'delete'], 'keep'),
  }),
  event_record_type_id: input({
    key: 'event_record_type_id',
    label: 'Event Record Type',
    schema: optionalText,
    helpText: "For a new Event only. Leave empty for the connected user's default record type.",
  }),
  case_id: input({
    key: 'case_id',
    label: 'Related Case',
    schema: optionalText,
    helpText:
      'Optional: a Case ID or Case Number. The Event is related to the case and to the case’s contact, as Salesforce requires (a Lead cannot share an Event with a case).',
  }),
  what_id: input({
    key: 'what_id',
    label: 'Related To ID',
    schema: optionalText,
    helpText: 'Optional: a Case (or Account or Opportunity) ID to relate the Event to. Not allowed when the person is a Lead.',
  }),
};
export const SALESFORCE_EVENT_INPUTS = inputSet(Object.values(SALESFORCE_EVENT));
export type EventOptions = InputsOf<typeof SALESFORCE_EVENT_INPUTS>;

export const SALESFORCE_FIND = {
  record_type: input({
    key: 'record_type',
    label: 'Record Type',
    choices: [
      { value: 'any', label: 'Any (Contacts and Person Accounts before Leads)', sample: 'any' },
      { value: 'Lead', label: 'Lead', sample: 'Lead' },
      { value: 'Contact', label: 'Contact', sample: 'Contact' },
      { value: 'PersonAccount', label: 'Person Account', sample: 'PersonAccount' },
    ],
    default: 'any',
    schema: oneOf(['any', 'Lead', 'Contact', 'PersonAccount'], 'any'),
    helpText: 'Which Salesforce records to search.',
  }),
};
export const SALESFORCE_FIND_INPUTS = inputSet(Object.values(SALESFORCE_FIND));

/** The person object the form is being filled for: Contact when chosen, else Lead (Auto creates Leads). */
const FORM_OBJECTS: Record<string, PersonObject> = { contact: 'Contact', personaccount: 'PersonAccount' };

/** The object whose fields the form offers: the chosen one, the Lead in Auto. */
export const formObject = (ctx: Context): PersonObject => FORM_OBJECTS[ctx.input.text(SALESFORCE_CONTACT.salesforce_object.key)?.toLowerCase() ?? ''] ?? 'Lead';

/** Case fields from the org's own picklists and record types; `fields.ts` gives them their choices. */
export const SALESFORCE_CASE = {
  case_record_type_id: input({
    key: 'case_record_type_id',
    label: 'Case Record Type',
    altersDynamicFields: true,
    schema: optionalText,
    helpText: "For a new case only; Case Status, Case Origin and Priority then offer its values. Leave empty for the connected user's default record type.",
  }),
  case_status: input({ key: 'case_status', label: 'Case Status', schema: optionalText, helpText: 'From your org’s Case Status picklist. A new case gets its default.' }),
  case_origin: input({ key: 'case_origin', label: 'Case Origin', schema: optionalText, helpText: 'From your org’s Case Origin picklist, such as Web.' }),
  case_priority: input({ key: 'case_priority', label: 'Priority', schema: optionalText, helpText: 'From your org’s Case Priority picklist. A new case gets its default.' }),
};
export const SALESFORCE_CASE_INPUTS = inputSet(Object.values(SALESFORCE_CASE));

export const readEventOptions = (ctx: Context): EventOptions => ctx.input.read(SALESFORCE_EVENT_INPUTS);

/** The non-empty dynamic field inputs, by input key. Names that are not API names are dropped, never queried. */
export const extraInputs = (ctx: Context): Record<string, { field: string; value: unknown }> =>
  Object.fromEntries(
    Object.entries(ctx.input.prefixed(EXTRA_PREFIX))
      .filter(([key, value]) => isApiName(key.slice(EXTRA_PREFIX.length)) && !(Array.isArray(value) && value.length === 0))
      .map(([key, value]) => [key, { field: key.slice(EXTRA_PREFIX.length), value }]),
  );
