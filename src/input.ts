import type { ZObject } from 'zapier-platform-core';
import type { z as zod } from 'zod';

/** Human labels for input keys, so errors name the field the way the Zapier form shows it. */
const LABELS: Record<string, string> = {
  email: 'Email',
  contact_id: 'Contact ID',
  booking_id: 'Booking ID',
  start_time: 'Start Time',
  end_time: 'End Time',
  duration_minutes: 'Duration (Minutes)',
  status: 'Status',
  booking_status: 'Booking Status',
  match_on: 'Match On',
  record_type: 'Record Type',
  tags: 'Tags',
  remove_tags: 'Tags to Remove',
  create_missing_tags: 'Create Missing Tags',
  country_code: 'Country',
  region: 'Region',
};

export const fieldLabel = (key: string): string =>
  LABELS[key] ?? key.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

const describeValue = (value: unknown): string => {
  if (value === undefined || value === null || value === '') return 'it was empty';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `got "${text.length > 60 ? `${text.slice(0, 59)}…` : text}"`;
};

/** Zapier sends empty optional fields as "" (or omits them); treat both as absent. */
export const withoutEmpty = (data: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(data ?? {}).filter(([, v]) => v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')),
  );

/**
 * Validates step input at the boundary. Failures become one `z.errors.Error` that names each
 * field, what was wrong and what was received, never a stack trace or a JSON dump.
 */
export const parseInput = <S extends zod.ZodType>(z: ZObject, schema: S, data: Record<string, unknown>): zod.infer<S> => {
  const cleaned = withoutEmpty(data);
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'input');
    const message = issue.code === 'invalid_type' && cleaned[key] === undefined ? 'is required' : issue.message;
    return `${fieldLabel(key)} (${key}) ${message.replace(/^Invalid input: ?/, '')}; ${describeValue(cleaned[key])}.`;
  });
  throw new z.errors.Error(`Please fix this step's input: ${problems.join(' ')}`, 'InvalidInput', 400);
};
