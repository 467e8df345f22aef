import { defineCreate, type Bundle, type PlainInputField, type ZObject } from 'zapier-platform-core';
import { activityPlanFor, DEFAULT_DURATION_MINUTES } from '../src/activity';
import { resolveContact } from '../src/contacts';
import { parseInput } from '../src/input';
import { activityInputSchema, contactRefSchema } from '../src/model';
import { crmInputFields, providerFor } from '../src/providers';
import { activityOutputFields, activitySample } from '../src/samples';
import { lookupDropdown } from '../triggers/lookups';

const activityInputFields: PlainInputField[] = [
  {
    key: 'booking_id',
    label: 'Booking ID',
    required: true,
    helpText: 'Identifies the activity: the same Booking ID always updates the same record, never a second one.',
  },
  {
    key: 'previous_booking_id',
    label: 'Previous Booking ID',
    helpText: 'For a rescheduled booking: the booking it replaces (Rescheduled Booking ID from the trigger), so its activity is updated.',
  },
  {
    key: 'contact_id',
    label: 'Contact ID',
    dynamic: lookupDropdown('contact'),
    search: 'find_contact.id',
    helpText: 'Contact ID or Email: one of them is required. The contact the activity belongs to: choose one, map its ID from an earlier step, or leave this empty to find the contact by Email.',
  },
  { key: 'email', label: 'Email', helpText: 'Contact ID or Email: one of them is required. Used to find the contact when Contact ID is empty.' },
  { key: 'subject', label: 'Subject' },
  { key: 'start_time', label: 'Start Time', type: 'datetime', required: true },
  { key: 'end_time', label: 'End Time', type: 'datetime', helpText: 'Or set Duration.' },
  {
    key: 'duration_minutes',
    label: 'Duration (Minutes)',
    type: 'integer',
    helpText: `Used when End Time is empty; defaults to ${DEFAULT_DURATION_MINUTES} minutes.`,
  },
  {
    key: 'time_zone',
    label: 'Time Zone',
    helpText: 'IANA time zone (such as America/New_York) for times given without an offset.',
  },
  { key: 'location', label: 'Location' },
  { key: 'conferencing_url', label: 'Conferencing URL' },
  { key: 'description', label: 'Description', type: 'text' },
  {
    key: 'status',
    label: 'Status',
    dynamic: lookupDropdown('event_status'),
    default: 'Scheduled',
    helpText: 'Scheduled, Rescheduled, Completed, Canceled or No-show. Map Status from the New Booking trigger.',
  },
  {
    key: 'status_updated_at',
    label: 'Status Changed At',
    type: 'datetime',
    helpText:
      'When the status changed: map Last Updated At from the New Booking trigger. A status older than the one the activity already shows is then skipped, so a late or repeated delivery cannot turn it back.',
  },
  { key: 'cancel_reschedule_reason', label: 'Cancel/Reschedule Reason', type: 'text' },
  { key: 'owner_id', label: 'Owner', dynamic: lookupDropdown('owner') },
  {
    key: 'activity_type',
    label: 'Activity Type',
    dynamic: lookupDropdown('activity_type'),
    helpText: 'From your CRM’s own list. Keap defaults to Call.',
  },
];

export default defineCreate({
  key: 'create_activity_event',
  noun: 'Activity Event',
  display: {
    label: 'Create or Update Activity Event',
    description: 'Logs a booking as an activity and keeps that one record up to date as the booking changes.',
  },
  operation: {
    inputFields: [
      ...activityInputFields,
      async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'create_activity_event', activityInputFields),
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const ref = parseInput(z, contactRefSchema, bundle.inputData);
      const activity = activityPlanFor(z, parseInput(z, activityInputSchema, bundle.inputData));
      const provider = providerFor(z, bundle);
      const ctx = { z, bundle };
      return provider.upsertActivityEvent(ctx, await resolveContact(ctx, provider, ref), activity);
    },
    sample: activitySample,
    outputFields: activityOutputFields,
  },
});
