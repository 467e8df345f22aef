import type { HttpResponse, ZObject } from 'zapier-platform-core';
import { retryAfterSeconds, statusMessage, throwForCommonFailures } from '../../http/errors';
import { shorten } from '../../kit';
import { named } from '../../input';
import { ACTIVITY, CONTACT } from '../../inputs';
import { KEAP_CONTACT } from './form';

/**
 * Keap answers errors in three shapes: the API gateway's `fault` (auth, quota), the v2
 * application error `{code, message, status, details}` and REST v1's `{message}`.
 */
type KeapErrorBody = {
  fault?: { faultstring?: string; detail?: { errorcode?: string } };
  message?: string;
  status?: string;
  code?: string | number;
  details?: Array<{ domain?: string; resource?: string }> | null;
  error?: string;
  error_description?: string;
};

/** Input keys a Keap validation message points at, so the user knows which mapped field to fix. */
const FIELD_HINTS: Array<[RegExp, string]> = [
  [/\bcontact (id )?\d+ (does not exist|was not found|not found)/i, named(ACTIVITY.contact_id)],
  [/country code/i, named(CONTACT.country_code)],
  [/region/i, named(CONTACT.region)],
  [/email/i, named(CONTACT.email)],
  [/phone/i, named(CONTACT.phone)],
  [/time.?zone/i, named(KEAP_CONTACT.time_zone)],
  [/owner|user/i, named(CONTACT.owner_id)],
  [/lead ?source/i, named(CONTACT.lead_source)],
  [/contact.?type/i, named(KEAP_CONTACT.contact_type)],
  [/postal|zip/i, named(CONTACT.postal_code)],
  [/website|url/i, named(CONTACT.website)],
];

export const keapErrorMessage = (response: HttpResponse): string | undefined => {
  const body = (response.data ?? {}) as KeapErrorBody;
  const details = Array.isArray(body.details)
    ? body.details.map((d) => [d.domain, d.resource].filter(Boolean).join(' ')).filter(Boolean)
    : [];
  const text = body.fault?.faultstring ?? body.error_description ?? body.message;
  if (!text) return undefined;
  return shorten(details.length ? `${text} (${details.join('; ')})` : text, 400);
};

export const fieldHint = (message: string): string | undefined =>
  FIELD_HINTS.find(([pattern]) => pattern.test(message))?.[1];

const header = (response: HttpResponse, name: string): number | undefined => {
  const value = response.getHeader(name);
  if (value === undefined) return undefined;
  const first = Number(String(value).split('|')[0]);
  return Number.isFinite(first) ? first : undefined;
};

const UNIT_SECONDS: Record<string, number> = { second: 1, minute: 60, hour: 3600, day: 86400 };

/**
 * Keap sends no Retry-After; its throttle headers say which budget ran out. An exhausted
 * daily quota waits until its expiry time; an exhausted per-minute throttle waits one interval.
 */
export const keapThrottleDelaySeconds = (response: HttpResponse, now = Date.now()): number => {
  const retryAfter = retryAfterSeconds(response, now);
  if (retryAfter !== undefined) return retryAfter;
  const quotaAvailable = header(response, 'x-keap-product-quota-available');
  const quotaExpiry = header(response, 'x-keap-product-quota-expiry-time');
  if (quotaAvailable !== undefined && quotaAvailable <= 0 && quotaExpiry) {
    return Math.max(1, Math.ceil((quotaExpiry - now) / 1000));
  }
  for (const prefix of ['x-keap-product-throttle', 'x-keap-tenant-throttle']) {
    const available = header(response, `${prefix}-available`);
    if (available !== undefined && available <= 0) {
      const unit = String(response.getHeader(`${prefix}-time-unit`) ?? 'minute').split('|')[0]!.toLowerCase();
      const interval = header(response, `${prefix}-interval`) ?? 1;
      return interval * (UNIT_SECONDS[unit] ?? 60);
    }
  }
  return 60;
};

/**
 * Turns any Keap REST failure into an error a no-code user can act on. A caller that knows what
 * a 404 means (a contact ID that does not exist) says so in `middlewareData.notFound`.
 */
export const throwForKeapError = (z: ZObject, response: HttpResponse): HttpResponse => {
  throwForCommonFailures(z, response, 'Keap', keapThrottleDelaySeconds);
  if (response.status < 400) return response;
  const notFound = response.request?.middlewareData?.notFound;
  if (response.status === 404 && typeof notFound === 'string') {
    throw new z.errors.Error(notFound, 'KeapNotFound', 404);
  }

  const detail = keapErrorMessage(response);
  const hint = detail ? fieldHint(detail) : undefined;
  const base = detail ? `Keap rejected the request (HTTP ${response.status}): ${detail}` : statusMessage('Keap', response.status);
  const advice =
    response.status === 403
      ? ' Check that the connected Keap user has permission for this, or reconnect as an admin.'
      : hint
        ? ` Check the ${hint} value mapped in this step.`
        : '';
  throw new z.errors.Error(`${base}${base.endsWith('.') ? '' : '.'}${advice}`, `Keap${response.status}`, response.status);
};
