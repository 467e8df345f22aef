/** Dropdowns every CRM fills from the account's own lists, each a hidden `lookup_<kind>` trigger. */
export const LOOKUP_KINDS = [
  'contact',
  'contact_type',
  'lead_source',
  'lead_source_category',
  'owner',
  'country',
  'region',
  'tag',
  'tag_category',
  'activity_type',
  'priority',
  'event_status',
  'note_type',
  'campaign',
  'campaign_member_status',
] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

export const lookupKey = (kind: LookupKind) => `lookup_${kind}`;

/** The `dynamic` reference an input field uses to show a lookup as its dropdown. */
export const lookupDropdown = (kind: LookupKind) => `${lookupKey(kind)}.id.name`;
