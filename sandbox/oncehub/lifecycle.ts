import { createHmac } from 'node:crypto';
import { isoSeconds, randomId } from '../http';
import { onceId, type Booking, type BookingStatus, type Delivery, type OnceHubStore, type WebhookEvent } from './store';

/**
 * Drives bookings through their life the way a customer and a host would, and delivers each
 * change to the subscribed webhooks with OnceHub's signature (oncehub.md §A6-A8).
 */

export interface Customer {
  name: string;
  email: string;
  phone?: string;
  mobile_phone?: string;
  company?: string;
  note?: string;
  guests?: string[];
  custom_fields?: { name: string; value: string }[];
  timezone?: string;
}

export interface BookInput {
  customer: Customer;
  subject?: string;
  /** ISO time; defaults to tomorrow 15:00 UTC. */
  startTime?: string;
  durationMinutes?: number;
  ownerId?: string;
  eventTypeId?: string | null;
  masterPageId?: string | null;
  location?: string;
  joinUrl?: string;
  utm?: Partial<NonNullable<Booking['utm_params']>>;
}

export interface LifecycleResult {
  booking: Booking;
  event: WebhookEvent;
  deliveries: Delivery[];
}

/** A lifecycle step the booking's state does not allow (OnceHub answers these with 409). */
/**
 * What the composite `booking` subscription delivers: the seven events OnceHub's developer-center
 * webhook docs list for it (scheduleonce/developer-center, docs/Webhooks/webhook-event-triggers.md).
 * `booking.reassigned` exists in the v2 OpenAPI but is not among them, so it needs its own subscription.
 */
const COMPOSITE_BOOKING_EVENTS = [
  'booking.scheduled',
  'booking.rescheduled',
  'booking.canceled_then_rescheduled',
  'booking.canceled_reschedule_requested',
  'booking.canceled',
  'booking.completed',
  'booking.no_show',
];

export class LifecycleError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const DELIVERY_TIMEOUT_MS = 5000;
const RESPONSE_KEEP_CHARS = 2000;
const ACTIVE: BookingStatus[] = ['scheduled', 'rescheduled'];

export const signature = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

const tomorrowAfternoon = (): string => {
  const date = new Date(Date.now() + 86_400_000);
  date.setUTCHours(15, 0, 0, 0);
  return isoSeconds(date);
};

export type LifecycleAction = 'reschedule' | 'cancel' | 'complete' | 'no-show' | 'reassign';

const ACTION_WORDS: Record<LifecycleAction, string> = {
  reschedule: 'reschedule',
  cancel: 'cancel',
  complete: 'complete',
  'no-show': 'mark as no-show',
  reassign: 'reassign',
};

/** The booking a reschedule replaced this one with, if any. */
const replacementOf = (store: OnceHubStore, booking: Booking): Booking | undefined =>
  store.bookings.find((other) => other.rescheduled_booking_id === booking.id);

/**
 * What a booking in its state allows, as OnceHub's own pages offer it: an upcoming booking can be
 * rescheduled, canceled, completed, marked no-show or reassigned; a completed one can still be
 * marked no-show; a booking another one replaced by rescheduling, and a canceled or no-show one,
 * allow nothing.
 */
export const allowedActions = (store: OnceHubStore, booking: Booking): LifecycleAction[] => {
  if (replacementOf(store, booking)) return [];
  if (ACTIVE.includes(booking.status)) return ['reschedule', 'cancel', 'complete', 'no-show', 'reassign'];
  return booking.status === 'completed' ? ['no-show'] : [];
};

export class Lifecycle {
  constructor(private readonly store: () => OnceHubStore) {}

  private find(id: string, action: LifecycleAction): Booking {
    const store = this.store();
    const booking = store.booking(id);
    if (!booking) throw new LifecycleError(404, `No such booking: '${id}'`);
    if (allowedActions(store, booking).includes(action)) return booking;
    const replacement = replacementOf(store, booking);
    throw new LifecycleError(
      409,
      replacement
        ? `Cannot ${ACTION_WORDS[action]} booking ${booking.id}: it was rescheduled to ${replacement.id}`
        : `Cannot ${ACTION_WORDS[action]} a booking whose status is ${booking.status}`,
    );
  }

  async book(input: BookInput): Promise<LifecycleResult> {
    const store = this.store();
    const { customer } = input;
    if (!customer?.name || !customer.email) throw new LifecycleError(400, 'customer.name and customer.email are required');
    const owner = store.users.find((u) => u.id === (input.ownerId ?? store.users[0]!.id));
    if (!owner) throw new LifecycleError(400, `No such user: '${input.ownerId}'`);
    const page = store.bookingPages.find((p) => p.ownerId === owner.id)!;
    const eventType = input.eventTypeId === null ? undefined : store.eventTypes.find((e) => e.id === (input.eventTypeId ?? store.eventTypes[0]!.id));
    const start = input.startTime ? new Date(input.startTime) : new Date(tomorrowAfternoon());
    if (Number.isNaN(start.getTime())) throw new LifecycleError(400, `Invalid startTime: ${input.startTime}`);
    const now = isoSeconds(new Date());
    const id = onceId('BKNG');
    const booking: Booking = {
      object: 'booking',
      id,
      tracking_id: randomId(8, '0123456789ABCDEF'),
      subject: input.subject ?? eventType?.name ?? 'Meeting',
      status: 'scheduled',
      in_trash: false,
      creation_time: now,
      starting_time: isoSeconds(start),
      customer_timezone: customer.timezone ?? 'America/New_York',
      last_updated_time: now,
      duration_minutes: input.durationMinutes ?? 30,
      virtual_conferencing: input.joinUrl === undefined ? { join_url: `https://meet.example.com/${id.toLowerCase()}` } : input.joinUrl ? { join_url: input.joinUrl } : null,
      location_description: input.location ?? null,
      rescheduled_booking_id: null,
      cancel_reschedule_information: null,
      attendees: [customer.email, ...(customer.guests ?? [])],
      form_submission: {
        name: customer.name,
        email: customer.email,
        phone: customer.phone ?? null,
        mobile_phone: customer.mobile_phone ?? null,
        note: customer.note ?? null,
        company: customer.company ?? null,
        guests: customer.guests ?? [],
        custom_fields: customer.custom_fields ?? [],
      },
      booking_page: page.id,
      master_page: input.masterPageId ?? null,
      event_type: eventType?.id ?? null,
      external_calendar: { type: 'none', name: null, id: null, event_id: null },
      payment_information: null,
      custom_fields: [],
      owner: owner.id,
      conversation: null,
      utm_params: input.utm ? { source: null, medium: null, campaign: null, term: null, content: null, ...input.utm } : null,
      contact: store.contactFor(customer.email),
    };
    store.bookings.push(booking);
    store.cancelUrls.set(id, `https://go.oncehub.com/cancel-reschedule/${id}`);
    return this.emit(booking, 'booking.scheduled');
  }

  /** OnceHub books a new booking pointing back at the old one and reports the new one. */
  async reschedule(bookingId: string, change: { newStart: string; reason?: string; actionedBy?: 'user' | 'customer' }): Promise<LifecycleResult> {
    const store = this.store();
    const old = this.find(bookingId, 'reschedule');
    const start = new Date(change.newStart);
    if (Number.isNaN(start.getTime())) throw new LifecycleError(400, `Invalid newStart: ${change.newStart}`);
    const now = isoSeconds(new Date());
    const info = this.reason(change.reason, change.actionedBy ?? 'customer', old);
    old.status = 'rescheduled';
    old.last_updated_time = now;
    old.cancel_reschedule_information = info;
    const id = onceId('BKNG');
    const next: Booking = {
      ...structuredClone(old),
      id,
      tracking_id: randomId(8, '0123456789ABCDEF'),
      status: 'rescheduled',
      creation_time: now,
      last_updated_time: now,
      starting_time: isoSeconds(start),
      rescheduled_booking_id: old.id,
      cancel_reschedule_information: info,
    };
    store.bookings.push(next);
    store.cancelUrls.set(id, `https://go.oncehub.com/cancel-reschedule/${id}`);
    return this.emit(next, 'booking.rescheduled');
  }

  async cancel(bookingId: string, reason?: string, actionedBy: 'user' | 'customer' = 'customer'): Promise<LifecycleResult> {
    const booking = this.find(bookingId, 'cancel');
    return this.update(booking, 'canceled', 'booking.canceled', this.reason(reason, actionedBy, booking));
  }

  async complete(bookingId: string): Promise<LifecycleResult> {
    return this.update(this.find(bookingId, 'complete'), 'completed', 'booking.completed');
  }

  async noShow(bookingId: string): Promise<LifecycleResult> {
    return this.update(this.find(bookingId, 'no-show'), 'no_show', 'booking.no_show');
  }

  /** Moves the booking to another user's booking page; `owner` stays the user who first accepted it (booking.yaml). */
  async reassign(bookingId: string, toUserId?: string): Promise<LifecycleResult> {
    const store = this.store();
    const booking = this.find(bookingId, 'reassign');
    const current = store.bookingPages.find((p) => p.id === booking.booking_page);
    const target = store.bookingPages.find((p) => (toUserId ? p.ownerId === toUserId : p.ownerId !== current?.ownerId));
    if (!target) throw new LifecycleError(400, `No booking page for user: '${toUserId}'`);
    booking.booking_page = target.id;
    return this.update(booking, booking.status, 'booking.reassigned');
  }

  /** Sends the byte-identical body again with a fresh signature. */
  async redeliver(deliveryId: string): Promise<Delivery> {
    const store = this.store();
    const original = store.deliveries.find((d) => d.id === deliveryId);
    if (!original) throw new LifecycleError(404, `No such delivery: '${deliveryId}'`);
    const webhook = store.webhooks.find((w) => w.id === original.webhookId);
    if (!webhook) throw new LifecycleError(404, `No such webhook: '${original.webhookId}'`);
    return this.send(webhook.id, webhook.url, original, original.body, original.id);
  }

  private reason(reason: string | undefined, actionedBy: 'user' | 'customer', booking: Booking): Booking['cancel_reschedule_information'] {
    return { reason: reason ?? '', actioned_by: actionedBy, user_id: actionedBy === 'user' ? booking.owner : null };
  }

  private update(booking: Booking, status: BookingStatus, type: string, info?: Booking['cancel_reschedule_information']): Promise<LifecycleResult> {
    booking.status = status;
    booking.last_updated_time = isoSeconds(new Date());
    if (info) booking.cancel_reschedule_information = info;
    return this.emit(booking, type);
  }

  private async emit(booking: Booking, type: string): Promise<LifecycleResult> {
    const store = this.store();
    const event: WebhookEvent = {
      id: onceId('EVNT'),
      object: 'event',
      creation_time: isoSeconds(new Date()),
      type,
      api_version: 'v2',
      data: store.webhookData(booking),
    };
    store.events.push(event);
    const body = JSON.stringify(event);
    const deliveries: Delivery[] = [];
    for (const webhook of store.webhooks.filter((w) => w.events.includes(type) || (w.events.includes('booking') && COMPOSITE_BOOKING_EVENTS.includes(type)))) {
      deliveries.push(await this.send(webhook.id, webhook.url, { eventId: event.id, eventType: type, bookingId: booking.id }, body));
    }
    return { booking, event, deliveries };
  }

  private async send(webhookId: string, url: string, about: Pick<Delivery, 'eventId' | 'eventType' | 'bookingId'>, body: string, redeliveryOf?: string): Promise<Delivery> {
    const store = this.store();
    const secret = store.secrets.get(webhookId) ?? '';
    const timestamp = Math.floor(Date.now() / 1000);
    const signed = `t=${timestamp},s=${signature(secret, timestamp, body)}`;
    const delivery: Delivery = {
      id: onceId('DLV'),
      time: isoSeconds(new Date()),
      eventId: about.eventId,
      eventType: about.eventType,
      bookingId: about.bookingId,
      webhookId,
      url,
      status: null,
      ok: false,
      responseBody: '',
      body,
      signature: signed,
      ...(redeliveryOf ? { redeliveryOf } : {}),
    };
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'OnceHub-Webhooks/2.0 (sandbox)',
          'oncehub-signature': signed,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
      });
      delivery.status = response.status;
      // Any non-2xx, redirects included, is a failed delivery (oncehub.md §A6).
      delivery.ok = response.status >= 200 && response.status < 300;
      delivery.responseBody = (await response.text()).slice(0, RESPONSE_KEEP_CHARS);
      const verified = response.headers.get('x-signature-verified');
      if (verified !== null) delivery.verified = verified === 'true';
    } catch (error) {
      delivery.error = error instanceof Error ? error.message : String(error);
    }
    store.deliveries.push(delivery);
    return delivery;
  }
}
