import { isBlank } from './kit';

/**
 * Splits a full name the way both CRMs expect first and last names: "Last, First" is
 * reversed; otherwise the first word is the first name and the rest the last name. A single
 * word is a first name only.
 */
export const splitName = (fullName: string | undefined): { first_name: string; last_name: string } => {
  const name = (fullName ?? '').replace(/\s+/g, ' ').trim();
  if (!name) return { first_name: '', last_name: '' };
  const comma = name.match(/^([^,]+),\s*(.+)$/);
  if (comma) return { first_name: comma[2]!.trim(), last_name: comma[1]!.trim() };
  const [first, ...rest] = name.split(' ');
  return { first_name: first!, last_name: rest.join(' ') };
};

/** Fills first and last name from `name` when the step left both empty. */
export const withSplitName = <T extends Record<string, unknown>>(data: T): T => {
  if (isBlank(data.name) || !isBlank(data.first_name) || !isBlank(data.last_name)) return data;
  return { ...data, ...splitName(String(data.name)) };
};
