import type { ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { invalidInput, isBlank, shorten } from './kit';

/** A Zapier input field as the form shows it (static, or returned from a dynamic-fields function). */
export type InputField = {
  key: string;
  label?: string;
  type?: 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'datetime' | 'password' | 'copy';
  required?: boolean;
  list?: boolean;
  dict?: boolean;
  default?: string;
  helpText?: string;
  placeholder?: string;
  choices?: Record<string, string> | Array<{ value: string; sample: string; label: string }>;
  dynamic?: string;
  search?: string;
  altersDynamicFields?: boolean;
};

/**
 * One input, declared once: the Zapier field (key, label, help, type, dropdown) and the schema its
 * value must meet. The form, the validation and every message that names the field read it here.
 */
export type Input<K extends string = string, S extends zod.ZodType = zod.ZodType> = InputField & {
  readonly key: K;
  readonly label: string;
  readonly schema: S;
};

export const input = <const K extends string, S extends zod.ZodType>(declared: InputField & { key: K; label: string; schema: S }): Input<K, S> =>
  declared;

/** How messages name a field: its label as the form shows it, and the key a mapped value is sent under. */
export const named = (field: { key: string; label: string }): string => `${field.label} (${field.key})`;

/** The Zapier field of a declared input, without its schema. */
export const fieldOf = ({ schema: _schema, ...field }: Input): InputField => field;

type Shape<I extends readonly Input[]> = { [F in I[number] as F['key']]: F['schema'] };
/** The parsed values of a list of inputs, typed by their schemas (optional inputs are optional keys). */
export type Values<I extends readonly Input[]> = zod.output<zod.ZodObject<Shape<I>>>;
type Problem = { key: string; message: string };

/**
 * A group of inputs an operation (or a provider, for its own options) reads: the fields in form
 * order, the schema their values are checked with, and a cross-field rule if any.
 */
export type InputSet<I extends readonly Input[] = readonly Input[]> = {
  readonly inputs: I;
  readonly fields: InputField[];
  readonly schema: zod.ZodType<Values<I>>;
};
export type InputsOf<T extends InputSet> = zod.output<T['schema']>;

/** `rule` sees the parsed values and names the field a cross-field problem is reported on. */
export const inputSet = <const I extends readonly Input[]>(inputs: I, rule?: (values: Values<I>) => Problem | undefined): InputSet<I> => {
  const object = zod.object(Object.fromEntries(inputs.map((field) => [field.key, field.schema])));
  const checked = rule
    ? object.superRefine((values, ctx) => {
        const problem = rule(values as Values<I>);
        if (problem) ctx.addIssue({ code: 'custom', path: [problem.key], message: problem.message });
      })
    : object;
  // The object is built from the same list `Values<I>` maps over; TypeScript cannot follow `fromEntries`.
  return { inputs, fields: inputs.map(fieldOf), schema: checked as unknown as zod.ZodType<Values<I>> };
};

const titleCase = (key: string) => key.replace(/_/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());

const describeValue = (value: unknown): string => {
  if (value === undefined || value === null || value === '') return 'it was empty';
  return `got "${shorten(typeof value === 'string' ? value : JSON.stringify(value))}"`;
};

/** zapier-platform-core refuses these inside any request value, with a message meant for developers. */
const PLACEHOLDER = /\{\{\s*(bundle|process)\b/;

const hasPlaceholder = (value: unknown): boolean =>
  (Array.isArray(value) ? value : [value]).some((item) => typeof item === 'string' && PLACEHOLDER.test(item));

/** Messages past a few problems, or a few hundred characters, stop being read; the rest are named only. */
const MAX_EXPLAINED = 3;
const EXPLAINED_CHARACTERS = 320;

/** Blank inputs are absent. */
export const withoutEmpty = (data: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(data ?? {}).filter(([, value]) => !isBlank(value)));

/**
 * Validates step input at the boundary: the operation's own inputs, and any the CRM declares for
 * it (`also`), so one message names every problem. Failures become one `z.errors.Error` that names
 * each field by its declared label and key, what was wrong and what was received, never a stack
 * trace or a JSON dump. Keys nothing declares (a CRM's own fields) are named by their key.
 */
export const parseInput = <T extends InputSet>(z: ZObject, set: T, data: Record<string, unknown>, also?: InputSet): InputsOf<T> => {
  const labels = new Map([...set.inputs, ...(also?.inputs ?? [])].map((field) => [field.key, field.label]));
  const nameOf = (key: string) => named({ key, label: labels.get(key) ?? titleCase(key) });
  const cleaned = withoutEmpty(data);
  // Every mapped key, not only the declared ones: CRM-specific inputs reach requests too.
  const placeholders = Object.keys(cleaned).filter((key) => hasPlaceholder(cleaned[key]));
  if (placeholders.length) {
    const listed = placeholders.slice(0, 5).map(nameOf).join(', ');
    const more = placeholders.length > 5 ? ` and ${placeholders.length - 5} more` : '';
    throw invalidInput(
      z,
      `${listed}${more} ${placeholders.length > 1 ? 'contain' : 'contains'} "{{bundle…}}", which looks like an unfilled Zapier placeholder; remove it or map a real value.`,
    );
  }
  const result = set.schema.safeParse(cleaned);
  const extra = also?.schema.safeParse(cleaned);
  const issues = [...(result.success ? [] : result.error.issues), ...(extra && !extra.success ? extra.error.issues : [])];
  if (result.success && !issues.length) return result.data as InputsOf<T>;
  const problems = issues.map((issue) => {
    const key = String(issue.path[0] ?? 'input');
    const message = issue.code === 'invalid_type' && cleaned[key] === undefined ? 'is required' : issue.message;
    return { key, text: `${nameOf(key)} ${message.replace(/^Invalid input: ?/, '')}; ${describeValue(cleaned[key])}.` };
  });
  let count = 0;
  for (let length = 0; count < Math.min(MAX_EXPLAINED, problems.length) && (count === 0 || length + problems[count]!.text.length <= EXPLAINED_CHARACTERS); count++) {
    length += problems[count]!.text.length;
  }
  const explained = problems.slice(0, count).map((p) => p.text);
  const more = [...new Set(problems.slice(count).map((p) => p.key))].map(nameOf);
  const tail = more.length ? ` Also check ${more.slice(0, 5).join(', ')}${more.length > 5 ? ` and ${more.length - 5} more` : ''}.` : '';
  throw invalidInput(z, `Please fix this step's input: ${explained.join(' ')}${tail}`);
};

/**
 * What a provider reads of a step's input, instead of the bundle: its own declared inputs, parsed
 * and typed; raw text for the dropdowns that depend on another field; the values of the dynamic
 * fields it generated, by prefix.
 */
export type StepInput = {
  read<T extends InputSet>(set: T): InputsOf<T>;
  text(key: string): string | undefined;
  prefixed(prefix: string): Record<string, unknown>;
};

const textOf = (value: unknown): string | undefined => {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
  return text === '' ? undefined : text;
};

export const stepInput = (z: ZObject, data: Record<string, unknown> | undefined): StepInput => {
  const cleaned = withoutEmpty(data ?? {});
  return {
    read: (set) => parseInput(z, set, cleaned),
    text: (key) => textOf(cleaned[key]),
    prefixed: (prefix) => Object.fromEntries(Object.entries(cleaned).filter(([key]) => key.startsWith(prefix))),
  };
};
