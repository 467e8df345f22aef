import type { ZObject } from 'zapier-platform-core';
import { BOOKING_STATUSES, type BookingStatus, type TagInput, type TagPlan } from './model';

/** The booking-specific lifecycle tag, as OnceHub's own CRM connectors name it. */
export const bookingTag = (status: BookingStatus, bookingId: string): string => `${status} (Booking ID: ${bookingId})`;

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

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
      const missing = input.booking_status ? 'Booking ID (booking_id)' : 'Booking Status (booking_status)';
      throw new z.errors.Error(
        `Lifecycle tags need both Booking Status (booking_status) and Booking ID (booking_id); ${missing} is empty. Map it from the New Booking trigger, or clear the other one.`,
        'InvalidInput',
        400,
      );
    }
    apply.push(input.booking_status, bookingTag(input.booking_status, input.booking_id));
    remove.push(...BOOKING_STATUSES.filter((status) => status !== input.booking_status));
  }
  if (apply.length === 0 && remove.length === 0) {
    throw new z.errors.Error(
      'Nothing to do: add at least one tag in Tags (tags) or Tags to Remove (remove_tags), or set Booking Status and Booking ID for lifecycle tags.',
      'InvalidInput',
      400,
    );
  }
  const unique = (names: string[]) => names.filter((name, i) => names.findIndex((other) => sameName(other, name)) === i);
  const applied = unique(apply);
  return {
    apply: applied,
    remove: unique(remove).filter((name) => !applied.some((other) => sameName(other, name))),
    createMissing: input.create_missing_tags,
    category: input.tag_category,
  };
};
