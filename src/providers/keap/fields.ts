import type { Context, InputField } from '../types';
import { cached, keap } from './client';

/**
 * Contact custom fields become form inputs `custom_field_<id>` typed from Keap's contact model,
 * and their values travel as `custom_fields: [{id, content}]`.
 */

export const CUSTOM_FIELD_PREFIX = 'custom_field_';

type CustomFieldModel = {
  id?: string | number;
  label?: string;
  field_name?: string;
  field_type?: string;
  record_type?: string;
  options?: Array<{ id?: string | number; label?: string }>;
};

/** v1 spells types "YesNo", v2 "YES_NO": compare both as YESNO. */
const typeKey = (type: string | undefined): string => (type ?? '').toUpperCase().replace(/[^A-Z]/g, '');

type FieldShape = Pick<InputField, 'type' | 'list'> & { choices?: true };

const FIELD_SHAPES: Record<string, FieldShape> = {
  WHOLENUMBER: { type: 'integer' },
  YEAR: { type: 'integer' },
  DECIMALNUMBER: { type: 'number' },
  CURRENCY: { type: 'number' },
  PERCENT: { type: 'number' },
  DATE: { type: 'datetime' },
  DATETIME: { type: 'datetime' },
  YESNO: { type: 'boolean' },
  TEXTAREA: { type: 'text' },
  DROPDOWN: { type: 'string', choices: true },
  RADIO: { type: 'string', choices: true },
  LISTBOX: { type: 'string', choices: true, list: true },
};

export const contactModelFields = (ctx: Context): Promise<CustomFieldModel[]> =>
  cached(ctx, 'contact-model', async () => {
    const { data } = await keap<{ custom_fields?: CustomFieldModel[] }>(ctx, { url: '/v2/contacts/model' });
    return (data?.custom_fields ?? []).filter((field) => !field.record_type || field.record_type === 'CONTACT');
  });

const toInputField = (field: CustomFieldModel): InputField => {
  const shape = FIELD_SHAPES[typeKey(field.field_type)] ?? { type: 'string' };
  const options = (field.options ?? []).map((option) => option.label).filter((label): label is string => Boolean(label));
  return {
    key: `${CUSTOM_FIELD_PREFIX}${field.id}`,
    label: field.label || field.field_name || `Custom field ${field.id}`,
    type: shape.type,
    required: false,
    ...(shape.list ? { list: true } : {}),
    ...(shape.choices && options.length ? { choices: options.map((label) => ({ value: label, sample: label, label })) } : {}),
    helpText: `Keap custom field${field.field_name ? ` ${field.field_name}` : ''}.`,
  };
};

export const customFieldInputs = async (ctx: Context): Promise<InputField[]> =>
  (await contactModelFields(ctx)).filter((field) => field.id !== undefined).map(toInputField);

const isEmpty = (value: unknown): boolean =>
  value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);

const contentOf = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(String).join(',');
  if (value === 'true' || value === 'false') return value === 'true';
  return value;
};

/** The step's custom-field values as Keap's `custom_fields`, empty inputs left out. */
export const customFieldValues = (inputData: Record<string, unknown>): Array<{ id: string; content: unknown }> =>
  Object.entries(inputData ?? {})
    .filter(([key, value]) => key.startsWith(CUSTOM_FIELD_PREFIX) && !isEmpty(value))
    .map(([key, value]) => ({ id: key.slice(CUSTOM_FIELD_PREFIX.length), content: contentOf(value) }));
