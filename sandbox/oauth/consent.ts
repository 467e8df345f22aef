import { html, redirect, formBody, type SandboxRequest, type SandboxResponse } from '../http';
import { esc, page } from '../page/html';
import type { TokenStore } from './tokens';

export interface ConsentConfig {
  /** Shown on the page: "Keap" or "Salesforce". */
  title: string;
  store: TokenStore;
  defaultScope: string;
  /** Salesforce accepts a PKCE challenge; Keap documents none. */
  pkce: boolean;
}

const errorPage = (title: string, message: string): SandboxResponse =>
  html(400, page(`${title}: authorization error`, `<h1>${esc(title)}</h1><p class="bad">${esc(message)}</p>`));

const withParams = (uri: string, params: Record<string, string | undefined>): string => {
  const url = new URL(uri);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
  return url.toString();
};

const validRedirect = (uri: string | null): uri is string => {
  if (!uri) return false;
  try {
    return ['http:', 'https:'].includes(new URL(uri).protocol);
  } catch {
    return false;
  }
};

/** The fields the consent form carries from the GET to the POST that records the decision. */
const CARRIED = ['client_id', 'redirect_uri', 'state', 'scope', 'code_challenge', 'code_challenge_method'] as const;

/**
 * Checks what must be right before a provider will even show its consent page: a known client
 * and a usable redirect URI. Problems after that go back to the redirect URI as `error=`.
 */
const checkRequest = (params: URLSearchParams, config: ConsentConfig): SandboxResponse | undefined => {
  if (params.get('client_id') !== config.store.client.id) return errorPage(config.title, 'error=invalid_client_id: client identifier invalid');
  if (!validRedirect(params.get('redirect_uri'))) return errorPage(config.title, 'error=redirect_uri_mismatch: redirect_uri must be an absolute http(s) URL');
  return undefined;
};

export const consentPage = (req: SandboxRequest, config: ConsentConfig): SandboxResponse => {
  const problem = checkRequest(req.query, config);
  if (problem) return problem;
  const redirectUri = req.query.get('redirect_uri')!;
  const state = req.query.get('state') ?? undefined;
  if ((req.query.get('response_type') ?? 'code') !== 'code') {
    return redirect(withParams(redirectUri, { error: 'unsupported_response_type', error_description: 'response type not supported', state }));
  }
  const method = req.query.get('code_challenge_method') ?? (req.query.get('code_challenge') ? 'plain' : undefined);
  if (config.pkce && method && !['S256', 'plain'].includes(method)) {
    return redirect(withParams(redirectUri, { error: 'invalid_request', error_description: 'invalid code_challenge_method', state }));
  }
  const hidden = CARRIED.map((name) => {
    const value = req.query.get(name);
    return value === null ? '' : `<input type="hidden" name="${name}" value="${esc(value)}">`;
  }).join('');
  const scope = req.query.get('scope') || config.defaultScope;
  const body =
    `<h1>${esc(config.title)} sandbox: allow access?</h1>` +
    `<p>Client id: <code id="client-id">${esc(req.query.get('client_id'))}</code></p>` +
    `<p>Scope: <code id="scope">${esc(scope)}</code></p>` +
    `<p>Redirect: <code>${esc(redirectUri)}</code></p>` +
    `<form method="post" action="${esc(req.fullPath)}">${hidden}` +
    `<button type="submit" id="allow" name="decision" value="allow">Allow</button> ` +
    `<button type="submit" id="deny" name="decision" value="deny">Deny</button></form>`;
  return html(200, page(`${config.title} sandbox consent`, body));
};

export const consentDecision = (req: SandboxRequest, config: ConsentConfig): SandboxResponse => {
  const form = formBody(req);
  const problem = checkRequest(form, config);
  if (problem) return problem;
  const redirectUri = form.get('redirect_uri')!;
  const state = form.get('state') ?? undefined;
  if (form.get('decision') !== 'allow') {
    return redirect(withParams(redirectUri, { error: 'access_denied', error_description: 'end-user denied authorization', state }));
  }
  const challenge = config.pkce ? form.get('code_challenge') : null;
  const code = config.store.issueCode({
    clientId: form.get('client_id')!,
    redirectUri,
    scope: form.get('scope') || config.defaultScope,
    ...(challenge ? { codeChallenge: challenge, codeChallengeMethod: form.get('code_challenge_method') ?? 'plain' } : {}),
  });
  return redirect(withParams(redirectUri, { code, state }));
};
