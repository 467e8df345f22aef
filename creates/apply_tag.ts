import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { resolveContact } from '../src/contacts';
import { parseInput } from '../src/input';
import { TAG_INPUTS } from '../src/inputs';
import { tagPlanFor } from '../src/lifecycle';
import { contextFor, crmInputFields, providerFor } from '../src/providers';
import { tagResultOutputFields, tagResultSample } from '../src/samples';

export default defineCreate({
  key: 'apply_tag',
  noun: 'Tag',
  display: {
    label: 'Apply Tag',
    description: 'Applies and removes tags on a contact, including lifecycle tags that follow a booking’s status.',
  },
  operation: {
    inputFields: [...TAG_INPUTS.fields, async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'apply_tag', TAG_INPUTS.fields)],
    perform: async (z: ZObject, bundle: Bundle) => {
      const provider = providerFor(z, bundle);
      const input = parseInput(z, TAG_INPUTS, bundle.inputData, provider.inputs.apply_tag);
      const plan = tagPlanFor(z, input);
      const ctx = contextFor(z, bundle);
      const result = await provider.applyTags(ctx, await resolveContact(ctx, provider, input), plan);
      return {
        id: result.contact_id,
        action: 'applied',
        ...result,
        applied_count: result.tags.filter((tag) => tag.status === 'applied' || tag.status === 'created').length,
        removed_count: result.tags.filter((tag) => tag.status === 'removed').length,
      };
    },
    sample: tagResultSample,
    outputFields: tagResultOutputFields,
  },
});
