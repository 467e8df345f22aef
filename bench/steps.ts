import App from '../index';
import type { Sandbox } from '../sandbox';
import type { Connection } from '../sandbox/zapier/connect';
import { HookEndpoint, type Delivery } from '../sandbox/zapier/hooks';
import type { AppTester } from '../sandbox/zapier/runtime';
import type { ZCacheProbe } from './zcache';

/**
 * The steps the benchmark measures, each with the fewest HTTP round trips the provider's API
 * allows for it (the reasoning is in docs/performance.md) and a check that the run really did
 * the work the row is named for, so no timing is taken of an error path or a no-op.
 */

export type Step = {
  crm: 'keap' | 'salesforce' | 'oncehub';
  name: string;
  minimum: number;
  /** The connection the step runs on; a platform-only replay of its requests runs on it too. */
  authData: Record<string, string>;
  run(clearCache: boolean): Promise<unknown>;
  /** Untimed: brings the CRM back to the state every timed run starts from. */
  prepare?(): Promise<void>;
  /** Throws unless the output is the success this row measures. */
  check(output: unknown): void;
};

type Tag = { id: string; name: string; status: string };
type Json = Record<string, unknown>;

const EMAIL = 'bench.person@example.com';
const BOOKING_ID = 'BKNG-BENCH-1';
const TAG_NAMES = ['Bench A', 'Bench B'];
const LEAD_SOURCE = { keap: 'Bench Page > Intro Call > Booking page', salesforce: 'Web' } as const;

const person = {
  email: EMAIL,
  first_name: 'Bench',
  last_name: 'Person',
  phone: '+1 202 555 0100',
  company: 'Bench Ltd',
  time_zone: 'America/New_York',
};

const activity = (contactId: string) => ({
  booking_id: BOOKING_ID,
  contact_id: contactId,
  subject: 'Intro call',
  start_time: '2030-01-15T15:00:00Z',
  end_time: '2030-01-15T15:30:00Z',
  time_zone: 'America/New_York',
  location: 'Zoom',
  status: 'Rescheduled',
  cancel_reschedule_reason: 'Moved by the benchmark',
});

const hookOperation = App.triggers!.new_booking!.operation as { perform: unknown; performSubscribe: unknown };

const ops = {
  find: App.searches!.find_contact!.operation.perform,
  upsert: App.creates!.upsert_contact!.operation.perform,
  update: App.creates!.update_contact!.operation.perform,
  apiRequest: App.creates!.api_request!.operation.perform,
  note: App.creates!.add_note!.operation.perform,
  addToCampaign: App.creates!.add_to_campaign!.operation.perform,
  upsertCase: App.creates!.upsert_case!.operation.perform,
  tag: App.creates!.apply_tag!.operation.perform,
  activity: App.creates!.create_activity_event!.operation.perform,
  newBooking: hookOperation.perform,
  subscribe: hookOperation.performSubscribe,
};

const fail = (step: string, output: unknown): never => {
  throw new Error(`${step}: unexpected output ${JSON.stringify(output).slice(0, 400)}`);
};

const tagsOf = (output: unknown): Tag[] => ((output as { tags?: Tag[] }).tags ?? []);

const statusOf = (output: unknown, name: string) => tagsOf(output).find((tag) => tag.name === name)?.status;

/** Every named tag has the status, and the output names no other tag. */
const onlyTags = (output: unknown, names: string[], status: string): boolean =>
  tagsOf(output).length === names.length && names.every((name) => statusOf(output, name) === status);

/** Booking tags an account gathers in lifecycle mode: one per booking and status, never removed. */
const HISTORY_TAGS = 2500;

const seedBookingTagHistory = (sandbox: Sandbox): void => {
  const store = sandbox.state.keap;
  const now = new Date().toISOString();
  for (let i = 0; i < HISTORY_TAGS; i++) {
    const id = store.id();
    store.tags.set(id, { id, name: `${['Scheduled', 'Completed'][i % 2]} (Booking ID: BKNG-HISTORY-${i})`, created: now, updated: now });
  }
};

/** Runs an operation the way the platform does; `clearCache` first empties z.cache. */
const invoker =
  (appTester: AppTester, cache: ZCacheProbe) =>
  (method: unknown, bundle: Json, clearCache = false): Promise<unknown> => {
    if (clearCache) cache.clear();
    return appTester(method as never, { meta: {}, ...bundle });
  };

/** A campaign the bench's Lead is a member of, its status set back to Sent before every run, so each run updates it. */
const campaignStep = async (
  connection: Connection,
  contactId: string,
  step: (name: string, minimum: number, method: unknown, inputData: Json, check: (output: Json) => boolean, prepare?: () => Promise<void>) => Step,
): Promise<Step> => {
  const api = async (method: string, path: string, body: unknown) => {
    const response = await fetch(`${connection.authData.instance_url}/services/data/v62.0${path}`, {
      method,
      headers: { authorization: `Bearer ${connection.authData.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return (text ? JSON.parse(text) : {}) as { id: string };
  };
  const { id: campaignId } = await api('POST', '/sobjects/Campaign', { Name: 'Bench Campaign', IsActive: true });
  const { id: memberId } = await api('POST', '/sobjects/CampaignMember', { CampaignId: campaignId, LeadId: contactId });
  const backToSent = async () => {
    await api('PATCH', `/sobjects/CampaignMember/${memberId}`, { Status: 'Sent' });
  };
  return step('Add to Campaign (status change)', 2, ops.addToCampaign, { contact_id: contactId, campaign_id: campaignId, member_status: 'Responded' }, (out) => out.action === 'updated', backToSent);
};

const crmSteps = async (run: ReturnType<typeof invoker>, sandbox: Sandbox, connection: Connection): Promise<Step[]> => {
  const { crm, authData } = connection;
  const invoke = (method: unknown, inputData: Json, clearCache = false) => run(method, { authData, inputData }, clearCache) as Promise<Json>;

  // Untimed set-up: the contact, the tags and the booking's activity exist before any row runs.
  const contact = await invoke(ops.upsert, { ...person, lead_source: LEAD_SOURCE[crm] });
  const contactId = String(contact.id);
  const tags = tagsOf(await invoke(ops.tag, { contact_id: contactId, tags: TAG_NAMES, create_missing_tags: true }));
  await invoke(ops.activity, { ...activity(contactId), status: 'Scheduled' });

  const removeBenchTags = async () => {
    await invoke(ops.tag, { contact_id: contactId, remove_tags: TAG_NAMES });
  };
  const lifecycle = (status: string, extra: Json = {}) => ({ contact_id: contactId, booking_status: status, booking_id: BOOKING_ID, create_missing_tags: true, ...extra });
  const completedTag = `Completed (Booking ID: ${BOOKING_ID})`;
  const backToScheduled = async () => {
    await invoke(ops.tag, lifecycle('Scheduled', { remove_tags: [completedTag] }));
  };
  const completed = (out: Json) =>
    statusOf(out, 'Completed') === 'applied' && statusOf(out, completedTag) === 'applied' && statusOf(out, 'Scheduled') === 'removed';

  const step = (name: string, minimum: number, method: unknown, inputData: Json, check: (output: Json) => boolean, prepare?: () => Promise<void>): Step => ({
    crm,
    name,
    minimum,
    authData,
    run: (clearCache) => invoke(method, inputData, clearCache),
    prepare,
    check: (output) => {
      if (!check(output as Json)) fail(`${crm} ${name}`, output);
    },
  });

  const byId = step('Apply Tag by ID', 1, ops.tag, { contact_id: contactId, tags: tags.map((tag) => tag.id) }, (out) => onlyTags(out, TAG_NAMES, 'applied'), removeBenchTags);
  let seeded = false;
  const withHistory = step(`Apply Tag, lifecycle mode, ${HISTORY_TAGS.toLocaleString('en')} booking tags in the account`, 4, ops.tag, lifecycle('Completed'), completed, async () => {
    if (!seeded) seedBookingTagHistory(sandbox);
    seeded = true;
    await backToScheduled();
  });
  return [
    step('Find Contact', 1, ops.find, { email: EMAIL }, (out) => Array.isArray(out) && (out as Json[])[0]?.id === contactId),
    // Keap: a read before the write, because its write replaces every list it is sent (docs/performance.md).
    step('Upsert Contact', 2, ops.upsert, person, (out) => out.id === contactId && out.created === false),
    step('Upsert Contact + lead source', crm === 'keap' ? 3 : 2, ops.upsert, { ...person, lead_source: LEAD_SOURCE[crm] }, (out) => out.id === contactId && out.created === false),
    // The record read by ID (its lists on Keap, its current values on Salesforce), then one write.
    step('Update Contact by ID', 2, ops.update, { contact_id: contactId, job_title: 'Analyst' }, (out) => out.id === contactId && out.created === false),
    // One page holds every row asked for: page size (Keap) or batch size (Salesforce) follows Max Rows.
    step(
      'API Request, GET list (one page)',
      1,
      ops.apiRequest,
      crm === 'keap' ? { path: '/v2/tags', max_rows: '50' } : { path: '/query', query: { q: 'SELECT Id, Name FROM Lead' }, max_rows: '50' },
      (out) => typeof out.row_count === 'number' && out.row_count > 0,
    ),
    ...(crm === 'keap' ? [byId] : []),
    // Keap: tag names seen before resolve from the remembered tag list, so only the apply is sent (a new name costs one
    // GET /v2/tags page). Salesforce: one composite read of the Topics and the record's assignments, then one write.
    step('Apply Tag by name', crm === 'keap' ? 1 : 2, ops.tag, { contact_id: contactId, tags: TAG_NAMES }, (out) => onlyTags(out, TAG_NAMES, 'applied'), removeBenchTags),
    step('Apply Tag, lifecycle mode', crm === 'keap' ? 4 : 2, ops.tag, lifecycle('Completed'), completed, backToScheduled),
    // Salesforce only: one composite read (campaign, statuses, membership), then the status write.
    ...(crm === 'salesforce' ? [await campaignStep(connection, contactId, step)] : []),
    // Salesforce only. A case cannot link a Lead (the bench's person), so the Lead's email and name are read, then its
    // cases, then the chain's case is updated: 3. For a Contact it is 2 (a new case is created with its number in one composite).
    ...(crm === 'salesforce' ? [step('Case for a Lead (update)', 3, ops.upsertCase, { contact_id: contactId, booking_id: 'BKNG-BENCH-CASE', subject: 'Bench case' }, (out) => out.action === 'updated')] : []),
    // The chain's note read with the contact's notes, then one write.
    step('Note (update)', 2, ops.note, { contact_id: contactId, booking_id: 'BKNG-BENCH-NOTE', subject: 'Bench call', status: 'Scheduled' }, (out) => out.action === 'updated'),
    step('Activity Event (update)', 2, ops.activity, activity(contactId), (out) => out.action === 'updated' && out.status === 'Rescheduled'),
    // Last on purpose: the account keeps the history for every row measured after it.
    ...(crm === 'keap' ? [withHistory] : []),
  ];
};

/** A signed OnceHub delivery for a booking made now; the trigger accepts it for five minutes. */
const newBookingStep = async (run: ReturnType<typeof invoker>, sandbox: Sandbox, trigger: Connection): Promise<Step> => {
  const hooks = new HookEndpoint();
  await hooks.listen();
  const inputData = { events: ['booking'] };
  try {
    const subscribeData = await run(ops.subscribe, { authData: trigger.authData, inputData, targetUrl: hooks.url });
    await sandbox.oncehub.book({ customer: { name: 'Bench Person', email: EMAIL } });
    const [delivery] = await hooks.take();
    if (!delivery) throw new Error('OnceHub sent no webhook for the benchmark booking.');
    return {
      crm: 'oncehub',
      name: 'New Booking perform (hook)',
      minimum: 0,
      authData: trigger.authData,
      run: (clearCache) => run(ops.newBooking, hookBundle(trigger, subscribeData, delivery, inputData), clearCache),
      check: (output) => {
        if (!Array.isArray(output) || output.length !== 1) fail('New Booking', output);
      },
    };
  } finally {
    await hooks.close();
  }
};

const hookBundle = (trigger: Connection, subscribeData: unknown, delivery: Delivery, inputData: Json) => ({
  authData: trigger.authData,
  subscribeData,
  rawRequest: delivery,
  cleanedRequest: JSON.parse(delivery.content) as unknown,
  inputData,
});

export const buildSteps = async (appTester: AppTester, cache: ZCacheProbe, sandbox: Sandbox, connections: Connection[]): Promise<Step[]> => {
  const run = invoker(appTester, cache);
  const steps = [await newBookingStep(run, sandbox, connections[0]!)];
  for (const connection of connections) steps.push(...(await crmSteps(run, sandbox, connection)));
  return steps;
};

/** The dynamic-field builds a user's editor triggers: both forms' inputFields and every dropdown. */
export type FieldBuild = { crm: 'keap' | 'salesforce'; name: string; run(clearCache: boolean): Promise<unknown> };

export const fieldBuilds = (appTester: AppTester, cache: ZCacheProbe, connections: Connection[]): FieldBuild[] => {
  const run = invoker(appTester, cache);
  const triggers = App.triggers as Record<string, { operation: { perform: unknown } }>;
  const lookups = Object.keys(triggers).filter((key) => key.startsWith('lookup_'));
  return connections.flatMap(({ crm, authData }) => {
    const build = (name: string, method: unknown): FieldBuild => ({
      crm,
      name,
      // The region dropdown lists the provinces of the form's current country.
      run: (clearCache) => run(method, { authData, inputData: { country_code: 'US' } }, clearCache),
    });
    return [
      build('Upsert Contact inputFields', App.creates!.upsert_contact!.operation.inputFields),
      build('Activity Event inputFields', App.creates!.create_activity_event!.operation.inputFields),
      ...lookups.map((key) => build(key, triggers[key]!.operation.perform)),
    ];
  });
};
