import { defineCreate, type Bundle, type PlainInputField, type ZObject } from 'zapier-platform-core';
import { resolveContact } from '../src/contacts';
import { parseInput } from '../src/input';
import { tagPlanFor } from '../src/lifecycle';
import { BOOKING_STATUSES, contactRefSchema, tagInputSchema } from '../src/model';
import { crmInputFields, providerFor } from '../src/providers';
import { tagResultOutputFields, tagResultSample } from '../src/samples';
import { lookupDropdown } from '../triggers/lookups';

const tagInputFields: PlainInputField[] = [
  {
    key: 'contact_id',
    label: 'Contact ID',
    dynamic: lookupDropdown('contact'),
    search: 'find_contact.id',
    helpText: 'Contact ID or Email: one of them is required. The contact to tag: choose one, map its ID from an earlier step, or leave this empty to find the contact by Email.',
  },
  { key: 'email', label: 'Email', helpText: 'Contact ID or Email: one of them is required. Used to find the contact when Contact ID is empty.' },
  {
    key: 'tags',
    label: 'Tags',
    list: true,
    dynamic: lookupDropdown('tag'),
    helpText: 'Tags to apply: choose them, or type tag names or IDs. Names match case-insensitively.',
  },
  {
    key: 'create_missing_tags',
    label: 'Create Missing Tags',
    type: 'boolean',
    default: 'true',
    helpText: 'Create a tag (Salesforce: a topic) that does not exist yet, once, instead of failing.',
  },
  { key: 'remove_tags', label: 'Tags to Remove', list: true, dynamic: lookupDropdown('tag') },
  {
    key: 'booking_status',
    label: 'Booking Status',
    choices: BOOKING_STATUSES.map((status) => ({ value: status, sample: status, label: status })),
    helpText:
      'Lifecycle mode: applies the status tag and "<Status> (Booking ID: <id>)", and removes the other status tags. Map Status from the New Booking trigger.',
  },
  { key: 'booking_id', label: 'Booking ID', helpText: 'Lifecycle mode: the booking the status belongs to.' },
  {
    key: 'status_updated_at',
    label: 'Status Changed At',
    type: 'datetime',
    helpText:
      'Lifecycle mode: when the status changed; map Last Updated At from the New Booking trigger. A status older than the contact’s latest then only adds its booking tag and leaves the status tags as they are.',
  },
];

export default defineCreate({
  key: 'apply_tag',
  noun: 'Tag',
  display: {
    label: 'Apply Tag',
    description: 'Applies and removes tags on a contact, including lifecycle tags that follow a booking’s status.',
  },
  operation: {
    inputFields: [...tagInputFields, async (z: ZObject, bundle: Bundle) => crmInputFields(z, bundle, 'apply_tag', tagInputFields)],
    perform: async (z: ZObject, bundle: Bundle) => {
      const ref = parseInput(z, contactRefSchema, bundle.inputData);
      const plan = tagPlanFor(z, parseInput(z, tagInputSchema, bundle.inputData));
      const provider = providerFor(z, bundle);
      const ctx = { z, bundle };
      const result = await provider.applyTags(ctx, await resolveContact(ctx, provider, ref), plan);
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
