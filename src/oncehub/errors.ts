import type { HttpResponse, ZObject } from 'zapier-platform-core';
import { retryAfterSeconds, statusMessage, throwForCommonFailures } from '../http/errors';

/** OnceHub error body: `{type, message, param?}`. */
type OnceHubErrorBody = { type?: string; message?: string; param?: string };

export const ONCEHUB_KEY_HELP =
  'In OnceHub, open Settings → API & Webhooks, create an API key, then reconnect this Zapier connection with it.';

export const oncehubKeyRejectedMessage = (detail = 'Invalid API key.') =>
  `OnceHub rejected the API key saved in this connection (${detail.replace(/\.$/, '')}). ${ONCEHUB_KEY_HELP}`;

const PLAN_PATTERN = /plan|upgrade/i;

/** Turns a OnceHub API failure into an error a no-code user can act on. */
export const throwForOnceHubError = (z: ZObject, response: HttpResponse): HttpResponse => {
  throwForCommonFailures(z, response, 'OnceHub', (r) => retryAfterSeconds(r) ?? 1);
  if (response.status < 400) return response;

  const body = (response.data ?? {}) as OnceHubErrorBody;
  const detail = body.message?.trim();
  if (response.status === 401) {
    throw new z.errors.ExpiredAuthError(oncehubKeyRejectedMessage(detail));
  }
  if (response.status === 402 || (response.status === 403 && detail && PLAN_PATTERN.test(detail))) {
    throw new z.errors.Error(
      `OnceHub says your plan does not include API access: ${detail ?? 'upgrade required.'} ` +
        'The New Booking trigger needs a OnceHub plan with API access (Enterprise).',
      'OnceHubPlan',
      response.status,
    );
  }
  const param = body.param ? ` (field: ${body.param})` : '';
  const message = detail
    ? `OnceHub rejected the request (HTTP ${response.status})${param}: ${detail}`
    : statusMessage('OnceHub', response.status);
  throw new z.errors.Error(message, body.type ?? `OnceHub${response.status}`, response.status);
};
