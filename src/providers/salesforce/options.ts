import type { Context } from '../types';
import { isApiName } from './soql';

/** Salesforce-only inputs that `inputFields` adds to the forms; their keys are read here only. */
export const OPTION_KEYS = {
  object: 'salesforce_object',
  recordType: 'record_type_id',
  updateMode: 'update_mode',
  bookingIdField: 'booking_id_field',
  statusField: 'status_field',
  reasonField: 'reason_field',
  onCancel: 'on_cancel',
  whatId: 'what_id',
} as const;

/** Dynamic inputs for the object's own fields are keyed `sf__<FieldApiName>`. */
export const EXTRA_PREFIX = 'sf__';

const OBJECTS = ['auto', 'Lead', 'Contact'] as const;
const UPDATE_MODES = ['overwrite', 'fill_empty'] as const;
const ON_CANCEL = ['keep', 'delete'] as const;

export type UpsertOptions = { object: (typeof OBJECTS)[number]; recordTypeId?: string; updateMode: (typeof UPDATE_MODES)[number] };
export type EventOptions = { bookingIdField?: string; statusField?: string; reasonField?: string; onCancel: (typeof ON_CANCEL)[number]; whatId?: string };

const textOf = (value: unknown): string | undefined => {
  const text = typeof value === 'string' ? value.trim() : value === undefined || value === null ? '' : String(value);
  return text === '' ? undefined : text;
};

const oneOf = <T extends string>(ctx: Context, key: string, label: string, allowed: readonly T[], fallback: T): T => {
  const value = textOf(ctx.bundle.inputData?.[key]);
  if (value === undefined) return fallback;
  const match = allowed.find((option) => option.toLowerCase() === value.toLowerCase());
  if (match) return match;
  throw new ctx.z.errors.Error(`${label} (${key}) must be one of ${allowed.join(', ')}; got "${value}".`, 'InvalidInput', 400);
};

const fieldName = (ctx: Context, key: string, label: string): string | undefined => {
  const value = textOf(ctx.bundle.inputData?.[key]);
  if (value !== undefined && !isApiName(value)) {
    throw new ctx.z.errors.Error(`${label} (${key}) must be a field API name such as OnceHub_Booking_ID__c; got "${value}".`, 'InvalidInput', 400);
  }
  return value;
};

export const readUpsertOptions = (ctx: Context): UpsertOptions => ({
  object: oneOf(ctx, OPTION_KEYS.object, 'Salesforce Object', OBJECTS, 'auto'),
  recordTypeId: textOf(ctx.bundle.inputData?.[OPTION_KEYS.recordType]),
  updateMode: oneOf(ctx, OPTION_KEYS.updateMode, 'Update Mode', UPDATE_MODES, 'overwrite'),
});

export const readEventOptions = (ctx: Context): EventOptions => ({
  bookingIdField: fieldName(ctx, OPTION_KEYS.bookingIdField, 'Booking ID Field'),
  statusField: fieldName(ctx, OPTION_KEYS.statusField, 'Status Field'),
  reasonField: fieldName(ctx, OPTION_KEYS.reasonField, 'Reason Field'),
  onCancel: oneOf(ctx, OPTION_KEYS.onCancel, 'On Cancel', ON_CANCEL, 'keep'),
  whatId: textOf(ctx.bundle.inputData?.[OPTION_KEYS.whatId]),
});

/** The non-empty dynamic field inputs, by input key. Names that are not API names are dropped, never queried. */
export const extraInputs = (inputData: Record<string, unknown> | undefined): Record<string, { field: string; value: unknown }> =>
  Object.fromEntries(
    Object.entries(inputData ?? {})
      .filter(([key, value]) => key.startsWith(EXTRA_PREFIX) && isApiName(key.slice(EXTRA_PREFIX.length)) && textOf(value) !== undefined)
      .map(([key, value]) => [key, { field: key.slice(EXTRA_PREFIX.length), value }]),
  );
