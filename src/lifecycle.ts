import type { ZObject } from 'zapier-platform-core';
import { statusChangedAt } from './activity';
import { named } from './input';
import { TAGGING, type TagInput } from './inputs';
import { BOOKING_STATUSES, type BookingStatus, type TagPlan } from './model';
import { invalidInput } from './kit';

/** The booking-specific lifecycle tag, as OnceHub's own CRM connectors name it. */
export const bookingTag = (status: BookingStatus, bookingId: string): string => `${status} (Booking ID: ${bookingId})`;

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A booking status and when it was set, as a step records it on the activity or booking tag. */
export type StatusChange = { status: string; at: string };

/** How far through its life a booking is; it only breaks ties between changes stamped with the same second. */
const STAGE: Record<BookingStatus, number> = { Scheduled: 0, Rescheduled: 1, Completed: 2, Canceled: 3, 'No-show': 3 };
const stageOf = (status: string): number => STAGE[BOOKING_STATUSES.find((s) => status.startsWith(s)) ?? 'Scheduled'];

/**
 * True when `incoming` is older than the change already recorded, so applying it would turn the
 * status back. OnceHub's times have one-second precision: on the same second the later stage of
 * the lifecycle wins (a booking is rescheduled after it is scheduled, marked no-show after it is
 * completed). A replay of the recorded change itself is not older.
 */
export const isOlderChange = (incoming: StatusChange, recorded: StatusChange | undefined): boolean => {
  if (!recorded) return false;
  const [at, recordedAt] = [Date.parse(incoming.at), Date.parse(recorded.at)];
  if (Number.isNaN(recordedAt)) return false;
  return at < recordedAt || (at === recordedAt && stageOf(incoming.status) < stageOf(recorded.status));
};

/** The line that records when the status changed, in an activity's description or a booking tag's. */
export const statusChangedLine = (at: string): string => `Status changed at: ${at}`;

export const readStatusChangedAt = (text: string | null | undefined): string | undefined =>
  text?.match(/^Status changed at: (\S+)\s*$/m)?.[1];

const BOOKING_TAG = /^(.+) \(Booking ID: .+\)$/;

/** The newest status change the contact's booking tags record (those created with a status time). */
const latestRecorded = (tags: Array<{ name?: string | null; description?: string | null }>): StatusChange | undefined =>
  tags
    .map((tag) => ({ status: tag.name?.match(BOOKING_TAG)?.[1] ?? '', at: readStatusChangedAt(tag.description) ?? '' }))
    .filter((change) => change.at && BOOKING_STATUSES.some((s) => s === change.status))
    .reduce<StatusChange | undefined>((latest, change) => (latest && isOlderChange(change, latest) ? latest : change), undefined);

/**
 * Lifecycle mode with a status time: when the contact's booking tags already record a newer
 * status, the generic status tags stay as they are and only this change's booking tag is added,
 * as history. `tags` are the contact's current tags with their descriptions.
 */
export const lifecycleTagPlan = <P extends TagPlan>(
  plan: P,
  tags: Array<{ name?: string | null; description?: string | null }>,
): { plan: P; action?: 'applied' | 'skipped_stale' } => {
  if (!plan.statusChange) return { plan };
  if (!isOlderChange(plan.statusChange, latestRecorded(tags))) return { plan, action: 'applied' };
  const generic = (name: string) => BOOKING_STATUSES.some((status) => sameName(status, name));
  return {
    plan: { ...plan, apply: plan.apply.filter((name) => !generic(name)), remove: plan.remove.filter((name) => !generic(name)) },
    action: 'skipped_stale',
  };
};

/**
 * Expands a tag step into what to apply and remove. Lifecycle mode applies the generic status
 * tag and the booking-specific tag, and removes the other generic status tags so the contact
 * shows its latest status; booking-specific tags of earlier statuses stay as history.
 */
export const tagPlanFor = (z: ZObject, input: TagInput): TagPlan => {
  const apply = [...input.tags];
  const remove = [...input.remove_tags];
  if (input.booking_status || input.booking_id) {
    if (!input.booking_status || !input.booking_id) {
      const missing = named(input.booking_status ? TAGGING.booking_id : TAGGING.booking_status);
      throw invalidInput(z, `Lifecycle tags need both ${named(TAGGING.booking_status)} and ${named(TAGGING.booking_id)}; ${missing} is empty. Map it from the New Booking trigger, or clear the other one.`);
    }
    apply.push(input.booking_status, bookingTag(input.booking_status, input.booking_id));
    remove.push(...BOOKING_STATUSES.filter((status) => status !== input.booking_status));
  } else if (input.status_updated_at) {
    throw invalidInput(z, `${named(TAGGING.status_updated_at)} only applies to lifecycle tags: set ${named(TAGGING.booking_status)} and ${named(TAGGING.booking_id)} too, or clear it.`);
  }
  if (apply.length === 0 && remove.length === 0) {
    throw invalidInput(z, `Nothing to do: add at least one tag in ${named(TAGGING.tags)} or ${named(TAGGING.remove_tags)}, or set Booking Status and Booking ID for lifecycle tags.`);
  }
  const unique = (names: string[]) => names.filter((name, i) => names.findIndex((other) => sameName(other, name)) === i);
  const applied = unique(apply);
  const at = statusChangedAt(z, input.status_updated_at);
  return {
    apply: applied,
    remove: unique(remove).filter((name) => !applied.some((other) => sameName(other, name))),
    createMissing: input.create_missing_tags,
    ...(at && input.booking_status && input.booking_id
      ? { statusChange: { status: input.booking_status, at, bookingTag: bookingTag(input.booking_status, input.booking_id) } }
      : {}),
  };
};
