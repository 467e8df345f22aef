import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { activityPlanFor } from '../src/activity';
import { resolveContact } from '../src/contacts';
import { parseInput } from '../src/input';
import { ACTIVITY_INPUTS } from '../src/inputs';
import { contextFor, crmInputFields, providerFor } from '../src/providers';
import { activityOutputFields, activitySample } from '../src/samples';

export default defineCreate({
  key: 'create_activity_event',
  noun: 'Activity Event',
  display: {
    label: 'Create or Update Activity Event',
    description: 'Logs a booking as an activity and keeps that one record up to date as the booking changes.',
  },
  operation: {
    inputFields: [
      ...ACTIVITY_INPUTS.fields,
      async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'create_activity_event', ACTIVITY_INPUTS.fields),
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const provider = providerFor(z, bundle);
      const input = parseInput(z, ACTIVITY_INPUTS, bundle.inputData, provider.inputs.create_activity_event);
      const activity = activityPlanFor(z, input);
      const ctx = contextFor(z, bundle);
      return provider.upsertActivityEvent(ctx, await resolveContact(ctx, provider, input), activity);
    },
    sample: activitySample,
    outputFields: [...activityOutputFields, async (z: ZObject, bundle: Bundle) => providerFor(z, bundle).activityOutputFields ?? []],
  },
});
