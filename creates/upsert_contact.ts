import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { parseInput } from '../src/input';
import { CONTACT_INPUTS } from '../src/inputs';
import { withSplitName } from '../src/names';
import { contextFor, crmInputFields, crmLeadingInputFields, namedContacts, providerFor } from '../src/providers';
import { contactOutputFields, contactSample } from '../src/samples';

export const upsertContact = async (z: ZObject, bundle: Bundle) => {
  const provider = providerFor(z, bundle);
  const input = parseInput(z, CONTACT_INPUTS, withSplitName(bundle.inputData), provider.inputs.upsert_contact);
  const ctx = contextFor(z, bundle);
  const [named] = await namedContacts(provider, ctx, [await provider.upsertContact(ctx, input)]);
  return named;
};

export default defineCreate({
  key: 'upsert_contact',
  noun: 'Contact',
  display: {
    label: 'Create or Update Contact',
    description: 'Creates a contact, or updates the one with the same email.',
  },
  operation: {
    inputFields: [
      async (z: ZObject, bundle: Bundle) => crmLeadingInputFields(z, bundle, 'upsert_contact', CONTACT_INPUTS.fields),
      ...CONTACT_INPUTS.fields,
      async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'upsert_contact', CONTACT_INPUTS.fields),
    ],
    perform: upsertContact,
    sample: contactSample,
    outputFields: [...contactOutputFields, async (z: ZObject, bundle: Bundle) => providerFor(z, bundle).contactOutputFields],
  },
});
