import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { resolveContact } from '../src/contacts';
import { parseInput } from '../src/input';
import { CASE_INPUTS } from '../src/inputs';
import { contextFor, crmInputFields, crmLeadingInputFields, providerFor } from '../src/providers';
import { caseOutputFields, caseSample } from '../src/samples';

export default defineCreate({
  key: 'upsert_case',
  noun: 'Case',
  display: {
    label: 'Create or Update Case',
    description: 'Opens a case for a booking and keeps that one case up to date as the booking changes.',
  },
  operation: {
    inputFields: [
      async (z: ZObject, bundle: Bundle) => crmLeadingInputFields(z, bundle, 'upsert_case', CASE_INPUTS.fields),
      ...CASE_INPUTS.fields,
      async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'upsert_case', CASE_INPUTS.fields),
    ],
    perform: async (z: ZObject, bundle: Bundle) => {
      const provider = providerFor(z, bundle);
      if (!provider.upsertCase) {
        throw new z.errors.Error(
          `Create or Update Case works with Salesforce connections. ${provider.label} has no cases: log the booking with Create or Update Activity Event or Create or Update Note.`,
          'NotSupported',
          400,
        );
      }
      const input = parseInput(z, CASE_INPUTS, bundle.inputData, provider.inputs.upsert_case);
      const ctx = contextFor(z, bundle);
      return provider.upsertCase(ctx, await resolveContact(ctx, provider, input), input);
    },
    sample: caseSample,
    outputFields: caseOutputFields,
  },
});
