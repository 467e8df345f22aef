import { apiCalls, failure, ops, run, useIntegration } from './support';

/** Update Contact by ID on both CRMs, over HTTP against the sandbox: the upsert's rules, the ID's own record. */
const ctx = useIntegration();

type Contact = Record<string, unknown> & { id: string; created: boolean };

const keapUpsert = (inputData: Record<string, unknown>) => run<Contact>(ctx, ctx.keap, ops.upsertContact, inputData);
const keapUpdate = (inputData: Record<string, unknown>) => run<Contact>(ctx, ctx.keap, ops.updateContact, inputData);
const sfUpsert = (inputData: Record<string, unknown>) => run<Contact>(ctx, ctx.salesforce, ops.upsertContact, inputData);
const sfUpdate = (inputData: Record<string, unknown>) => run<Contact>(ctx, ctx.salesforce, ops.updateContact, inputData);

beforeEach(() => ctx.sandbox.reset());

describe('Update Contact (Keap)', () => {
  it('updates the contact with that ID in one read and one write, keeping every list entry it did not map', async () => {
    const created = await keapUpsert({ email: 'ada@example.com', first_name: 'Ada', phone: '+1 555 0100', mobile_phone: '+1 555 0199' });
    ctx.sandbox.resetRequestLog();

    const updated = await keapUpdate({ contact_id: created.id, job_title: 'Countess', phone: '+1 555 0111' });

    expect(updated).toMatchObject({ id: created.id, created: false, job_title: 'Countess', phone: '+1 555 0111', mobile_phone: '+1 555 0199' });
    expect(apiCalls(ctx.sandbox, 'keap')).toEqual([`GET /v2/contacts/${created.id}`, `PATCH /v2/contacts/${created.id}`]);
    const stored = ctx.sandbox.state.keap.contacts.get(Number(created.id))!;
    expect(stored.phone_numbers.map((p) => p.number)).toEqual(expect.arrayContaining(['+1 555 0111', '+1 555 0199']));
  });

  it('makes a new email the primary one and keeps the contact’s other addresses', async () => {
    const created = await keapUpsert({ email: 'old@example.com', first_name: 'Ada' });
    const updated = await keapUpdate({ contact_id: created.id, email: 'New@Example.com' });

    expect(updated).toMatchObject({ id: created.id, email: 'new@example.com' });
    const stored = ctx.sandbox.state.keap.contacts.get(Number(created.id))!;
    expect(stored.email_addresses.find((e) => e.field === 'EMAIL1')?.email).toBe('new@example.com');
  });

  it('says which ID it could not find, and refuses an ID that is not a Keap ID before any call', async () => {
    expect((await failure(keapUpdate({ contact_id: '999999', first_name: 'X' }))).message).toContain(
      'No Keap contact has the ID 999999 in Contact ID (contact_id).',
    );
    ctx.sandbox.resetRequestLog();
    expect((await failure(keapUpdate({ contact_id: '00Q5g00000Lead01AAA' }))).message).toMatch(/Contact ID \(contact_id\)/);
    expect(apiCalls(ctx.sandbox, 'keap').filter((call) => call.startsWith('PATCH'))).toEqual([]);
  });

  it('refuses a value longer than Keap’s documented limit, naming the field, before writing', async () => {
    const created = await keapUpsert({ email: 'long@example.com', first_name: 'Ada' });
    ctx.sandbox.resetRequestLog();
    expect((await failure(keapUpdate({ contact_id: created.id, first_name: 'A'.repeat(41) }))).message).toBe(
      'First Name (first_name) holds at most 40 characters in Keap; got 41. Shorten the mapped value.',
    );
    expect(apiCalls(ctx.sandbox, 'keap').filter((call) => call.startsWith('PATCH'))).toEqual([]);
  });

  it('needs the Contact ID', async () => {
    expect((await failure(keapUpdate({ first_name: 'X' }))).message).toContain('Contact ID (contact_id) is required');
  });
});

describe('Update Contact (Salesforce)', () => {
  it('updates the Lead with that ID: describe from cache, one query, one PATCH', async () => {
    const lead = await sfUpsert({ email: 'grace@example.com', last_name: 'Hopper' });
    await sfUpdate({ contact_id: lead.id, job_title: 'Rear Admiral' });
    ctx.sandbox.resetRequestLog();

    const updated = await sfUpdate({ contact_id: lead.id, company: 'US Navy', email: 'Grace.Hopper@Navy.example' });

    expect(updated).toMatchObject({ id: lead.id, object_type: 'Lead', created: false, company: 'US Navy', email: 'grace.hopper@navy.example' });
    expect(ctx.sandbox.state.salesforce.record(lead.id)).toMatchObject({ Company: 'US Navy', Title: 'Rear Admiral', Email: 'grace.hopper@navy.example' });
    const calls = ctx.sandbox.requests.filter((r) => r.provider === 'salesforce').map((r) => `${r.method} ${r.path.replace(/^.*\/v62\.0/, '')}`);
    expect(calls).toEqual(['GET /query', `PATCH /sobjects/Lead/${lead.id}`]);
  });

  it('fills only empty fields in Fill empty mode', async () => {
    const lead = await sfUpsert({ email: 'fill@example.com', last_name: 'Fill', job_title: 'Engineer' });
    const updated = await sfUpdate({ contact_id: lead.id, job_title: 'Manager', phone: '+1 202 555 0100', update_mode: 'fill_empty' });

    expect(updated).toMatchObject({ fields_written: ['Phone'] });
    expect(ctx.sandbox.state.salesforce.record(lead.id)).toMatchObject({ Title: 'Engineer', Phone: '+1 202 555 0100' });
  });

  it('refuses an ID that is no person record before writing, and says which ID it could not find', async () => {
    expect((await failure(sfUpdate({ contact_id: '5005g0000Case01AAA', last_name: 'X' }))).message).toBe(
      'Contact ID (contact_id) "5005g0000Case01AAA" is not the ID of a Salesforce Lead, Contact or Person Account.',
    );
    expect((await failure(sfUpdate({ contact_id: '00Q5g0000Gone01AAA', last_name: 'X' }))).message).toContain(
      'No Salesforce Lead has the ID 00Q5g0000Gone01AAA in Contact ID (contact_id).',
    );
  });
});

describe('Find or Create Contact', () => {
  it('updates the contact it found through Update Contact, with the found ID', async () => {
    const { searchOrCreates } = (await import('../../index')).default as unknown as {
      searchOrCreates: Record<string, { update?: string; updateInputFromSearchOutput?: Record<string, string> }>;
    };
    expect(searchOrCreates.find_contact).toMatchObject({ update: 'update_contact', updateInputFromSearchOutput: { contact_id: 'id' } });
  });
});
