import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { recentBookings, subscribe, unsubscribe, type Subscription } from '../src/oncehub/api';
import { bookingRecord, describeIssues, webhookEventSchema } from '../src/oncehub/booking';
import { chosenEvents, DEFAULT_EVENT, EVENT_CHOICES, isChosen } from '../src/oncehub/events';
import { customFieldOutputFields, newBookingOutputFields, newBookingSample } from '../src/oncehub/output';
import { verifyDelivery } from '../src/oncehub/signature';

const LOG_PREFIX = 'OnceHub New Booking: delivery ignored:';

/**
 * One zap run per verified booking event. Anything else (unsigned, forged, replayed, malformed,
 * or an event the user did not choose) produces no run and one log line saying why; OnceHub
 * still gets its 2xx from Zapier, so it does not retry a delivery that can never pass.
 */
const perform = async (z: ZObject, bundle: Bundle) => {
  const subscription = bundle.subscribeData as Partial<Subscription> | undefined;
  const verification = verifyDelivery(subscription?.secret, bundle.rawRequest);
  if (!verification.ok) {
    z.console.log(`${LOG_PREFIX} ${verification.reason}.`);
    return [];
  }
  let body: unknown;
  try {
    body = JSON.parse(String(bundle.rawRequest?.content));
  } catch {
    z.console.log(`${LOG_PREFIX} the body is not JSON.`);
    return [];
  }
  const parsed = webhookEventSchema.safeParse(body);
  if (!parsed.success) {
    z.console.log(`${LOG_PREFIX} the body is not a OnceHub booking event (${describeIssues(parsed.error)}).`);
    return [];
  }
  const { type, data } = parsed.data;
  if (!isChosen(type, chosenEvents(z, bundle.inputData?.events))) {
    z.console.log(`${LOG_PREFIX} event ${type} is not one this step listens for.`);
    return [];
  }
  return [bookingRecord(type, data)];
};

export default defineTrigger({
  key: 'new_booking',
  noun: 'Booking',
  display: {
    label: 'New Booking',
    description:
      'Triggers when a meeting is booked in OnceHub, or when a booking is rescheduled, canceled, completed, marked no-show or reassigned.',
  },
  operation: {
    type: 'hook',
    inputFields: [
      {
        key: 'events',
        label: 'Events',
        required: true,
        list: true,
        default: DEFAULT_EVENT,
        choices: EVENT_CHOICES,
        helpText:
          'The booking events that start this Zap. "All booking lifecycle events" follows each booking through every status change; ' +
          'Status in the output is ready for the Apply Tag and Activity steps.',
      },
    ],
    performSubscribe: async (z: ZObject, bundle: Bundle) => subscribe(z, bundle, chosenEvents(z, bundle.inputData?.events)),
    performUnsubscribe: async (z: ZObject, bundle: Bundle) => unsubscribe(z, bundle),
    perform,
    performList: async (z: ZObject, bundle: Bundle) => recentBookings(z, bundle, chosenEvents(z, bundle.inputData?.events)),
    sample: newBookingSample,
    outputFields: [...newBookingOutputFields, customFieldOutputFields],
  },
});
