/**
 * Zapier coerces `boolean` and `integer` fields on the way in, but `inputDataRaw`, text mapped
 * from an earlier step and older runners pass strings. These read the spellings people and
 * platforms use (any case, around spaces) and return undefined for anything else, so the caller
 * refuses it naming the field. The words are the ones Zapier's own runner coerces
 * (zapier-platform CLI `invoke/input-types.js`), plus on/off.
 */
const TRUE_WORDS = new Set(['true', 'yes', '1', 'y', 'on']);
const FALSE_WORDS = new Set(['false', 'no', '0', 'n', 'off']);

export const asBoolean = (value: unknown): boolean | undefined => {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const word = String(value).trim().toLowerCase();
  return TRUE_WORDS.has(word) ? true : FALSE_WORDS.has(word) ? false : undefined;
};

/** A finite number, or a numeric string (`" 45 "`, `"1e3"`, `"-2.5"`); thousands separators too (`"1,200"`). */
export const asNumber = (value: unknown): number | undefined => {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim().replace(/(\d),(?=\d{3}\b)/g, '$1');
  if (text === '') return undefined;
  const number = Number(text);
  return Number.isFinite(number) ? number : undefined;
};

export const BOOLEAN_HINT = 'must be true or false (yes/no and 1/0 work too)';
export const NUMBER_HINT = 'must be a number';
