import { type Sandbox } from '../../sandbox';
import { startCheckedSandbox } from '../helpers/checked-sandbox';
import { api, authorize } from './helpers';

let sandbox: Sandbox;
let keap: ReturnType<typeof api>;
let sf: ReturnType<typeof api>;
beforeAll(async () => {
  sandbox = await startCheckedSandbox();
  keap = api(sandbox.env.KEAP_API_BASE_URL, (await authorize(sandbox, 'keap')).access_token!);
  sf = api(`${sandbox.url}/salesforce/services/data/v62.0`, (await authorize(sandbox, 'salesforce')).access_token!);
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

describe('fault injection', () => {
  it('answers throttling in each provider’s shape, then recovers', async () => {
    sandbox.faults.add({ provider: 'keap', path: '/v2/contacts', rateLimit: true });
    const throttled = await keap('GET', '/v2/contacts');
    expect(throttled.status).toBe(429);
    expect(throttled.json).toEqual({ code: '429', message: 'Quota Exceeded', status: 'Request Throttled', details: null });
    expect(throttled.headers.get('x-keap-product-throttle-available')).toBe('0');
    expect((await keap('GET', '/v2/contacts')).status).toBe(200);

    sandbox.faults.add({ provider: 'salesforce', method: 'GET', path: /\/query$/, rateLimit: true });
    const limited = await sf('GET', '/query?q=SELECT+Id+FROM+Lead');
    expect(limited.status).toBe(403);
    expect(limited.json).toEqual([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);

    sandbox.faults.add({ provider: 'oncehub', path: '/bookings', rateLimit: true });
    const once = await fetch(`${sandbox.env.ONCEHUB_API_BASE_URL}/bookings`, { headers: { 'API-Key': sandbox.oncehub.apiKey } });
    expect(once.status).toBe(429);
    expect(once.headers.get('retry-after')).toBeTruthy();
  });

  it('injects 401s, 5xx, slow and truncated responses, a set number of times', async () => {
    sandbox.faults.add({ provider: 'salesforce', path: '/sobjects', status: 401 });
    expect((await sf('GET', '/sobjects/Lead/describe')).json).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    sandbox.faults.add({ provider: 'any', path: '/v1/tags', status: 503, times: 2 });
    expect((await keap('GET', '/v1/tags')).status).toBe(503);
    expect((await keap('GET', '/v1/tags')).status).toBe(503);
    expect((await keap('GET', '/v1/tags')).status).toBe(200);
    sandbox.faults.add({ provider: 'keap', path: '/v1/users', malformed: true });
    const broken = await keap('GET', '/v1/users');
    expect(broken.status).toBe(200);
    expect(() => JSON.parse(broken.text)).toThrow();
    sandbox.faults.add({ provider: 'keap', path: '/v1/users', delayMs: 150 });
    const started = Date.now();
    expect((await keap('GET', '/v1/users')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sandbox.faults.add({ provider: 'keap', path: '/v1/users', status: 500 });
    sandbox.faults.clear();
    expect((await keap('GET', '/v1/users')).status).toBe(200);
  });
});

describe('request log', () => {
  it('records round trips without credentials', async () => {
    sandbox.resetRequestLog();
    await keap('GET', '/v1/contacts?email=a@b.c');
    await fetch(`${sandbox.url}/keap/crm/rest/v1/users?access_token=secret-token-value`);
    expect(sandbox.requests.map((r) => [r.provider, r.method, r.path, r.status])).toEqual([
      ['keap', 'GET', '/keap/crm/rest/v1/contacts', 200],
      ['keap', 'GET', '/keap/crm/rest/v1/users', 401],
    ]);
    expect(JSON.stringify(sandbox.requests)).not.toContain('secret-token-value');
    expect(sandbox.requests[1]!.query.access_token).toBe('[redacted]');
  });
});

describe('state page', () => {
  it('renders both CRMs and OnceHub, escaping what records contain', async () => {
    await keap('POST', '/v1/contacts', { given_name: '<script>alert(1)</script>', email_addresses: [{ email: 'x@example.com', field: 'EMAIL1' }] });
    await sf('POST', '/sobjects/Lead', { LastName: '<img src=x onerror=alert(1)>', Company: 'A&B' });
    await sandbox.oncehub.book({ customer: { name: '"Quote" <b>bold</b>', email: 'q@example.com' } });
    const response = await fetch(`${sandbox.url}/`);
    const html = await response.text();
    expect(response.headers.get('content-type')).toContain('text/html');
    for (const heading of ['Keap', 'Salesforce', 'OnceHub', 'Events', 'Webhook deliveries', 'Tasks', 'Topic assignments']) expect(html).toContain(heading);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('A&amp;B');
    expect((await fetch(`${sandbox.url}/?auto=1`).then((r) => r.text()))).toContain('http-equiv="refresh"');
    const contactId = [...sandbox.state.keap.contacts.keys()][0];
    const contactPage = await fetch(`${sandbox.env.KEAP_WEB_APP_URL}/Contact/manageContact.jsp?view=edit&ID=${contactId}`);
    expect(await contactPage.text()).toContain('&lt;script&gt;');
  });
});
