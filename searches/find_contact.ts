import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { parseInput } from '../src/input';
import { FIND_INPUTS } from '../src/inputs';
import { contextFor, crmInputFields, namedContacts, providerFor } from '../src/providers';
import { contactOutputFields, contactSample } from '../src/samples';

export default defineSearch({
  key: 'find_contact',
  noun: 'Contact',
  display: {
    label: 'Find Contact by Email',
    description: 'Finds a contact by email, most recently updated first.',
  },
  operation: {
    inputFields: [
      ...FIND_INPUTS.fields,
      async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'find_contact', FIND_INPUTS.fields),
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const provider = providerFor(z, bundle);
      const input = parseInput(z, FIND_INPUTS, bundle.inputData, provider.inputs.find_contact);
      const ctx = contextFor(z, bundle);
      return namedContacts(provider, ctx, await provider.findContacts(ctx, input));
    },
    // A found contact was not created by this step.
    sample: { ...contactSample, created: false },
    outputFields: [...contactOutputFields, async (z: ZObject, bundle: Bundle) => providerFor(z, bundle).contactOutputFields],
  },
});
