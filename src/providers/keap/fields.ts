import type { Context, InputField } from '../types';
import { asBoolean, asNumber, BOOLEAN_HINT, NUMBER_HINT } from '../../coerce';
import { invalidInput, isBlank, shorten } from '../../kit';
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


const BOOLEAN_TYPES = new Set(['YESNO']);
const INTEGER_TYPES = new Set(['WHOLENUMBER', 'YEAR']);
const DECIMAL_TYPES = new Set(['DECIMALNUMBER', 'CURRENCY', 'PERCENT']);

/** A mapped value as the field's type wants it; undefined when the value cannot be one. */
const contentOf = (type: string, value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(String).join(',');
  if (BOOLEAN_TYPES.has(type)) return asBoolean(value);
  if (INTEGER_TYPES.has(type)) return Number.isInteger(asNumber(value)) ? asNumber(value) : undefined;
  if (DECIMAL_TYPES.has(type)) return asNumber(value);
  return value;
};

const TYPE_HINTS: Record<string, string> = { YESNO: BOOLEAN_HINT, WHOLENUMBER: 'must be a whole number', YEAR: 'must be a whole number', DECIMALNUMBER: NUMBER_HINT, CURRENCY: NUMBER_HINT, PERCENT: NUMBER_HINT };

/**
 * The step's custom-field values as Keap's `custom_fields`, empty inputs left out, each read as its
 * field's type (the contact model, cached): `"yes"` for a Yes/No field, `"12"` for a whole number.
 * A value the type cannot take is refused naming the field, before anything is written.
 */
export const customFieldValues = async (ctx: Context): Promise<Array<{ id: string; content: unknown }>> => {
  const mapped = Object.entries(ctx.input.prefixed(CUSTOM_FIELD_PREFIX)).filter(([, value]) => !isBlank(value));
  if (!mapped.length) return [];
  const model = await contactModelFields(ctx);
  return mapped.map(([key, value]) => {
    const id = key.slice(CUSTOM_FIELD_PREFIX.length);
    const field = model.find((f) => String(f.id) === id);
    const type = typeKey(field?.field_type);
    const content = contentOf(type, value);
    if (content === undefined) {
      const label = field?.label || field?.field_name || `Custom field ${id}`;
      throw invalidInput(ctx.z, `${label} (${key}) ${TYPE_HINTS[type] ?? 'has a value Keap cannot take'}; got "${shorten(String(value))}".`);
    }
    return { id, content };
  });
};
