import { randomId } from '../http';

/** OnceHub account state: seeded users, pages and event types; bookings, webhooks, and what was delivered. */

export interface OnceUser {
  object: 'user';
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  status: 'active';
  role_name: string;
  timezone: string;
  teams: string[];
}

export interface BookingPage {
  object: 'booking_page';
  id: string;
  name: string;
  label: string;
  url: string;
  active: boolean;
  timezone: string;
  /** Not in the API object: which user the page books, so reassigning can move a booking. */
  ownerId: string;
}

export interface MasterPage {
  object: 'master_page';
  id: string;
  name: string;
  label: string;
  url: string;
  active: boolean;
}

export interface EventType {
  object: 'event_type';
  id: string;
  name: string;
  description: string;
}

export type BookingStatus = 'requested' | 'scheduled' | 'rescheduled' | 'completed' | 'canceled' | 'no_show';

/** The REST booking object with references as ids (booking.yaml); `seq` orders bookings created in the same second. */
export interface Booking {
  object: 'booking';
  id: string;
  tracking_id: string;
  subject: string;
  status: BookingStatus;
  in_trash: boolean;
  creation_time: string;
  starting_time: string;
  customer_timezone: string;
  last_updated_time: string;
  duration_minutes: number;
  virtual_conferencing: { join_url: string } | null;
  location_description: string | null;
  rescheduled_booking_id: string | null;
  cancel_reschedule_information: { reason: string; actioned_by: 'user' | 'customer'; user_id: string | null } | null;
  attendees: string[];
  form_submission: {
    name: string;
    email: string;
    phone: string | null;
    mobile_phone: string | null;
    note: string | null;
    company: string | null;
    guests: string[];
    custom_fields: { name: string; value: string }[];
  };
  booking_page: string;
  master_page: string | null;
  event_type: string | null;
  external_calendar: { type: string; name: string | null; id: string | null; event_id: string | null };
  payment_information: null;
  custom_fields: { name: string; value: string }[];
  owner: string;
  conversation: null;
  utm_params: { source: string | null; medium: string | null; campaign: string | null; term: string | null; content: string | null } | null;
  contact: string;
}

export interface Webhook {
  object: 'webhook';
  id: string;
  api_version: 'v2';
  name: string;
  url: string;
  events: string[];
  creation_time: string;
}

export interface WebhookEvent {
  id: string;
  object: 'event';
  creation_time: string;
  type: string;
  api_version: 'v2';
  data: Record<string, unknown>;
}

export interface Delivery {
  id: string;
  time: string;
  eventId: string;
  eventType: string;
  bookingId: string;
  webhookId: string;
  url: string;
  /** HTTP status, or null when the receiver could not be reached. */
  status: number | null;
  ok: boolean;
  responseBody: string;
  error?: string;
  /** What the receiver said about the signature in an `x-signature-verified` header, when it says. */
  verified?: boolean;
  /** The exact bytes sent, so a redelivery is byte-identical. */
  body: string;
  /** The `OnceHub-Signature` header it carried (`t=<unix time>,s=<hex HMAC>`). */
  signature: string;
  redeliveryOf?: string;
}

export const onceId = (prefix: string): string => `${prefix}-${randomId(12)}`;

const user = (id: string, first: string, last: string, role: string): OnceUser => ({
  object: 'user',
  id,
  first_name: first,
  last_name: last,
  email: `${first}.${last}@example.com`.toLowerCase(),
  status: 'active',
  role_name: role,
  timezone: 'America/New_York',
  teams: ['TM-SALES0000001'],
});

const bookingPage = (id: string, owner: OnceUser): BookingPage => {
  const label = `${owner.first_name}-${owner.last_name}`.toLowerCase();
  return { object: 'booking_page', id, name: `${owner.first_name} ${owner.last_name}`, label, url: `https://go.oncehub.com/${label}`, active: true, timezone: owner.timezone, ownerId: owner.id };
};

export class OnceHubStore {
  users: OnceUser[] = [user('USR-OLIVIAHOST01', 'Olivia', 'Host', 'Administrator'), user('USR-RAVISECOND01', 'Ravi', 'Second', 'Member')];
  bookingPages: BookingPage[] = [bookingPage('BP-OLIVIAPAGE01', this.users[0]!), bookingPage('BP-RAVIPAGE0001', this.users[1]!)];
  masterPages: MasterPage[] = [
    { object: 'master_page', id: 'MP-SALESTEAM001', name: 'Sales team', label: 'sales-team', url: 'https://go.oncehub.com/sales-team', active: true },
  ];
  eventTypes: EventType[] = [
    { object: 'event_type', id: 'ET-DISCOVERY001', name: 'Discovery call', description: 'A 30-minute introduction' },
    { object: 'event_type', id: 'ET-PRODUCTDEMO1', name: 'Product demo', description: 'A 45-minute product walkthrough' },
  ];
  bookings: Booking[] = [];
  webhooks: Webhook[] = [];
  /** Kept apart from the webhook objects: OnceHub shows a secret only once, at creation. */
  secrets = new Map<string, string>();
  events: WebhookEvent[] = [];
  deliveries: Delivery[] = [];
  contacts = new Map<string, string>();
  cancelUrls = new Map<string, string>();

  contactFor(email: string): string {
    const key = email.toLowerCase();
    if (!this.contacts.has(key)) this.contacts.set(key, onceId('CTC'));
    return this.contacts.get(key)!;
  }

  booking(id: string): Booking | undefined {
    return this.bookings.find((b) => b.id === id);
  }

  /** Expands the referenced objects named in `fields` (booking_page, master_page, event_type, owner). */
  expand(booking: Booking, fields: Iterable<string>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...booking };
    for (const field of fields) {
      if (field === 'booking_page') {
        const found = this.bookingPages.find((p) => p.id === booking.booking_page);
        if (found) {
          const { ownerId: _owner, ...pageObject } = found;
          out.booking_page = pageObject;
        }
      }
      if (field === 'master_page') out.master_page = this.masterPages.find((p) => p.id === booking.master_page) ?? null;
      if (field === 'event_type') out.event_type = this.eventTypes.find((e) => e.id === booking.event_type) ?? null;
      if (field === 'owner') out.owner = this.users.find((u) => u.id === booking.owner) ?? booking.owner;
    }
    return out;
  }

  /** Webhook `data`: references expanded, a cancel/reschedule link, and no `contact` or `utm_params` (oncehub.md §A4). */
  webhookData(booking: Booking): Record<string, unknown> {
    const { contact: _contact, utm_params: _utm, ...data } = this.expand(booking, ['booking_page', 'master_page', 'event_type', 'owner']);
    return { ...data, conversation: null, cancel_reschedule_url: this.cancelUrls.get(booking.id) ?? null };
  }
}
