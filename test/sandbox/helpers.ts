import { createHash, randomBytes } from 'node:crypto';
import type { Sandbox } from '../../sandbox';

/** Runs the authorize → Allow → token dance over HTTP and returns the token response. */
export const authorize = async (
  sandbox: Sandbox,
  provider: 'keap' | 'salesforce',
  extra: Record<string, string> = {},
  tokenExtra: Record<string, string> = {},
): Promise<Record<string, string>> => {
  const client = sandbox.clients[provider];
  const redirectUri = 'http://localhost:9/callback';
  const authorizePath = provider === 'keap' ? '/keap/app/oauth/authorize' : '/salesforce/services/oauth2/authorize';
  const decision = await fetch(`${sandbox.url}${authorizePath}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: client.clientId, redirect_uri: redirectUri, state: 's1', decision: 'allow', ...extra }),
  });
  const code = new URL(decision.headers.get('location')!).searchParams.get('code')!;
  const tokenUrl = provider === 'keap' ? sandbox.env.KEAP_TOKEN_URL : `${sandbox.env.SALESFORCE_LOGIN_URL}/services/oauth2/token`;
  const response = await fetch(tokenUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uri: redirectUri,
      ...tokenExtra,
    }),
  });
  return (await response.json()) as Record<string, string>;
};

export const pkcePair = () => {
  const verifier = randomBytes(48).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** A JSON client with a bearer token. */
export const api = (base: string, token: string) => async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as any };
};
