import { activeValues, type FieldInfo, type PicklistEntry } from './describe';
import { asBoolean, asNumber } from '../../coerce';

/** A value the user gave that the field cannot take, worded for the step's error message. */
export class ValueProblem extends Error {}

const listValues = (entries: PicklistEntry[]): string => {
  const shown = entries.slice(0, 30).map((entry) => entry.value);
  return shown.join(', ') + (entries.length > shown.length ? ` and ${entries.length - shown.length} more` : '');
};

/** Matches an active picklist value by its API value or label, case-insensitively. */
export const matchPicklist = (field: FieldInfo, text: string): string => {
  const wanted = text.trim().toLowerCase();
  const entries = activeValues(field);
  const match = entries.find((entry) => entry.value.toLowerCase() === wanted) ?? entries.find((entry) => entry.label.toLowerCase() === wanted);
  if (!match) {
    throw new ValueProblem(
      `"${text.trim()}" is not an active value of ${field.label} (${field.name}). Valid values: ${listValues(entries) || 'none are active'}.`,
    );
  }
  return match.value;
};


const NUMERIC = new Set(['int', 'double', 'currency', 'percent', 'long']);

/** Turns a step input into what Salesforce expects for the field's type. */
export const coerceValue = (field: FieldInfo, value: unknown): unknown => {
  const text = String(value).trim();
  if (field.type === 'picklist') return matchPicklist(field, text);
  if (field.type === 'multipicklist') {
    return text
      .split(/[;,]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => matchPicklist(field, part))
      .join(';');
  }
  if (field.type === 'boolean') {
    const yes = asBoolean(value);
    if (yes !== undefined) return yes;
    throw new ValueProblem(`${field.label} (${field.name}) needs true or false (yes/no and 1/0 work too); got "${text}".`);
  }
  if (NUMERIC.has(field.type)) {
    const number = asNumber(value);
    if (number === undefined) throw new ValueProblem(`${field.label} (${field.name}) needs a number; got "${text}".`);
    return field.type === 'int' ? Math.trunc(number) : number;
  }
  if (field.type === 'date' || field.type === 'datetime') {
    const parsed = Date.parse(text);
    if (Number.isNaN(parsed)) throw new ValueProblem(`${field.label} (${field.name}) needs a date such as 2026-11-23; got "${text}".`);
    const iso = new Date(parsed).toISOString();
    return field.type === 'date' ? (/^\d{4}-\d{2}-\d{2}$/.test(text) ? text : iso.slice(0, 10)) : iso;
  }
  // Salesforce would refuse the whole save with STRING_TOO_LONG; say so before writing anything.
  if (field.length && text.length > field.length) {
    throw new ValueProblem(
      `${field.label} (${field.name}) holds at most ${field.length} characters; got ${text.length}. Shorten the mapped value.`,
    );
  }
  return text;
};

/** The typed defaults OnceHub's native connector uses for required fields nobody mapped. */
export const typedDefault = (field: FieldInfo, now: Date): unknown => {
  switch (field.type) {
    case 'email':
      return 'email@example.com';
    case 'phone':
      return '1234567890';
    case 'url':
      return 'http://NA';
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
    case 'long':
      return 0;
    case 'date':
      return now.toISOString().slice(0, 10);
    case 'datetime':
      return now.toISOString();
    case 'boolean':
      return false;
    case 'picklist':
    case 'multipicklist': {
      const entries = activeValues(field);
      return (entries.find((entry) => entry.defaultValue) ?? entries[0])?.value;
    }
    case 'reference':
    case 'id':
      return undefined;
    default:
      return 'Unspecified';
  }
};

export const isEmptyValue = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
