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

/** A value echoed in a message, cut short so a pasted document cannot flood it. */
export const clip = (text: string, max = 60): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const describeValue = (value: unknown): string => {
  if (value === undefined || value === null || value === '') return 'it was empty';
  return `got "${clip(typeof value === 'string' ? value : JSON.stringify(value))}"`;
};

/** zapier-platform-core refuses these inside any request value, with a message meant for developers. */
const PLACEHOLDER = /\{\{\s*(bundle|process)\b/;

const hasPlaceholder = (value: unknown): boolean =>
  (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'string' && PLACEHOLDER.test(item));

/** Messages past a few problems stop being read; the rest are named only. */
const MAX_EXPLAINED = 3;

const invalidInput = (z: ZObject, problems: Array<{ key: string; text: string }>) => {
  const explained = problems.slice(0, MAX_EXPLAINED).map((p) => p.text);
  const more = [...new Set(problems.slice(MAX_EXPLAINED).map((p) => p.key))].map((key) => `${fieldLabel(key)} (${key})`);
  const tail = more.length ? ` Also check ${more.slice(0, 5).join(', ')}${more.length > 5 ? ` and ${more.length - 5} more` : ''}.` : '';
  return new z.errors.Error(`Please fix this step's input: ${explained.join(' ')}${tail}`, 'InvalidInput', 400);
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
  // Every mapped key, not only the schema's: CRM-specific inputs reach requests too.
  const placeholders = Object.keys(cleaned).filter((key) => hasPlaceholder(cleaned[key]));
  if (placeholders.length) {
    const named = placeholders.slice(0, 5).map((key) => `${fieldLabel(key)} (${key})`).join(', ');
    const more = placeholders.length > 5 ? ` and ${placeholders.length - 5} more` : '';
    throw new z.errors.Error(
      `${named}${more} ${placeholders.length > 1 ? 'contain' : 'contains'} "{{bundle…}}", which looks like an unfilled Zapier placeholder; remove it or map a real value.`,
      'InvalidInput',
      400,
    );
  }
  const result = schema.safeParse(cleaned);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? 'input');
    const message = issue.code === 'invalid_type' && cleaned[key] === undefined ? 'is required' : issue.message;
    return { key, text: `${fieldLabel(key)} (${key}) ${message.replace(/^Invalid input: ?/, '')}; ${describeValue(cleaned[key])}.` };
  });
  throw invalidInput(z, problems);
};
