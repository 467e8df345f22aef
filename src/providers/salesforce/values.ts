import { offeredValues, type FieldInfo, type PicklistEntry } from './describe';
import { asBoolean, asNumber } from '../../coerce';
import { invalidInput, shorten } from '../../kit';
import type { Context } from '../types';
import { SALESFORCE_ID } from './records';

/** A value the user gave that the field cannot take, worded for the step's error message. */
export class ValueProblem extends Error {}

const listValues = (entries: PicklistEntry[]): string => {
  const shown = entries.slice(0, 30).map((entry) => entry.value);
  return shown.join(', ') + (entries.length > shown.length ? ` and ${entries.length - shown.length} more` : '');
};

/** Collects what the step wrote but the user should know about, worded for the output's warnings. */
export type Warn = (message: string) => void;

/**
 * Matches an active picklist value by its API value or label, case-insensitively. Only a
 * restricted picklist refuses other values; an unrestricted one (LeadSource out of the box) takes
 * any value through the API, so the value is written as given and reported through `warn`.
 */
export const matchPicklist = (field: FieldInfo, text: string, warn: Warn): string => {
  const given = text.trim();
  const wanted = given.toLowerCase();
  const entries = offeredValues(field);
  const match = entries.find((entry) => entry.value.toLowerCase() === wanted) ?? entries.find((entry) => entry.label.toLowerCase() === wanted);
  if (match) return match.value;
  const whose = field.recordTypeValues ? 'the chosen record type’s' : 'the';
  if (!field.restrictedPicklist) {
    warn(
      `"${given}" is not one of ${whose} ${field.label} (${field.name}) picklist values; it was written as given, since the picklist is unrestricted. ` +
        `Its values: ${listValues(entries) || 'none are active'}.`,
    );
    return given;
  }
  const offered = field.recordTypeValues ? `an active value of ${field.label} (${field.name}) for the chosen record type` : `an active value of ${field.label} (${field.name})`;
  throw new ValueProblem(`"${given}" is not ${offered}. Valid values: ${listValues(entries) || 'none are active'}.`);
};

const NUMERIC = new Set(['int', 'double', 'currency', 'percent', 'long']);

/** Salesforce refuses the whole save with STRING_TOO_LONG (a value outside an unrestricted picklist too): say so before writing anything. */
const withinLength = (field: FieldInfo, text: string): string => {
  if (field.length && text.length > field.length) {
    throw new ValueProblem(`${field.label} (${field.name}) holds at most ${field.length} characters; got ${text.length}. Shorten the mapped value.`);
  }
  return text;
};

/** Turns a step input into what Salesforce expects for the field's type. */
export const coerceValue = (field: FieldInfo, value: unknown, warn: Warn): unknown => {
  const text = String(value).trim();
  if (field.type === 'picklist') return withinLength(field, matchPicklist(field, text, warn));
  if (field.type === 'multipicklist') {
    const parts = text
      .split(/[;,]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => matchPicklist(field, part, warn));
    return withinLength(field, parts.join(';'));
  }
  if (field.type === 'reference') {
    if (SALESFORCE_ID.test(text)) return text;
    throw new ValueProblem(`${field.label} (${field.name}) needs a Salesforce record ID (15 or 18 letters and digits); got "${shorten(text)}".`);
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
  return withinLength(field, text);
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
      const entries = offeredValues(field);
      return (entries.find((entry) => entry.defaultValue) ?? entries[0])?.value;
    }
    case 'reference':
    case 'id':
      return undefined;
    default:
      return 'Unspecified';
  }
};

/** Runs a value check; a ValueProblem becomes the step's input error, led by the input's name when given (`label`). */
export const asInputError = <T>(ctx: Context, label: string | undefined, check: () => T): T => {
  try {
    return check();
  } catch (error) {
    if (error instanceof ValueProblem) throw invalidInput(ctx.z, label ? `${label}: ${error.message}` : error.message);
    throw error;
  }
};

/** The value as the field takes it (active picklist value, within its length); warnings and errors name the input (`label`). */
export const valueForField = (ctx: Context, field: FieldInfo, value: unknown, label: string, warn: Warn): unknown =>
  asInputError(ctx, label, () => coerceValue(field, value, (warning) => warn(`${label}: ${warning}`)));
