import { failure, ops, run, salesforceApi, useIntegration } from './support';

/** API Request and its search twin on both CRMs, over HTTP against the sandbox. */
const ctx = useIntegration();

type Result = { status: number; rows: Array<Record<string, unknown>>; row_count: number; has_more: boolean; data: unknown };

const keap = (inputData: Record<string, unknown>) => run<Result>(ctx, ctx.keap, ops.apiRequest, inputData);
const salesforce = (inputData: Record<string, unknown>) => run<Result>(ctx, ctx.salesforce, ops.apiRequest, inputData);
const keapCalls = () => ctx.sandbox.requests.filter((r) => r.provider === 'keap').map((r) => `${r.method} ${r.path.replace('/keap/crm/rest', '')} ${new URLSearchParams(r.query as Record<string, string>).toString()}`.trim());

const seedTags = (count: number) => {
  const store = ctx.sandbox.state.keap;
  const now = new Date().toISOString();
  for (let i = 0; i < count; i++) {
    const id = store.id();
    store.tags.set(id, { id, name: `Report tag ${String(i).padStart(3, '0')}`, created: now, updated: now });
  }
};

beforeEach(() => ctx.sandbox.reset());

describe('API Request (Keap)', () => {
  it('follows v2 page tokens up to Max Rows, and says when there were more', async () => {
    seedTags(30);
    ctx.sandbox.resetRequestLog();

    const result = await keap({ method: 'GET', path: '/v2/tags', query: { page_size: '10' }, max_rows: '25' });

    expect(result).toMatchObject({ status: 200, row_count: 25, has_more: true });
    expect(result.rows[0]).toMatchObject({ id: expect.anything(), name: expect.any(String) });
    const calls = keapCalls();
    expect(calls).toHaveLength(3);
    expect(calls[1]).toMatch(/page_token=/);
  });

  it('follows v1 offsets, a full page at a time', async () => {
    seedTags(3);
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com', 'e@example.com']) {
      await run(ctx, ctx.keap, ops.upsertContact, { email });
    }
    ctx.sandbox.resetRequestLog();

    const result = await keap({ method: 'GET', path: '/v1/contacts', query: { limit: '2' }, max_rows: '5' });

    expect(result).toMatchObject({ row_count: 5, has_more: false });
    expect(keapCalls().map((call) => new URLSearchParams(call.split(' ')[2]).get('offset'))).toEqual(['0', '2', '4']);
  });

  it('sends a JSON body and returns the answer when it is not a list', async () => {
    const result = await keap({ method: 'POST', path: '/v2/tags', body: '{"name": "From API Request"}' });

    expect(result).toMatchObject({ status: 201, row_count: 0, data: { name: 'From API Request' } });
    expect([...ctx.sandbox.state.keap.tags.values()].some((tag) => tag.name === 'From API Request')).toBe(true);
  });

  it('words a refusal with the Keap error mapper, as every step does', async () => {
    expect((await failure(keap({ method: 'GET', path: '/v2/contacts/999999' }))).message).toMatch(/^Keap /);
  });

  it('reads rows as search results', async () => {
    seedTags(3);
    const rows = await run<Array<Record<string, unknown>>>(ctx, ctx.keap, ops.findRows, { path: '/v2/tags', max_rows: '2' });
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ name: expect.any(String) });
  });
});

describe('API Request (Salesforce)', () => {
  it('runs SOQL through /query on the pinned version, and stops at Max Rows', async () => {
    for (let i = 0; i < 3; i++) await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Lead', { LastName: `Report ${i}`, Company: 'Acme' });
    ctx.sandbox.resetRequestLog();

    const result = await salesforce({ path: '/query', query: { q: "SELECT Id, LastName FROM Lead WHERE Company = 'Acme' ORDER BY LastName" }, max_rows: '2' });

    expect(result).toMatchObject({ status: 200, row_count: 2 });
    expect(result.rows.map((row) => row.LastName)).toEqual(['Report 0', 'Report 1']);
    expect(ctx.sandbox.requests.filter((r) => r.provider === 'salesforce').map((r) => r.path)).toEqual(['/salesforce/services/data/v62.0/query']);
  });

  it('asks for a batch no larger than it needs, and reports the rows it left', async () => {
    for (let i = 0; i < 205; i++) await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Lead', { LastName: `Batch ${i}`, Company: 'Batch' });
    ctx.sandbox.resetRequestLog();

    const result = await salesforce({ path: '/query', query: { q: "SELECT Id FROM Lead WHERE Company = 'Batch'" }, max_rows: '5' });

    // A batch of 200 (the smallest Salesforce takes) holds the 5 rows; the rest stay on the server.
    expect(result).toMatchObject({ row_count: 5, has_more: true });
    expect(ctx.sandbox.requests.filter((r) => r.provider === 'salesforce')).toHaveLength(1);
  });

  it('words a bad query with the Salesforce error mapper', async () => {
    expect((await failure(salesforce({ path: '/query', query: { q: 'SELECT Nope FROM Lead' } }))).message).toMatch(/Salesforce/);
  });
});

/** The three recipes docs/api-request.md gives, run as written. */
describe('API Request recipes', () => {
  it('Keap campaigns: GET /v1/campaigns', async () => {
    const result = await keap({ method: 'GET', path: '/v1/campaigns', max_rows: '50' });
    expect(result.rows.map((row) => row.name)).toEqual(['Booking Follow-up', 'No-show Win-back', 'New Client Onboarding']);
    expect(result).toMatchObject({ row_count: 3, has_more: false });
  });

  it('Salesforce open Opportunities by SOQL', async () => {
    for (const [Name, StageName] of [['Renewal', 'Prospecting'], ['Upsell', 'Negotiation/Review'], ['Won deal', 'Closed Won']]) {
      await salesforceApi(ctx.salesforce, 'POST', '/sobjects/Opportunity', { Name, StageName, CloseDate: '2027-01-31', Amount: 1000 });
    }
    const result = await salesforce({
      method: 'GET',
      path: '/query',
      query: { q: 'SELECT Id, Name, StageName, CloseDate, Amount FROM Opportunity WHERE IsClosed = false ORDER BY Name' },
      max_rows: '200',
    });
    expect(result.rows.map((row) => [row.Name, row.StageName])).toEqual([
      ['Renewal', 'Prospecting'],
      ['Upsell', 'Negotiation/Review'],
    ]);
  });

  it('Keap tasks for a contact: GET /v2/tasks with filter contact_id==<ID>', async () => {
    const contact = await run<{ id: string }>(ctx, ctx.keap, ops.upsertContact, { email: 'tasks@example.com', first_name: 'Task' });
    await run(ctx, ctx.keap, ops.activity, { contact_id: contact.id, booking_id: 'BKNG-RECIPE', start_time: '2027-01-05T15:00:00Z', subject: 'Intro call' });
    const result = await keap({ method: 'GET', path: '/v2/tasks', query: { filter: `contact_id==${contact.id}` } });
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]).toMatchObject({ title: 'Scheduled: Intro call' });
  });
});

describe('API Request boundary', () => {
  it.each([
    ['/../token', 'must stay below'],
    ['//evil.example/steal', 'must stay below'],
    ['https://evil.example/steal', 'must be a path that starts with /'],
    ['/v2/%2e%2e/token', 'must stay below'],
    ['/v2/contacts?limit=5', 'must be a path that starts with /'],
  ])('refuses the path %s before any call', async (path, words) => {
    ctx.sandbox.resetRequestLog();
    const error = await failure(keap({ method: 'GET', path }));
    expect(error.message).toContain(`Path (path) ${words}`);
    expect(ctx.sandbox.requests).toEqual([]);
  });

  it.each([
    [{ max_rows: '0' }, 'Max Rows (max_rows) must be from 1 to 1000'],
    [{ max_rows: '5000' }, 'Max Rows (max_rows) must be from 1 to 1000'],
    [{ method: 'POST', body: '{name: oops}' }, 'Body (body) is not valid JSON'],
    [{ method: 'GET', body: '{"a": 1}' }, 'Body (body) is sent with POST, PUT and PATCH only'],
    [{ method: 'FETCH' }, 'Method (method) must be one of GET, POST, PUT, PATCH, DELETE'],
  ])('refuses %j, naming the field', async (input, words) => {
    expect((await failure(keap({ path: '/v2/tags', ...input }))).message).toContain(words);
  });
});
