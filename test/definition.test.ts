import App from '../index';

/** The app definition held to the integration checks that can be judged offline. */
type Operation = { sample?: Record<string, unknown>; outputFields?: unknown[] };
type Entry = { key: string; operation: Operation };

const withSamples = (section: Record<string, Entry> | undefined) =>
  Object.values(section ?? {})
    .filter((entry) => entry.operation.sample)
    .map((entry) => [entry.key, entry.operation] as const);

/** Sample keys as output-field keys: nested lists of objects read `tags[]id`. */
const sampleKeys = (sample: Record<string, unknown>): string[] =>
  Object.entries(sample).flatMap(([key, value]) =>
    Array.isArray(value) && typeof value[0] === 'object' && value[0] !== null ? Object.keys(value[0] as object).map((inner) => `${key}[]${inner}`) : [key],
  );

describe('app definition', () => {
  it.each([...withSamples(App.creates as never), ...withSamples(App.searches as never)])('%s: every key of its sample is a declared output field', (_key, operation) => {
    const declared = (operation.outputFields ?? []).filter((field): field is { key: string } => typeof field === 'object' && field !== null).map((field) => field.key);

    expect(sampleKeys(operation.sample!).filter((key) => !declared.includes(key))).toEqual([]);
  });

  it('gives Find Contact a sample of a found contact, not a created one', () => {
    expect(App.searches!.find_contact!.operation.sample).toMatchObject({ created: false });
  });
});

describe('connection fields', () => {
  type Field = { key: string; helpText?: string };
  const fields = (App.authentication as { fields: Field[] }).fields;

  it.each(['oncehub_api_key', 'salesforce_domain'])('%s, which the user fetches from elsewhere, links to where it is found (Zapier check D002)', (key) => {
    expect(fields.find((field) => field.key === key)!.helpText).toMatch(/\[[^\]]+\]\(https:\/\/[^)\s]+\)/);
  });
});

describe('descriptions in Zapier style', () => {
  const displays = [
    ...Object.values(App.creates ?? {}),
    ...Object.values(App.searches ?? {}),
    ...Object.values(App.triggers ?? {}),
  ].map((entry) => [(entry as { key: string }).key, (entry as { display: { description: string } }).display.description] as const);

  it.each(displays)('%s: one short sentence, without naming a CRM', (_key, description) => {
    expect(description).toMatch(/^[A-Z][a-z]+s .+\.$/);
    expect(description.length).toBeLessThanOrEqual(140);
    expect(description).not.toMatch(/\b(Keap|Salesforce)\b/);
  });

  it.each(displays.filter(([key]) => key === 'new_booking' || key.startsWith('lookup_')))('%s: a trigger says when it triggers', (_key, description) => {
    expect(description).toMatch(/^Triggers when /);
  });
});
