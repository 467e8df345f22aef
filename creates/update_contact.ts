import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { parseInput } from '../src/input';
import { UPDATE_INPUTS } from '../src/inputs';
import { withSplitName } from '../src/names';
import { contextFor, crmInputFields, namedContacts, providerFor } from '../src/providers';
import { contactOutputFields, contactSample } from '../src/samples';

export const updateContact = async (z: ZObject, bundle: Bundle) => {
  const provider = providerFor(z, bundle);
  const input = parseInput(z, UPDATE_INPUTS, withSplitName(bundle.inputData), provider.inputs.update_contact);
  const ctx = contextFor(z, bundle);
  const [named] = await namedContacts(provider, ctx, [await provider.updateContact(ctx, input.contact_id, input)]);
  return named;
};

export default defineCreate({
  key: 'update_contact',
  noun: 'Contact',
  display: {
    label: 'Update Contact',
    description: 'Updates a contact found by its ID.',
  },
  operation: {
    inputFields: [...UPDATE_INPUTS.fields, async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'update_contact', UPDATE_INPUTS.fields)],
    perform: updateContact,
    sample: { ...contactSample, created: false },
    outputFields: [...contactOutputFields, async (z: ZObject, bundle: Bundle) => providerFor(z, bundle).contactOutputFields],
  },
});
