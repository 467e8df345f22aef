import { createHash, randomBytes } from 'node:crypto';
import type { Bundle, ZObject } from 'zapier-platform-core';
import { z as zod } from 'zod';
import { callApi } from '../http/api';
import { ONCEHUB_API } from './client';
import { bookingRecord, bookingSchema, describeIssues, type BookingRecord } from './booking';
import { appErrorStatus } from '../http/errors';
import { ALL_BOOKING_EVENTS, BOOKING_EVENTS } from './events';

/**
 * OnceHub names must be unique per account (409 otherwise). The hash ties a webhook to its Zap
 * so it can be recognised in OnceHub's list; the random suffix keeps a re-subscribe of the same
 * Zap, or a leftover from an earlier one, from colliding.
 */
export const webhookName = (targetUrl: string, suffix = randomBytes(3).toString('hex')) =>
  `Zapier New Booking ${createHash('sha256').update(targetUrl).digest('hex').slice(0, 8)}-${suffix}`;

const createdWebhookSchema = zod.looseObject({
  id: zod.string().min(1),
  secret: zod.string().min(1).nullish(),
  name: zod.string().nullish(),
  events: zod.array(zod.string()).nullish(),
});

export type Subscription = { id: string; secret: string; name: string; events: string[] };

const deleteWebhook = (z: ZObject, bundle: Bundle, id: string) =>
  callApi<{ id?: string; deleted?: boolean }>(z, bundle, ONCEHUB_API, {
    url: `/webhooks/${encodeURIComponent(id)}`,
    method: 'DELETE',
  });

/** Creates the webhook; the signing secret comes back only now, so it is kept in subscribeData. */
export const subscribe = async (z: ZObject, bundle: Bundle, events: string[]): Promise<Subscription> => {
  const url = bundle.targetUrl;
  if (!url) throw new z.errors.Error('Zapier did not supply a URL to subscribe OnceHub to. Turn the Zap on again.', 'NoTargetUrl', 400);
  const create = (name: string) =>
    callApi(z, bundle, ONCEHUB_API, { url: '/webhooks', method: 'POST', json: { url, name, events } });
  let response;
  try {
    response = await create(webhookName(url));
  } catch (error) {
    if (appErrorStatus(error) !== 409) throw error;
    response = await create(webhookName(url));
  }
  const parsed = createdWebhookSchema.safeParse(response.data);
  if (!parsed.success) {
    throw new z.errors.Error(
      `OnceHub's reply to creating the webhook was not understood (${describeIssues(parsed.error)}). Try turning the Zap on again.`,
      'OnceHubUnexpectedResponse',
      502,
    );
  }
  const webhook = parsed.data;
  if (!webhook.secret) {
    // Without the secret no delivery could be verified, so the webhook would only ever be ignored.
    await deleteWebhook(z, bundle, webhook.id);
    throw new z.errors.Error(
      'OnceHub created the webhook without a signing secret, so its deliveries could not be verified; it was removed again. ' +
        'Try turning the Zap on again; if this repeats, contact OnceHub support.',
      'OnceHubNoSecret',
      502,
    );
  }
  return { id: webhook.id, secret: webhook.secret, name: webhook.name ?? '', events: webhook.events ?? events };
};

/** Removes the webhook; one that is already gone (404) is what unsubscribing wants anyway. */
export const unsubscribe = async (z: ZObject, bundle: Bundle) => {
  const id = (bundle.subscribeData as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || id === '') return { deleted: false };
  try {
    const { data } = await deleteWebhook(z, bundle, id);
    return { id, deleted: data?.deleted ?? true };
  } catch (error) {
    if (appErrorStatus(error) === 404) return { id, deleted: true };
    throw error;
  }
};

export const RECENT_LIMIT = 50;
const EXPAND = 'data.owner,data.booking_page,data.master_page,data.event_type';

/** The event a listed booking stands for: the first chosen event a booking in its status can come from. */
const sampleEvent = (status: string, chosen: string[]): string | undefined => {
  const candidates = chosen.includes(ALL_BOOKING_EVENTS) ? Object.keys(BOOKING_EVENTS) : chosen;
  return candidates.find((event) => BOOKING_EVENTS[event]?.listStatuses.includes(status));
};

/**
 * Recent bookings shaped like webhook deliveries, newest first, for the editor's samples. When
 * every chosen event implies the same status, OnceHub filters by it; otherwise bookings are
 * kept whose status one of the chosen events can produce. `requested` bookings never reach a
 * webhook, so they are never samples either.
 */
export const recentBookings = async (z: ZObject, bundle: Bundle, chosen: string[]): Promise<BookingRecord[]> => {
  const statuses = new Set(
    (chosen.includes(ALL_BOOKING_EVENTS) ? Object.keys(BOOKING_EVENTS) : chosen).flatMap((e) => BOOKING_EVENTS[e]?.listStatuses ?? []),
  );
  const params: Record<string, string> = { limit: String(RECENT_LIMIT), expand: EXPAND };
  if (statuses.size === 1) params.status = [...statuses][0]!;
  const { data } = await callApi<{ data?: unknown }>(z, bundle, ONCEHUB_API, { url: '/bookings', params });
  const items = Array.isArray(data?.data) ? data.data : [];
  const records: BookingRecord[] = [];
  for (const item of items) {
    const parsed = bookingSchema.safeParse(item);
    if (!parsed.success) {
      z.console.log(`OnceHub New Booking: skipped a listed booking in an unexpected shape (${describeIssues(parsed.error)}).`);
      continue;
    }
    const event = sampleEvent(parsed.data.status ?? '', chosen);
    if (event) records.push(bookingRecord(event, parsed.data));
  }
  return records;
};
