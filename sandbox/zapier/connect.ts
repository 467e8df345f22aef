import { createHash, randomBytes } from 'node:crypto';
import App from '../../index';
import type { Sandbox } from '..';
import type { AppTester } from './runtime';

/**
 * Connects an account the way Zapier does: render the app's authorize URL, let the person
 * decide on the provider's consent page, take the code from the redirect, exchange it through
 * the app's getAccessToken, then run the app's connection test for the label. PKCE is played
 * the way the platform does it when `enablePkce` is on: the verifier never leaves this side.
 */
export type Connection = { crm: 'keap' | 'salesforce'; authData: Record<string, string>; label: string };

export type ConnectOptions = {
  crm: 'keap' | 'salesforce';
  redirectUri: string;
  inputData?: Record<string, string>;
  /** Answers the consent page; the default submits its Allow button over HTTP. */
  consent?: (authorizeUrl: string) => Promise<string>;
};

const oauth = App.authentication!.oauth2Config!;

/** Submits the consent page's form with the named button, returning the redirect location. */
export const submitConsent = async (authorizeUrl: string, decision: 'allow' | 'deny' = 'allow'): Promise<string> => {
  const page = await fetch(authorizeUrl);
  const html = await page.text();
  if (!page.ok) throw new Error(`The consent page answered HTTP ${page.status}: ${html.slice(0, 200)}`);
  const form = html.match(/<form[^>]*method="post"[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/i);
  if (!form) throw new Error('The consent page has no form to submit.');
  const fields = new URLSearchParams();
  for (const input of form[2]!.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) {
    fields.append(decodeEntities(input[1]!), decodeEntities(input[2]!));
  }
  const button = form[2]!.match(new RegExp(`<button[^>]*id="${decision}"[^>]*name="([^"]+)"[^>]*value="([^"]*)"`, 'i'));
  if (!button) throw new Error(`The consent page has no ${decision} button.`);
  fields.append(button[1]!, button[2]!);
  const response = await fetch(new URL(decodeEntities(form[1]!), authorizeUrl), {
    method: 'POST',
    body: fields,
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  if (!location) throw new Error(`The consent form answered HTTP ${response.status} without a redirect.`);
  return location;
};

const decodeEntities = (text: string) =>
  text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

export const connect = async (appTester: AppTester, options: ConnectOptions): Promise<Connection> => {
  const state = randomBytes(12).toString('hex');
  const verifier = randomBytes(32).toString('base64url');
  const inputData: Record<string, string> = {
    crm: options.crm,
    redirect_uri: options.redirectUri,
    state,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    ...options.inputData,
  };
  const authorizeUrl = (await appTester(oauth.authorizeUrl as never, { inputData, meta: {} })) as string;
  const location = new URL(await (options.consent ?? submitConsent)(authorizeUrl));
  if (location.searchParams.get('state') !== state) throw new Error('The OAuth redirect came back with a different state.');
  const error = location.searchParams.get('error');
  if (error) throw new Error(`Access was not granted (${error}: ${location.searchParams.get('error_description') ?? ''}).`);
  const code = location.searchParams.get('code');
  if (!code) throw new Error('The OAuth redirect carried no code.');

  const authData = (await appTester(oauth.getAccessToken as never, {
    inputData: { ...inputData, code, code_verifier: verifier },
    meta: {},
  })) as Record<string, string>;
  const test = (await appTester(App.authentication!.test as never, { authData, meta: {} })) as { connection_label: string };
  return { crm: options.crm, authData, label: test.connection_label };
};

/**
 * Connects Keap and then Salesforce (sandbox environment) to the sandbox, both carrying the
 * OnceHub API key, as a user who works with both CRMs would.
 */
export const connectBothCrms = async (
  appTester: AppTester,
  sandbox: Sandbox,
  onConnected: (connection: Connection) => void = () => {},
): Promise<Connection[]> => {
  const redirectUri = `${sandbox.url}/_zapier/oauth/return`;
  const connections: Connection[] = [];
  for (const [crm, inputData] of [
    ['keap', {}],
    ['salesforce', { salesforce_environment: 'sandbox' }],
  ] as const) {
    const connection = await connect(appTester, { crm, redirectUri, inputData: { ...inputData, oncehub_api_key: sandbox.oncehub.apiKey } });
    connections.push(connection);
    onConnected(connection);
  }
  return connections;
};
