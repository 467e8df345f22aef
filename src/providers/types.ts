import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import type {
  ActivityPlan,
  ActivityResult,
  Choice,
  ContactInput,
  ContactRecord,
  ContactRef,
  CrmName,
  FindContactInput,
  TagPlan,
  TagResult,
} from '../model';

/** What every provider call gets: the platform object and the step's bundle. */
export type Context = { z: ZObject; bundle: Bundle };

/** Dropdowns shared by both CRMs; each provider fills them from the account's own lists. */
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
] as const;
export type LookupKind = (typeof LOOKUP_KINDS)[number];

export const lookupKey = (kind: LookupKind) => `lookup_${kind}`;

/** The `dynamic` reference an input field uses to show a lookup as its dropdown. */
export const lookupDropdown = (kind: LookupKind) => `${lookupKey(kind)}.id.name`;

/** Operations whose forms a provider can extend with dynamic input fields. */
export type OperationKey = 'upsert_contact' | 'find_contact' | 'apply_tag' | 'create_activity_event';

/** A Zapier input field as returned from a dynamic-fields function. */
export type InputField = {
  key: string;
  label?: string;
  type?: 'string' | 'text' | 'integer' | 'number' | 'boolean' | 'datetime' | 'password' | 'copy';
  required?: boolean;
  list?: boolean;
  default?: string;
  helpText?: string;
  placeholder?: string;
  choices?: Record<string, string> | Array<{ value: string; sample: string; label: string }>;
  dynamic?: string;
  altersDynamicFields?: boolean;
};

/**
 * The small interface an operation needs from a CRM. Adding a third CRM means adding a folder
 * under src/providers/ that implements this, and one line in src/providers/index.ts.
 */
export interface CrmProvider {
  readonly crm: CrmName;
  /** Labels for the fields this CRM's contact output adds to the shared ones. */
  readonly contactOutputFields: PlainOutputField[];
  /** Creates or updates the person in one write where the API allows it. */
  upsertContact(ctx: Context, input: ContactInput): Promise<ContactRecord>;
  /** Case-insensitive exact email match, most recently updated first; [] when none. */
  findContacts(ctx: Context, input: FindContactInput): Promise<ContactRecord[]>;
  /** Applies and removes tags (Keap tags, Salesforce Topics) on one contact. */
  applyTags(ctx: Context, contact: ContactRef, plan: TagPlan): Promise<TagResult>;
  /** Creates the booking's activity, or updates the one already logged for that booking. */
  upsertActivityEvent(ctx: Context, contact: ContactRef, activity: ActivityPlan): Promise<ActivityResult>;
  /** Choices for a dropdown, from the account's own lists. */
  lookup(ctx: Context, kind: LookupKind): Promise<Choice[]>;
  /** Extra form fields for an operation (custom fields, CRM-only options). */
  inputFields(ctx: Context, operation: OperationKey): Promise<InputField[]>;
  /** Fields that change the rest of the form (an object chooser), shown before the standard ones. */
  leadingInputFields?(ctx: Context, operation: OperationKey): Promise<InputField[]>;
}
