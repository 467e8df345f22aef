import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { parseInput } from '../src/input';
import { findContactInputSchema } from '../src/model';
import { crmInputFields, providerFor } from '../src/providers';
import { contactOutputFields, contactSample } from '../src/samples';

const FIND_FIELDS = [{ key: 'email', label: 'Email', required: true, helpText: 'Matched case-insensitively.' }];

export default defineSearch({
  key: 'find_contact',
  noun: 'Contact',
  display: {
    label: 'Find Contact by Email',
    description: 'Finds a contact by email, most recently updated first.',
  },
  operation: {
    inputFields: [
      ...FIND_FIELDS,
      async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'find_contact', FIND_FIELDS),
    ],
    perform: async (z: ZObject, bundle: Bundle) =>
      providerFor(z, bundle).findContacts({ z, bundle }, parseInput(z, findContactInputSchema, bundle.inputData)),
    // A found contact was not created by this step.
    sample: { ...contactSample, created: false },
    outputFields: [...contactOutputFields, async (z: ZObject, bundle: Bundle) => providerFor(z, bundle).contactOutputFields],
  },
});
