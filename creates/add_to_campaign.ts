import { defineCreate, type Bundle, type ZObject } from 'zapier-platform-core';
import { resolveContact } from '../src/contacts';
import { parseInput } from '../src/input';
import { CAMPAIGN_MEMBER_INPUTS } from '../src/inputs';
import { contextFor, providerFor } from '../src/providers';
import { campaignMemberOutputFields, campaignMemberSample } from '../src/samples';

export default defineCreate({
  key: 'add_to_campaign',
  noun: 'Campaign Member',
  display: {
    label: 'Add Contact to Campaign',
    description: 'Adds a Lead or Contact to a campaign with a member status, or updates the status of a member.',
  },
  operation: {
    inputFields: CAMPAIGN_MEMBER_INPUTS.fields,
    perform: async (z: ZObject, bundle: Bundle) => {
      const provider = providerFor(z, bundle);
      if (!provider.addToCampaign) {
        throw new z.errors.Error(
          `Add Contact to Campaign works with Salesforce connections, where campaigns have members. ${provider.label} campaigns start from a goal: use Apply Tag with the tag that starts the campaign.`,
          'NotSupported',
          400,
        );
      }
      const input = parseInput(z, CAMPAIGN_MEMBER_INPUTS, bundle.inputData);
      const ctx = contextFor(z, bundle);
      return provider.addToCampaign(ctx, await resolveContact(ctx, provider, input), { campaignId: input.campaign_id, status: input.member_status });
    },
    sample: campaignMemberSample,
    outputFields: campaignMemberOutputFields,
  },
});
