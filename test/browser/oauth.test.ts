import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import App from '../../index';
import { type Sandbox } from '../../sandbox';
import { startCheckedSandbox } from '../helpers/checked-sandbox';
import { ADMIN_USER_ID, ORG_ID, ORG_NAME } from '../../sandbox/salesforce/org';
import { connect, type Connection } from '../../sandbox/zapier/connect';
import { createRuntime, type AppTester } from '../../sandbox/zapier/runtime';
import { registerSecret } from '../secrets/known';
import { launchChromium, RedirectCatcher } from './support';

/**
 * A person connects each CRM in a real headless Chromium: the app's own authorize URL opens the
 * sandbox's consent page, the person reads it and clicks Allow or Deny, the browser follows the
 * provider's redirect to the redirect URI, and the Zapier stand-in (`connect()`) finishes the
 * exchange and the connection test. What is asserted is what the person sees and what Zapier
 * would store.
 */

const oauth = App.authentication!.oauth2Config!;
const KEAP_USER_EMAIL = 'sandy.box@example.com';
const SALESFORCE_USER_EMAIL = 'admin@sandbox-org.example.com';

// Definite but possibly unset: when Chromium is missing, beforeAll stops before the rest starts.
let browser!: Browser;
let sandbox!: Sandbox;
let catcher!: RedirectCatcher;
let context!: BrowserContext;
let appTester: AppTester;
/** The Sandbox environment's login host: the same emulator under another host name, so a mix-up between environments shows. */
let sandboxLoginOrigin: string;

beforeAll(async () => {
  browser = await launchChromium();
  sandbox = await startCheckedSandbox();
  catcher = new RedirectCatcher();
  await catcher.listen();
  sandboxLoginOrigin = sandbox.url.replace('127.0.0.1', 'localhost');
  Object.assign(process.env, sandbox.env, {
    SALESFORCE_SANDBOX_LOGIN_URL: `${sandboxLoginOrigin}/salesforce`,
    KEAP_CLIENT_ID: sandbox.clients.keap.clientId,
    KEAP_CLIENT_SECRET: sandbox.clients.keap.clientSecret,
    SALESFORCE_CLIENT_ID: sandbox.clients.salesforce.clientId,
    SALESFORCE_CLIENT_SECRET: sandbox.clients.salesforce.clientSecret,
  });
  appTester = createRuntime(sandbox);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await catcher?.close();
  await sandbox?.close();
});

beforeEach(async () => {
  context = await browser.newContext();
  sandbox.resetRequestLog();
});

afterEach(() => context?.close());

/** What a person sees on the consent page before deciding. */
type ConsentView = {
  origin: string;
  path: string;
  heading: string;
  clientId: string;
  scope: string;
  redirect: string;
  buttons: string[];
};

const readConsent = async (page: Page): Promise<ConsentView> => {
  const url = new URL(page.url());
  return {
    origin: url.origin,
    path: url.pathname,
    heading: await page.locator('h1').innerText(),
    clientId: await page.locator('#client-id').innerText(),
    scope: await page.locator('#scope').innerText(),
    redirect: await page.locator('p', { hasText: 'Redirect:' }).locator('code').innerText(),
    buttons: await page.getByRole('button').allInnerTexts(),
  };
};

/** Clicks a consent button and returns where the browser was sent, once it has landed there. */
const decide = async (page: Page, decision: 'Allow' | 'Deny'): Promise<URL> => {
  const arrival = catcher.next();
  await page.getByRole('button', { name: decision, exact: true }).click();
  const landed = await arrival;
  await page.waitForURL(landed.href);
  return landed;
};

type Visit = { authorizeUrl: URL; view: ConsentView; landed: URL };

/** The `consent` answer for connect(): a person in Chromium reads the page and clicks. */
const personClicks = (decision: 'Allow' | 'Deny', visits: Visit[]) => async (authorizeUrl: string) => {
  const page = await context.newPage();
  const response = await page.goto(authorizeUrl);
  if (response?.status() !== 200) throw new Error(`The consent page answered HTTP ${response?.status()}.`);
  const view = await readConsent(page);
  const landed = await decide(page, decision);
  visits.push({ authorizeUrl: new URL(authorizeUrl), view, landed });
  return landed.href;
};

const calls = () => sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

/** The stored tokens are the emulator's own: they open its API, and the refresh token renews the connection. */
const expectLiveTokens = async (connection: Connection) => {
  const { authData } = connection;
  for (const value of [authData.access_token, authData.refresh_token, authData.oncehub_api_key]) registerSecret(value);
  const meUrl = connection.crm === 'keap' ? `${sandbox.env.KEAP_API_BASE_URL}/v2/oauth/connect/userinfo` : authData.id!;
  const me = await fetch(meUrl, { headers: { authorization: `Bearer ${authData.access_token}` } });
  expect({ status: me.status, email: ((await me.json()) as { email?: string }).email }).toEqual({
    status: 200,
    email: connection.crm === 'keap' ? KEAP_USER_EMAIL : SALESFORCE_USER_EMAIL,
  });

  const refreshed = (await appTester(oauth.refreshAccessToken as never, { authData, meta: {} })) as Record<string, string>;
  registerSecret(refreshed.access_token);
  registerSecret(refreshed.refresh_token);
  expect(refreshed.access_token).not.toBe(authData.access_token);
  const again = await fetch(meUrl, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
  expect(again.status).toBe(200);
};

describe('Allow', () => {
  it('Keap: the person sees Keap, the full scope and both buttons; the connection stores the issued tokens', async () => {
    const visits: Visit[] = [];
    const connection = await connect(appTester, {
      crm: 'keap',
      redirectUri: catcher.url,
      inputData: { oncehub_api_key: sandbox.oncehub.apiKey },
      consent: personClicks('Allow', visits),
    });

    expect(visits.map((v) => v.view)).toEqual([
      {
        origin: sandbox.url,
        path: '/keap/app/oauth/authorize',
        heading: 'Keap sandbox: allow access?',
        clientId: sandbox.clients.keap.clientId,
        scope: 'full',
        redirect: catcher.url,
        buttons: ['Allow', 'Deny'],
      },
    ]);
    const { landed, authorizeUrl } = visits[0]!;
    expect(landed.searchParams.get('state')).toBe(authorizeUrl.searchParams.get('state'));
    expect(landed.searchParams.get('code')).toMatch(/\S{10,}/);

    expect(connection.authData).toEqual({
      crm: 'keap',
      access_token: expect.stringMatching(/\S{16,}/),
      refresh_token: expect.stringMatching(/\S{16,}/),
      expires_in: '86399',
      scope: 'full|sb123.infusionsoft.com',
      app_name: 'sb123',
      issued_at: expect.stringMatching(/^\d{13}$/),
      oncehub_api_key: sandbox.oncehub.apiKey,
    });
    expect(connection.label).toBe(`Keap · sb123 · ${KEAP_USER_EMAIL}`);
    expect(calls()).toEqual([
      'GET /keap/app/oauth/authorize 200',
      'POST /keap/app/oauth/authorize 302',
      'POST /keap/token 200',
      'GET /keap/crm/rest/v2/oauth/connect/userinfo 200',
      'GET /oncehub/v2/test 200',
    ]);
    await expectLiveTokens(connection);
  });

  it('Salesforce production: the person sees the requested scopes on the production login host; the org details are stored', async () => {
    const visits: Visit[] = [];
    const connection = await connect(appTester, { crm: 'salesforce', redirectUri: catcher.url, consent: personClicks('Allow', visits) });

    expect(visits.map((v) => v.view)).toEqual([
      {
        origin: sandbox.url,
        path: '/salesforce/services/oauth2/authorize',
        heading: 'Salesforce sandbox: allow access?',
        clientId: sandbox.clients.salesforce.clientId,
        scope: 'api refresh_token offline_access id',
        redirect: catcher.url,
        buttons: ['Allow', 'Deny'],
      },
    ]);
    expect(visits[0]!.authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');

    const base = `${sandbox.url}/salesforce`;
    expect(connection.authData).toEqual({
      crm: 'salesforce',
      access_token: expect.stringMatching(new RegExp(`^${ORG_ID.slice(0, 15)}!\\S{16,}$`)),
      refresh_token: expect.stringMatching(/\S{16,}/),
      instance_url: base,
      id: `${base}/id/${ORG_ID}/${ADMIN_USER_ID}`,
      issued_at: expect.stringMatching(/^\d{13}$/),
      salesforce_environment: 'production',
      salesforce_domain: '',
      login_url: base,
      oncehub_api_key: '',
    });
    expect(connection.label).toBe(`Salesforce · ${ORG_NAME} · ${SALESFORCE_USER_EMAIL}`);
    expect(calls().filter((c) => c.includes('/oncehub/'))).toEqual([]);
    expect(calls().slice(0, 3)).toEqual([
      'GET /salesforce/services/oauth2/authorize 200',
      'POST /salesforce/services/oauth2/authorize 302',
      'POST /salesforce/services/oauth2/token 200',
    ]);
    await expectLiveTokens(connection);
  });

  it('Salesforce sandbox: the consent page is on the sandbox login host, and the connection says Sandbox', async () => {
    const visits: Visit[] = [];
    const connection = await connect(appTester, {
      crm: 'salesforce',
      redirectUri: catcher.url,
      inputData: { salesforce_environment: 'sandbox', oncehub_api_key: sandbox.oncehub.apiKey },
      consent: personClicks('Allow', visits),
    });

    expect(visits.map((v) => [v.view.origin, v.view.path, v.view.heading, v.view.buttons])).toEqual([
      [sandboxLoginOrigin, '/salesforce/services/oauth2/authorize', 'Salesforce sandbox: allow access?', ['Allow', 'Deny']],
    ]);
    const base = `${sandboxLoginOrigin}/salesforce`;
    expect(connection.authData).toMatchObject({
      crm: 'salesforce',
      instance_url: base,
      id: `${base}/id/${ORG_ID}/${ADMIN_USER_ID}`,
      salesforce_environment: 'sandbox',
      login_url: base,
      oncehub_api_key: sandbox.oncehub.apiKey,
    });
    expect(connection.label).toBe(`Salesforce (Sandbox) · ${ORG_NAME} · ${SALESFORCE_USER_EMAIL}`);
    expect(calls()).toContain('GET /oncehub/v2/test 200');
    await expectLiveTokens(connection);
  });
});

describe('Deny', () => {
  it.each(['keap', 'salesforce'] as const)('%s: the redirect carries access_denied and the state, connect() refuses, no token is issued', async (crm) => {
    const visits: Visit[] = [];
    await expect(connect(appTester, { crm, redirectUri: catcher.url, consent: personClicks('Deny', visits) })).rejects.toThrow(
      'Access was not granted (access_denied: end-user denied authorization).',
    );

    expect(visits).toHaveLength(1);
    const { landed, authorizeUrl } = visits[0]!;
    expect(Object.fromEntries(landed.searchParams)).toEqual({
      error: 'access_denied',
      error_description: 'end-user denied authorization',
      state: authorizeUrl.searchParams.get('state'),
    });
    const authorizePath = crm === 'keap' ? '/keap/app/oauth/authorize' : '/salesforce/services/oauth2/authorize';
    expect(calls()).toEqual([`GET ${authorizePath} 200`, `POST ${authorizePath} 302`]);
  });
});

describe('hostile values on the consent page', () => {
  const hostile = `"><script>alert('state')</script><img src=x onerror="alert('img')">`;

  it.each(['keap', 'salesforce'] as const)('%s: echoed state, scope and redirect URI show as text, run nothing, and come back intact', async (crm) => {
    const hostileRedirect = `${catcher.url}?from=${encodeURIComponent(hostile)}`;
    const authorizeUrl = new URL(
      (await appTester(oauth.authorizeUrl as never, {
        inputData: { crm, redirect_uri: hostileRedirect, state: hostile },
        meta: {},
      })) as string,
    );
    authorizeUrl.searchParams.set('scope', hostile);

    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(authorizeUrl.href);

    const view = await readConsent(page);
    expect({ scope: view.scope, redirect: view.redirect, buttons: view.buttons }).toEqual({
      scope: hostile,
      redirect: hostileRedirect,
      buttons: ['Allow', 'Deny'],
    });
    expect(await page.locator('input[name="state"]').getAttribute('value')).toBe(hostile);
    expect({ scripts: await page.locator('script').count(), images: await page.locator('img').count() }).toEqual({ scripts: 0, images: 0 });

    const landed = await decide(page, 'Allow');
    expect(landed.searchParams.get('state')).toBe(hostile);
    expect(landed.searchParams.get('from')).toBe(hostile);
    expect(landed.searchParams.get('code')).toMatch(/\S{10,}/);
    expect(dialogs).toEqual([]);
  });
});

describe('the sandbox page after connecting', () => {
  it('shows the contact each connection created, with markup in it as text', async () => {
    const email = 'ada.browser@example.com';
    const company = `<script>alert('company')</script> Engines`;
    const created: Record<string, string> = {};
    for (const crm of ['keap', 'salesforce'] as const) {
      const connection = await connect(appTester, { crm, redirectUri: catcher.url, consent: personClicks('Allow', []) });
      registerSecret(connection.authData.access_token);
      registerSecret(connection.authData.refresh_token);
      const contact = (await appTester(App.creates!.upsert_contact!.operation.perform as never, {
        authData: connection.authData,
        inputData: { email, first_name: 'Ada', last_name: 'Lovelace', company },
        meta: {},
      })) as { id: string | number };
      created[crm] = String(contact.id);
    }

    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(`${sandbox.url}/`);
    const tableAfter = (heading: Locator) => heading.locator('xpath=following-sibling::table[1]');
    const keapContacts = tableAfter(page.locator('h2', { hasText: /^Keap \(/ }));
    const salesforceLeads = tableAfter(page.locator('h3', { hasText: /^Leads$/ }));
    const rowsFor = async (table: Locator) =>
      Promise.all((await table.getByRole('row', { name: email }).all()).map((row) => row.getByRole('cell').allInnerTexts()));

    expect((await rowsFor(keapContacts)).map((cells) => cells.slice(0, 5))).toEqual([[created.keap, 'Ada Lovelace', email, '', company]]);
    expect((await rowsFor(salesforceLeads)).map((cells) => cells.slice(0, 4))).toEqual([[created.salesforce, 'Ada Lovelace', email, company]]);
    expect(await page.locator('script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });
});
