import type { HttpResponse, ZObject } from 'zapier-platform-core';

/** Statuses that mean "the service is briefly unavailable": worth an automatic retry. */
const TRANSIENT_STATUSES = new Set([500, 502, 503, 504]);
const TRANSIENT_RETRY_SECONDS = 60;

/** Parses a delay in seconds from a Retry-After header (seconds or HTTP date). */
export const retryAfterSeconds = (response: HttpResponse, now = Date.now()): number | undefined => {
  const header = response.getHeader('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
};

/**
 * Errors every provider shares: throttling, transient outages and unreadable bodies.
 * Returns nothing when the response is fine so each provider mapper can carry on.
 */
export const throwForCommonFailures = (
  z: ZObject,
  response: HttpResponse,
  service: string,
  throttleDelaySeconds: (response: HttpResponse) => number | undefined,
): void => {
  if (response.status === 429) {
    const delay = throttleDelaySeconds(response);
    throw new z.errors.ThrottledError(
      `${service} is rate limiting requests right now. Zapier will retry this step automatically` +
        (delay ? ` in about ${delay} second${delay === 1 ? '' : 's'}.` : '.'),
      delay,
    );
  }
  if (TRANSIENT_STATUSES.has(response.status)) {
    throw new z.errors.ThrottledError(
      (response.status === 500 ? `${service} had an internal error (HTTP 500).` : `${service} is temporarily unavailable (HTTP ${response.status}).`) +
        ' Zapier will retry this step automatically.',
      TRANSIENT_RETRY_SECONDS,
    );
  }
  if (response.status < 300 && response.content.trim() !== '' && response.data === undefined) {
    throw new z.errors.ThrottledError(
      `${service} sent a response that could not be read (HTTP ${response.status}, not valid JSON). ` +
        'This is usually a brief glitch; Zapier will retry this step automatically.',
      TRANSIENT_RETRY_SECONDS,
    );
  }
};

/** The generic message for an error status a provider gave no readable explanation for. */
export const statusMessage = (service: string, status: number): string => {
  if (status === 403) return `${service} refused the request (HTTP 403): the connected user lacks permission for it.`;
  if (status === 404) return `${service} could not find the requested record (HTTP 404).`;
  if (status >= 500) return `${service} had an internal error (HTTP ${status}). Try again later.`;
  return `${service} rejected the request (HTTP ${status}).`;
};



/** The HTTP status carried by an error a provider's error mapper threw, so callers can treat an expected refusal as an answer. */
export const appErrorStatus = (error: unknown): number | undefined => {
  if (!(error instanceof Error) || error.name !== 'AppError') return undefined;
  try {
    const { status } = JSON.parse(error.message) as { status?: unknown };
    return typeof status === 'number' ? status : undefined;
  } catch {
    return undefined;
  }
};
