import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import { callApi } from '../http/api';
import { ONCEHUB_API } from './client';
import { customFieldKey, type BookingRecord } from './booking';

export const newBookingSample: BookingRecord & Record<string, unknown> = {
  id: 'BKNG-J4FR05BKEWEX',
  booking_id: 'BKNG-J4FR05BKEWEX',
  event: 'booking.scheduled',
  status: 'Scheduled',
  reassigned: false,
  subject: 'Product demo',
  starting_time: '2026-03-24T15:00:00Z',
  ending_time: '2026-03-24T15:30:00Z',
  duration_minutes: 30,
  customer_timezone: 'America/New_York',
  customer_name: 'Ada King Lovelace',
  customer_first_name: 'Ada',
  customer_last_name: 'King Lovelace',
  customer_email: 'ada.lovelace@example.com',
  customer_phone: '1-2025550195',
  customer_mobile_phone: '1-2025550123',
  customer_company: 'Analytical Engines Ltd',
  customer_note: 'Interested in the team plan.',
  guests: 'charles.babbage@example.com',
  location: '',
  conferencing_url: 'https://meet.example.com/abc-defg-hij',
  cancel_reschedule_reason: '',
  actioned_by: '',
  cancel_reschedule_url: 'https://go.oncehub.com/cancel/BKNG-J4FR05BKEWEX',
  owner_id: 'USR-FSD423423',
  owner_name: 'Grace Hopper',
  owner_email: 'grace.hopper@example.com',
  booking_page_id: 'BP-ABCD1234',
  master_page_id: 'MP-EFGH5678',
  event_type_id: 'ET-IJKL9012',
  master_page_label: 'Sales',
  event_type_name: 'Product demo',
  booking_page_label: 'Grace Hopper',
  lead_source: 'Sales > Product demo > Grace Hopper',
  rescheduled_booking_id: '',
  tracking_id: 'D36E0002',
  creation_time: '2026-03-20T09:49:12Z',
  last_updated_time: '2026-03-20T09:49:12Z',
  custom_field_company_size: '51-200',
};

const field = (key: keyof BookingRecord, label: string, type: PlainOutputField['type'] = 'string'): PlainOutputField => ({
  key,
  label,
  type,
});

export const newBookingOutputFields: PlainOutputField[] = [
  field('id', 'Run ID (booking ID, plus the update time for lifecycle events)'),
  field('booking_id', 'Booking ID'),
  field('event', 'Event (e.g. booking.rescheduled)'),
  field('status', 'Status (Scheduled, Rescheduled, Completed, Canceled, No-show)'),
  field('reassigned', 'Reassigned', 'boolean'),
  field('subject', 'Subject'),
  field('starting_time', 'Starting Time', 'datetime'),
  field('ending_time', 'Ending Time', 'datetime'),
  field('duration_minutes', 'Duration (Minutes)', 'integer'),
  field('customer_timezone', 'Customer Time Zone'),
  field('customer_name', 'Customer Name'),
  field('customer_first_name', 'Customer First Name'),
  field('customer_last_name', 'Customer Last Name'),
  field('customer_email', 'Customer Email'),
  field('customer_phone', 'Customer Phone'),
  field('customer_mobile_phone', 'Customer Mobile Phone'),
  field('customer_company', 'Customer Company'),
  field('customer_note', 'Customer Note'),
  field('guests', 'Guests (comma-separated emails)'),
  field('location', 'Location'),
  field('conferencing_url', 'Conferencing URL'),
  field('cancel_reschedule_reason', 'Cancel/Reschedule Reason'),
  field('actioned_by', 'Canceled/Rescheduled By (user or customer)'),
  field('cancel_reschedule_url', 'Cancel/Reschedule URL'),
  field('owner_id', 'Owner ID'),
  field('owner_name', 'Owner Name'),
  field('owner_email', 'Owner Email'),
  field('booking_page_id', 'Booking Page ID'),
  field('master_page_id', 'Master Page ID'),
  field('event_type_id', 'Event Type ID'),
  field('booking_page_label', 'Booking Page Label'),
  field('master_page_label', 'Master Page Label'),
  field('event_type_name', 'Event Type Name'),
  field('lead_source', 'Lead Source (Master page > Event type > Booking page)'),
  field('rescheduled_booking_id', 'Rescheduled Booking ID'),
  field('tracking_id', 'Tracking ID'),
  field('creation_time', 'Created At', 'datetime'),
  field('last_updated_time', 'Last Updated At', 'datetime'),
];

/**
 * Labels for the account's form custom fields, read from its recent bookings. Labels only make
 * the editor friendlier, so any failure (no OnceHub key yet, rate limit) leaves the generated ones.
 */
export const customFieldOutputFields = async (z: ZObject, bundle: Bundle): Promise<PlainOutputField[]> => {
  if (!bundle.authData?.oncehub_api_key) return [];
  try {
    const { data } = await callApi<{ data?: Array<{ form_submission?: { custom_fields?: Array<{ name?: unknown }> } }> }>(
      z,
      bundle,
      ONCEHUB_API,
      { url: '/bookings', params: { limit: '10' } },
    );
    const names = (Array.isArray(data?.data) ? data.data : [])
      .flatMap((booking) => booking?.form_submission?.custom_fields ?? [])
      .map((f) => (typeof f?.name === 'string' ? f.name.trim() : ''))
      .filter(Boolean);
    const byKey = new Map(names.map((name) => [customFieldKey(name), name]));
    return [...byKey].map(([key, name]) => ({ key, label: `Form Field: ${name}`, type: 'string' as const }));
  } catch (error) {
    z.console.log(`OnceHub New Booking: form field labels unavailable (${error instanceof Error ? error.name : 'error'}).`);
    return [];
  }
};
