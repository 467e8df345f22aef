import { fieldOf, type Input } from '../../input';
import type { Context, InputField, OperationKey } from '../types';
import { describeObject, fieldOf as fieldOfDescribe, findRecordType, isPicklist, isUniversallyRequired, offeredValues, selectableRecordTypes, type FieldInfo, type ObjectInfo } from './describe';
import { withRecordType } from './picklists';
import { asPersonAccount } from './person-accounts';
import type { PersonObject } from './records';
import { detectRoleField, NO_BOOKING_FIELD_HELP, roleCandidates, type EventFieldRole } from './activities';
import { standardFieldNames } from './mapping';
import { EXTRA_PREFIX, formObject, SALESFORCE_CASE, SALESFORCE_CONTACT, SALESFORCE_EVENT, SALESFORCE_FIND_INPUTS } from './form';

/** Lead fields that belong to conversion, data services or bounce handling, never to a booking. */
const NOT_FOR_BOOKINGS = new Set(
  [
    'IsConverted',
    'ConvertedDate',
    'ConvertedAccountId',
    'ConvertedContactId',
    'ConvertedOpportunityId',
    'IsUnreadByOwner',
    'Jigsaw',
    'CleanStatus',
    'CompanyDunsNumber',
    'DandbCompanyId',
    'EmailBouncedReason',
    'EmailBouncedDate',
    'IndividualId',
  ].map((name) => name.toLowerCase()),
);

const UNMAPPABLE_TYPES = new Set(['address', 'location', 'base64', 'id', 'anyType', 'complexvalue']);

const INPUT_TYPES: Record<string, InputField['type']> = {
  boolean: 'boolean',
  int: 'integer',
  double: 'number',
  currency: 'number',
  percent: 'number',
  datetime: 'datetime',
  textarea: 'text',
};

const choicesOf = (field: FieldInfo) => offeredValues(field).map((entry) => ({ value: entry.value, label: entry.label, sample: entry.value }));

const helpFor = (field: FieldInfo): string => {
  const detail =
    field.type === 'date'
      ? 'A date such as 2026-11-23.'
      : field.type === 'reference'
        ? `The Salesforce ID of a ${(field.referenceTo ?? []).join(' or ') || 'record'}.`
        : isPicklist(field)
          ? field.restrictedPicklist
            ? 'Choose an active value, or map one that matches a value or label; this picklist refuses anything else.'
            : 'Choose an active value, or map one that matches a value or label. Other values are written as given, and the output lists them.'
          : '';
  return `Salesforce field ${field.name}. ${detail}`.trim();
};

/** One form input per createable field of the object that the standard inputs do not already cover. */
export const dynamicFieldsFor = (info: ObjectInfo, object: PersonObject): InputField[] => {
  const covered = new Set(standardFieldNames(object).map((name) => name.toLowerCase()));
  return info.fields
    .filter(
      (field) =>
        field.createable &&
        !covered.has(field.name.toLowerCase()) &&
        !NOT_FOR_BOOKINGS.has(field.name.toLowerCase()) &&
        !UNMAPPABLE_TYPES.has(field.type),
    )
    .sort((a, b) => Number(isUniversallyRequired(b)) - Number(isUniversallyRequired(a)))
    .map((field) => ({
      key: `${EXTRA_PREFIX}${field.name}`,
      label: field.label,
      type: INPUT_TYPES[field.type] ?? 'string',
      required: isUniversallyRequired(field),
      helpText: helpFor(field),
      ...(isPicklist(field) && offeredValues(field).length ? { choices: choicesOf(field) } : {}),
      ...(field.type === 'multipicklist' ? { list: true } : {}),
    }));
};

/** A dropdown of the object's record types the connected user can pick; none when the object has none. */
const recordTypeInput = (info: ObjectInfo, declared: Input, helpText = declared.helpText): InputField[] => {
  const recordTypes = selectableRecordTypes(info);
  if (!recordTypes.length) return [];
  return [{ ...fieldOf(declared), choices: recordTypes.map((rt) => ({ value: rt.recordTypeId, label: rt.name, sample: rt.recordTypeId })), ...(helpText ? { helpText } : {}) }];
};

const contactRecordTypeHelp = (info: ObjectInfo) =>
  `The ${info.label} record type, for new records only; the picklists below then offer its values. Leave empty for the connected user's default record type.`;

/**
 * The object as the form's chosen record type sees it: its picklists offer that type's values. A
 * mapped record type is not known until the step runs, so the form then offers every active value.
 */
export const describeForForm = async (ctx: Context, object: string, recordTypeInput: Input): Promise<ObjectInfo> => {
  const described = await describeObject(ctx, object === 'PersonAccount' ? 'Account' : object);
  const info = object === 'PersonAccount' ? await asPersonAccount(ctx, described) : described;
  return withRecordType(ctx, info, findRecordType(info, ctx.input.text(recordTypeInput.key) ?? '')?.recordTypeId);
};

/**
 * The object chooser and the record type change the fields below them, so they come first on the
 * form, followed by the object's required fields (required fields before optional ones).
 */
export const leadingInputFields = async (ctx: Context, operation: OperationKey): Promise<InputField[]> => {
  if (operation === 'upsert_case') return recordTypeInput(await describeObject(ctx, 'Case'), SALESFORCE_CASE.case_record_type_id);
  if (operation !== 'upsert_contact') return [];
  const object = formObject(ctx);
  const info = await describeForForm(ctx, object, SALESFORCE_CONTACT.record_type_id);
  return [
    fieldOf(SALESFORCE_CONTACT.salesforce_object),
    ...recordTypeInput(info, SALESFORCE_CONTACT.record_type_id, contactRecordTypeHelp(info)),
    ...dynamicFieldsFor(info, object).filter((field) => field.required),
  ];
};

const upsertFields = async (ctx: Context): Promise<InputField[]> => {
  const object = formObject(ctx);
  const info = await describeForForm(ctx, object, SALESFORCE_CONTACT.record_type_id);
  return [
    ...(object === 'Lead' ? [fieldOf(SALESFORCE_CONTACT.contact_type)] : []),
    fieldOf(SALESFORCE_CONTACT.update_mode),
    ...dynamicFieldsFor(info, object).filter((field) => !field.required),
  ];
};

/**
 * Update Contact's form: the record's object is known only from the mapped ID, so the form offers
 * the Lead's and the Contact's own fields together, none required (an update writes only what is
 * mapped); a field the record's object lacks is reported in the output, as the upsert does.
 */
const updateFields = async (ctx: Context): Promise<InputField[]> => {
  const [lead, contact] = await Promise.all([describeObject(ctx, 'Lead'), describeObject(ctx, 'Contact')]);
  const leadFields = dynamicFieldsFor(lead, 'Lead');
  const contactFields = dynamicFieldsFor(contact, 'Contact');
  const both = new Set(leadFields.map((field) => field.key).filter((key) => contactFields.some((other) => other.key === key)));
  const onlyOn = (object: string) => (field: InputField): InputField => ({ ...field, required: false, helpText: `${field.helpText} ${object} only.` });
  return [
    fieldOf(SALESFORCE_CONTACT.contact_type),
    fieldOf(SALESFORCE_CONTACT.update_mode),
    ...leadFields.map((field) => (both.has(field.key) ? { ...field, required: false } : onlyOn('Lead')(field))),
    ...contactFields.filter((field) => !both.has(field.key)).map(onlyOn('Contact')),
  ];
};

/** Create or Update Case: status, origin and priority from the org's own picklists, as the chosen record type offers them (the record type leads the form). */
const caseFields = async (ctx: Context): Promise<InputField[]> => {
  const info = await describeForForm(ctx, 'Case', SALESFORCE_CASE.case_record_type_id);
  const withChoices = (declared: Input, fieldName: string): InputField => {
    const field = fieldOfDescribe(info, fieldName);
    return { ...fieldOf(declared), ...(field && offeredValues(field).length ? { choices: choicesOf(field) } : {}) };
  };
  return [
    withChoices(SALESFORCE_CASE.case_status, 'Status'),
    withChoices(SALESFORCE_CASE.case_origin, 'Origin'),
    withChoices(SALESFORCE_CASE.case_priority, 'Priority'),
  ];
};

const roleInput = (info: ObjectInfo, role: EventFieldRole, declared: Input, help = declared.helpText): InputField => {
  const candidates = roleCandidates(info, role);
  const detected = detectRoleField(info, role);
  return {
    ...fieldOf(declared),
    ...(candidates.length ? { choices: candidates.map((field) => ({ value: field.name, label: `${field.label} (${field.name})`, sample: field.name })) } : {}),
    ...(detected ? { default: detected.name } : {}),
    ...(help ? { helpText: help } : {}),
  };
};

const eventFields = async (ctx: Context): Promise<InputField[]> => {
  const info = await describeObject(ctx, 'Event');
  const hasBookingField = roleCandidates(info, 'bookingId').length > 0;
  return [
    fieldOf(SALESFORCE_EVENT.log_as),
    roleInput(
      info,
      'bookingId',
      SALESFORCE_EVENT.booking_id_field,
      hasBookingField ? 'The Event field that stores the booking ID, so each booking keeps one Event.' : NO_BOOKING_FIELD_HELP,
    ),
    roleInput(info, 'status', SALESFORCE_EVENT.status_field),
    roleInput(info, 'reason', SALESFORCE_EVENT.reason_field),
    ...recordTypeInput(info, SALESFORCE_EVENT.event_record_type_id),
    fieldOf(SALESFORCE_EVENT.on_cancel),
    fieldOf(SALESFORCE_EVENT.case_id),
    fieldOf(SALESFORCE_EVENT.what_id),
  ];
};

export const inputFields = async (ctx: Context, operation: OperationKey): Promise<InputField[]> => {
  if (operation === 'upsert_contact') return upsertFields(ctx);
  if (operation === 'update_contact') return updateFields(ctx);
  if (operation === 'upsert_case') return caseFields(ctx);
  if (operation === 'create_activity_event') return eventFields(ctx);
  if (operation === 'find_contact') return SALESFORCE_FIND_INPUTS.fields;
  return [];
};
