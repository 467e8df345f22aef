import { lookupDropdown, type Context, type InputField, type OperationKey } from '../types';
import { describeObject, isPicklist, isUniversallyRequired, activeValues, selectableRecordTypes, type FieldInfo, type ObjectInfo } from './describe';
import { detectRoleField, NO_BOOKING_FIELD_HELP, roleCandidates, type EventFieldRole } from './activities';
import { standardFieldNames } from './mapping';
import { EXTRA_PREFIX, OPTION_KEYS, readUpsertOptions } from './options';

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

const choicesOf = (field: FieldInfo) => activeValues(field).map((entry) => ({ value: entry.value, label: entry.label, sample: entry.value }));

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
export const dynamicFieldsFor = (info: ObjectInfo, object: 'Lead' | 'Contact'): InputField[] => {
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
      ...(isPicklist(field) && activeValues(field).length ? { choices: choicesOf(field) } : {}),
      ...(field.type === 'multipicklist' ? { list: true } : {}),
    }));
};

/** The object chooser changes every field below it, so it comes first on the form. */
const OBJECT_CHOOSER: InputField = {
  key: OPTION_KEYS.object,
  label: 'Salesforce Object',
  choices: [
    { value: 'auto', label: 'Auto: Contact or Person Account if one exists, else Lead', sample: 'auto' },
    { value: 'Lead', label: 'Lead', sample: 'Lead' },
    { value: 'Contact', label: 'Contact', sample: 'Contact' },
  ],
  default: 'auto',
  altersDynamicFields: true,
  helpText:
    'Auto updates the Contact (or Person Account) with this email, else the unconverted Lead, else creates a Lead. The fields below are the Lead’s in Auto; an existing Contact gets the fields it also has.',
};

export const leadingInputFields = async (_ctx: Context, operation: OperationKey): Promise<InputField[]> =>
  operation === 'upsert_contact' ? [OBJECT_CHOOSER] : [];

const upsertFields = async (ctx: Context): Promise<InputField[]> => {
  const options = readUpsertOptions(ctx);
  const object = options.object === 'Contact' ? 'Contact' : 'Lead';
  const info = await describeObject(ctx, object);
  const recordTypes = selectableRecordTypes(info);
  return [
    ...(recordTypes.length
      ? [
          {
            key: OPTION_KEYS.recordType,
            label: `${info.label} Record Type`,
            choices: recordTypes.map((rt) => ({ value: rt.recordTypeId, label: rt.name, sample: rt.recordTypeId })),
            helpText: `For new ${info.label} records only. Leave empty for the connected user's default record type.`,
          },
        ]
      : []),
    ...(object === 'Lead'
      ? [
          {
            key: 'contact_type',
            label: 'Lead Status',
            dynamic: lookupDropdown('contact_type'),
            helpText: 'The Lead Status of a Lead this step writes, from your org’s picklist. Contacts have no status and ignore it.',
          },
        ]
      : []),
    {
      key: OPTION_KEYS.updateMode,
      label: 'Update Mode',
      choices: [
        { value: 'overwrite', label: 'Overwrite: write every mapped value', sample: 'overwrite' },
        { value: 'fill_empty', label: 'Fill empty: only write fields that are empty in Salesforce', sample: 'fill_empty' },
      ],
      default: 'overwrite',
      helpText: 'How an existing record is updated. New records always get every mapped value.',
    },
    ...dynamicFieldsFor(info, object),
  ];
};

const roleInput = (info: ObjectInfo, role: EventFieldRole, key: string, label: string, help: string): InputField => {
  const candidates = roleCandidates(info, role);
  const detected = detectRoleField(info, role);
  return {
    key,
    label,
    ...(candidates.length ? { choices: candidates.map((field) => ({ value: field.name, label: `${field.label} (${field.name})`, sample: field.name })) } : {}),
    ...(detected ? { default: detected.name } : {}),
    helpText: help,
  };
};

const eventFields = async (ctx: Context): Promise<InputField[]> => {
  const info = await describeObject(ctx, 'Event');
  const hasBookingField = roleCandidates(info, 'bookingId').length > 0;
  return [
    roleInput(
      info,
      'bookingId',
      OPTION_KEYS.bookingIdField,
      'Booking ID Field',
      hasBookingField ? 'The Event field that stores the booking ID, so each booking keeps one Event.' : NO_BOOKING_FIELD_HELP,
    ),
    roleInput(info, 'status', OPTION_KEYS.statusField, 'Status Field', 'The Event field that records the booking status (Scheduled, Rescheduled, Canceled…). Leave empty if your org has none.'),
    roleInput(info, 'reason', OPTION_KEYS.reasonField, 'Cancel/Reschedule Reason Field', 'The Event field for the cancel or reschedule reason. Leave empty if your org has none.'),
    {
      key: OPTION_KEYS.onCancel,
      label: 'When Canceled',
      choices: [
        { value: 'keep', label: 'Keep the Event with its status set to Canceled', sample: 'keep' },
        { value: 'delete', label: 'Delete the Event', sample: 'delete' },
      ],
      default: 'keep',
    },
    {
      key: OPTION_KEYS.whatId,
      label: 'Related To ID',
      helpText: 'Optional: a Case (or Account or Opportunity) ID to relate the Event to. Not allowed when the person is a Lead.',
    },
  ];
};

/** Which Salesforce records Find Contact searches: the only search input Keap has no use for. */
const FIND_FIELDS: InputField[] = [
  {
    key: 'record_type',
    label: 'Record Type',
    choices: [
      { value: 'any', label: 'Any (Contacts and Person Accounts before Leads)', sample: 'any' },
      { value: 'Lead', label: 'Lead', sample: 'Lead' },
      { value: 'Contact', label: 'Contact', sample: 'Contact' },
      { value: 'PersonAccount', label: 'Person Account', sample: 'PersonAccount' },
    ],
    default: 'any',
    helpText: 'Which Salesforce records to search.',
  },
];

export const inputFields = async (ctx: Context, operation: OperationKey): Promise<InputField[]> => {
  if (operation === 'upsert_contact') return upsertFields(ctx);
  if (operation === 'create_activity_event') return eventFields(ctx);
  if (operation === 'find_contact') return FIND_FIELDS;
  return [];
};
