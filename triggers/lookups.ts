import { defineTrigger, type Bundle, type ZObject } from 'zapier-platform-core';
import { contextFor, providerFor } from '../src/providers';
import { LOOKUP_KINDS, lookupDropdown, lookupKey, type LookupKind } from '../src/dropdowns';

/**
 * One hidden trigger per dropdown. Each asks the connection's CRM for the account's own list,
 * so the same input key shows Keap contact types to a Keap user and Salesforce picklist values
 * to a Salesforce user. The action's current inputs arrive as `ctx.input` (the region
 * dropdown reads `country_code` from there).
 */
const NOUNS: Record<LookupKind, string> = {
  contact: 'Contact',
  contact_type: 'Contact Type',
  lead_source: 'Lead Source',
  lead_source_category: 'Lead Source Category',
  owner: 'Owner',
  country: 'Country',
  region: 'Region',
  tag: 'Tag',
  tag_category: 'Tag Category',
  activity_type: 'Activity Type',
  priority: 'Priority',
  event_status: 'Event Status',
  note_type: 'Note Type',
  campaign: 'Campaign',
  campaign_member_status: 'Campaign Member Status',
};

export { lookupDropdown };

const lookupTrigger = (kind: LookupKind) =>
  defineTrigger({
    key: lookupKey(kind),
    noun: NOUNS[kind],
    display: {
      label: `List ${NOUNS[kind]} Choices`,
      description: `Triggers when listing ${NOUNS[kind].toLowerCase()} choices for a dropdown.`,
      hidden: true,
    },
    operation: {
      type: 'polling',
      perform: async (z: ZObject, bundle: Bundle) => providerFor(z, bundle).lookup(contextFor(z, bundle), kind),
    },
  });

export const lookupTriggers = Object.fromEntries(LOOKUP_KINDS.map((kind) => [lookupKey(kind), lookupTrigger(kind)]));
