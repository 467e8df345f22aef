import App from '../../index';
import { appTester, keapAuth, salesforceAuth } from '../helpers/app';
import { seenError } from '../helpers/errors';
import { answerEverything } from './providers';

/**
 * The hostile-input table. Every operation is fed the values a no-code user can map by accident: each value in
 * every field at once, then each field alone with the placeholder and a wrong type. A step
 * either accepts the value (kept literal, requests still well-formed: the contract hook checks
 * each one) or fails with a message a person can act on: it names the field as "Label (key)",
 * is not a stack trace or a JSON dump, and stays under 500 characters.
 */

const BIG = 'x'.repeat(100 * 1024);
const MANY = Array.from({ length: 10_000 }, (_, i) => `tag ${i}`);

export const VALUES: Array<[string, unknown]> = [
  ['empty', ''],
  ['spaces', '   '],
  ['null', null],
  ['placeholder', '{{bundle.authData.access_token}}'],
  ['env placeholder', '{{process.env.KEAP_CLIENT_SECRET}}'],
  ['script', '<script>alert(1)</script>'],
  ['quote', "O'Brien \"the\" \\ man"],
  ['injection', "'; DELETE FROM Contact; --"],
  ['soql break-out', "\\' OR Name != '"],
  ['null byte', 'a\u0000b'],
  ['rtl', '\u202Eevil\u202C \u200F\u05E9\u05DC\u05D5\u05DD'],
  ['emoji', '😀👩‍👩‍👧'],
  ['number', 42],
  ['float', 3.5],
  ['object', { a: 1 }],
  ['array', ['a', 'b']],
  ['"true"', 'true'],
  ['"false"', 'false'],
  ['boolean', true],
  ['100 KB', BIG],
];

/** `base` is the valid input every hostile value is mixed into; `byCrm` adds what differs per CRM (a record ID); `only` names the one CRM a step works on. */
type Operation = { key: string; perform: unknown; base: Record<string, unknown>; byCrm?: Record<'keap' | 'salesforce', Record<string, unknown>>; only?: 'keap' | 'salesforce'; fields: string[]; lists?: string[] };

const OPERATIONS: Operation[] = [
  {
    key: 'creates.upsert_contact',
    perform: App.creates.upsert_contact.operation.perform,
    base: { email: 'ada@example.com', first_name: 'Ada', last_name: 'Lovelace' },
    fields: [
      'email', 'first_name', 'last_name', 'name', 'phone', 'mobile_phone', 'company', 'job_title', 'website', 'address_line1',
      'address_line2', 'city', 'region', 'postal_code', 'country_code', 'time_zone', 'lead_source', 'lead_source_category',
      'contact_type', 'owner_id', 'opt_in_reason', 'match_on',
    ],
  },
  {
    key: 'creates.update_contact',
    perform: App.creates.update_contact.operation.perform,
    base: { first_name: 'Ada' },
    byCrm: { keap: { contact_id: '2841' }, salesforce: { contact_id: '0035g00000Ada01AAA' } },
    fields: [
      'contact_id', 'email', 'first_name', 'last_name', 'name', 'phone', 'mobile_phone', 'company', 'job_title', 'website', 'address_line1',
      'address_line2', 'city', 'region', 'postal_code', 'country_code', 'time_zone', 'lead_source', 'lead_source_category',
      'contact_type', 'owner_id', 'opt_in_reason', 'update_mode',
    ],
  },
  {
    key: 'creates.add_note',
    perform: App.creates.add_note.operation.perform,
    base: { booking_id: 'BKNG-1', email: 'ada@example.com', subject: 'Demo' },
    fields: ['contact_id', 'email', 'booking_id', 'previous_booking_id', 'status', 'status_updated_at', 'subject', 'details', 'form_answers', 'note_type'],
  },
  {
    key: 'creates.upsert_case',
    perform: App.creates.upsert_case.operation.perform,
    base: { email: 'ada@example.com', booking_id: 'BKNG-1' },
    only: 'salesforce',
    fields: ['contact_id', 'email', 'booking_id', 'previous_booking_id', 'subject', 'description', 'case_record_type_id', 'case_status', 'case_origin', 'case_priority'],
  },
  {
    key: 'creates.add_to_campaign',
    perform: App.creates.add_to_campaign.operation.perform,
    base: { email: 'ada@example.com', campaign_id: '7015g00000Cmp01AAA' },
    only: 'salesforce',
    fields: ['contact_id', 'email', 'campaign_id', 'member_status'],
  },
  {
    key: 'creates.api_request',
    perform: App.creates.api_request.operation.perform,
    base: {},
    byCrm: { keap: { path: '/v2/tags' }, salesforce: { path: '/query', query: { q: 'SELECT Id FROM Lead' } } },
    // Query forwards whatever keys the user writes and the API judges them, so invented keys are not rotated in.
    fields: ['method', 'path', 'body', 'max_rows'],
  },
  {
    key: 'searches.api_request',
    perform: App.searches.api_request.operation.perform,
    base: {},
    byCrm: { keap: { path: '/v2/tags' }, salesforce: { path: '/query', query: { q: 'SELECT Id FROM Lead' } } },
    fields: ['path', 'max_rows'],
  },
  {
    key: 'searches.find_contact',
    perform: App.searches.find_contact.operation.perform,
    base: { email: 'ada@example.com' },
    fields: ['email', 'record_type'],
  },
  {
    key: 'creates.apply_tag',
    perform: App.creates.apply_tag.operation.perform,
    base: { email: 'ada@example.com', tags: 'VIP' },
    fields: ['contact_id', 'email', 'tags', 'create_missing_tags', 'tag_category', 'remove_tags', 'booking_status', 'booking_id'],
    lists: ['tags', 'remove_tags'],
  },
  {
    key: 'creates.create_activity_event',
    perform: App.creates.create_activity_event.operation.perform,
    base: { booking_id: 'BKNG-1', email: 'ada@example.com', subject: 'Demo', start_time: '2026-11-23T15:00:00Z' },
    fields: [
      'booking_id', 'previous_booking_id', 'contact_id', 'email', 'subject', 'start_time', 'end_time', 'duration_minutes', 'time_zone',
      'location', 'conferencing_url', 'description', 'status', 'cancel_reschedule_reason', 'owner_id', 'activity_type', 'priority', 'case_id', 'log_as',
    ],
  },
];

export const CONNECTIONS = { keap: keapAuth, salesforce: salesforceAuth } as const;

/** Why a failure is not one a person can act on (empty when it is). */
export const unhelpful = (error: unknown, field: string): string[] => {
  const seen = seenError(error);
  const problems: string[] = [];
  if (!['AppError', 'ThrottledError'].includes(seen.name)) problems.push(`${seen.name} (not a user-facing error)`);
  if (!seen.message.includes(`(${field})`)) problems.push('does not name the field');
  if (seen.message.length >= 500) problems.push(`${seen.message.length} characters`);
  if (/\n\s+at |^\s*[{[]|\bstack\b/.test(seen.message)) problems.push('stack trace or JSON dump');
  return problems.length ? [`${problems.join(', ')}: ${seen.message.slice(0, 300)}`] : [];
};

/** A field alone gets the placeholder and one wrong type, rotating so every type meets many fields. */
const WRONG_TYPES: Array<[string, unknown]> = [
  ['number', 42],
  ['object', { a: 1 }],
  ['array', ['a', 'b']],
  ['"false"', 'false'],
  ['100 KB', BIG],
];

/**
 * Defects reported, not yet fixed in code this suite's owner may change: the value is left out
 * of that CRM's per-field rotation until the fix lands (see docs/testing.md).
 */

// zapier-platform-core kills a worker after 250 invocations once RSS passes 450 MB, so one test
// file runs one CRM's table (about 180 steps).
export const runTable = (crm: keyof typeof CONNECTIONS) => {
  const run = (perform: unknown, inputData: Record<string, unknown>) =>
    appTester(perform as never, { authData: CONNECTIONS[crm], inputData, meta: {} } as never);

  const attempt = async (problems: string[], op: Operation, inputData: Record<string, unknown>, fields: string[], what: string) => {
    try {
      await run(op.perform, inputData);
    } catch (error) {
      const named = fields.map((field) => unhelpful(error, field));
      if (named.every((p) => p.length)) problems.push(`${what}: ${named[0]![0]}`);
    }
  };

  beforeAll(() => answerEverything(crm, salesforceAuth.instance_url));

  const operations = OPERATIONS.filter((op) => !op.only || op.only === crm);
  it.each(operations.map((op) => [op.key, op] as const))('%s: every field at once, each hostile value', async (_key, op) => {
    const problems: string[] = [];
    for (const [label, value] of [...VALUES, ['10k items', MANY] as [string, unknown]]) {
      const fields = label === '10k items' ? (op.lists ?? []) : op.fields;
      if (!fields.length) continue;
      const inputData = { ...op.base, ...op.byCrm?.[crm], ...Object.fromEntries(fields.map((field) => [field, value])) };
      await attempt(problems, op, inputData, fields, `all fields = ${label}`);
    }
    expect(problems).toEqual([]);
  });

  it.each(operations.map((op) => [op.key, op] as const))('%s: each field alone, placeholder and a wrong type', async (_key, op) => {
    const problems: string[] = [];
    const wrongTypes = WRONG_TYPES;
    for (const [i, field] of op.fields.entries()) {
      for (const [label, value] of [VALUES[3]!, wrongTypes[i % wrongTypes.length]!]) {
        await attempt(problems, op, { ...op.base, ...op.byCrm?.[crm], [field]: value }, [field], `${field} = ${label}`);
      }
    }
    expect(problems).toEqual([]);
  });
};
