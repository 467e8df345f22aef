import type { HttpResponse, ZObject } from 'zapier-platform-core';
import { retryAfterSeconds, throwForCommonFailures } from './errors';

export type TokenGrant = 'authorization_code' | 'refresh_token';

type TokenRequest = {
  service: string;
  url: string;
  grant: TokenGrant;
  form: Record<string, string | undefined>;
  headers?: Record<string, string>;
};

type OAuthErrorBody = { error?: string; error_description?: string; access_token?: string };

/** Errors that mean the app itself is misconfigured, not that the user's grant died. */
const CLIENT_ERRORS = new Set(['invalid_client', 'invalid_client_id', 'unauthorized_client', 'redirect_uri_mismatch']);

const isRefreshAuthError = (error: unknown) => error instanceof Error && error.name === 'RefreshAuthError';

const clientMessage = (service: string, detail: string) =>
  `${service} rejected this integration's OAuth client (${detail}). The integration's ${service.toUpperCase()}_CLIENT_ID and ` +
  `${service.toUpperCase()}_CLIENT_SECRET, or its callback URL, do not match the ${service} app; contact the integration's owner.`;

/**
 * Posts a form-encoded OAuth token request (both CRMs require form encoding) and returns the
 * token JSON, or throws an error that tells the user what to do. A refresh rejected with a
 * 4xx means the grant is dead (revoked, expired, rotated away): only reconnecting helps.
 */
export const requestToken = async <T extends object>(z: ZObject, request: TokenRequest): Promise<T & { access_token: string }> => {
  const form = Object.fromEntries(Object.entries(request.form).filter(([, v]) => v !== undefined && v !== '')) as Record<string, string>;
  let response: HttpResponse;
  try {
    response = await z.request({
      url: request.url,
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
        ...request.headers,
      },
      skipThrowForStatus: true,
      throwForThrottlingEarly: false,
    } as Parameters<ZObject['request']>[0]);
  } catch (error) {
    // The platform turns a 401 into RefreshAuthError before we can read it; from a token
    // endpoint a 401 only ever means the client credentials were refused.
    if (isRefreshAuthError(error)) throw new z.errors.Error(clientMessage(request.service, 'HTTP 401'), 'OAuthClient', 401);
    throw error;
  }
  throwForCommonFailures(z, response, request.service, (r) => retryAfterSeconds(r) ?? 60);
  const body = (response.data ?? {}) as OAuthErrorBody;
  if (response.status < 400 && body.access_token) return response.data as T & { access_token: string };

  const detail = [body.error, body.error_description].filter(Boolean).join(': ') || `HTTP ${response.status}`;
  if (body.error && CLIENT_ERRORS.has(body.error)) {
    throw new z.errors.Error(clientMessage(request.service, detail), 'OAuthClient', response.status);
  }
  if (request.grant === 'refresh_token' && response.status >= 400 && response.status < 500) {
    throw new z.errors.ExpiredAuthError(
      `${request.service} no longer accepts this connection's sign-in (${detail}). ` +
        `This happens when access is revoked, the refresh token expires, or the ${request.service} password or policy changes. ` +
        `Reconnect your ${request.service} account in Zapier to keep your Zaps running.`,
    );
  }
  throw new z.errors.Error(
    `${request.service} did not complete the sign-in (${detail}). Try connecting your ${request.service} account again.`,
    'OAuthError',
    response.status || 400,
  );
};

/** What the platform puts in `bundle.inputData` during the OAuth flow, plus the connection's own fields. */
export type OAuthInputData = {
  redirect_uri: string;
  state: string;
  code: string;
  code_verifier?: string;
  code_challenge?: string;
  crm?: string;
  oncehub_api_key?: string;
  /** Connect-time fields a CRM declares for itself (`CrmConnection.fields`). */
  [field: string]: string | undefined;
};
