import { defineSearch, type Bundle, type ZObject } from 'zapier-platform-core';
import { parseInput } from '../src/input';
import { findContactInputSchema } from '../src/model';
import { providerFor } from '../src/providers';
import { contactOutputFields, contactSample } from '../src/samples';

export default defineSearch({
  key: 'find_contact',
  noun: 'Contact',
  display: {
    label: 'Find Contact by Email',
    description: 'Finds a contact (or Salesforce lead or person account) by email, most recently updated first.',
  },
  operation: {
    inputFields: [
      { key: 'email', label: 'Email', required: true, helpText: 'Matched case-insensitively.' },
      {
        key: 'record_type',
        label: 'Record Type (Salesforce)',
        choices: { any: 'Any', Lead: 'Lead', Contact: 'Contact', PersonAccount: 'Person Account' },
        default: 'any',
        helpText: 'Salesforce only: which records to search. Any returns contacts before leads.',
      },
    ],
    perform: async (z: ZObject, bundle: Bundle) =>
      providerFor(z, bundle).findContacts({ z, bundle }, parseInput(z, findContactInputSchema, bundle.inputData)),
    // A found contact was not created by this step.
    sample: { ...contactSample, created: false },
    outputFields: [...contactOutputFields, async (z: ZObject, bundle: Bundle) => providerFor(z, bundle).contactOutputFields],
  },
});
