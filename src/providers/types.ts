import type { Bundle, PlainOutputField, ZObject } from 'zapier-platform-core';
import type { ApiRequest, ApiRoute } from '../http/api';
import type { OAuthInputData } from '../http/oauth';
import type { InputField, InputSet, StepInput } from '../input';
import type { LookupKind } from '../dropdowns';
import type { ActivityPlan, CaseInput, ContactInput, FindContactInput, UpdateContactInput } from '../inputs';
import type { ActivityResult, CampaignMemberResult, CaseResult, Choice, ContactRecord, ContactRef, NoteResult, TagPlan, TagResult } from '../model';
import type { NotePlan } from '../notes';

export type { InputField, LookupKind };

/**
 * What every provider call gets: the platform object, the bundle for the connection (`authData`)
 * and the step's input as `input`, never `bundle.inputData`, which `contextFor` empties.
 */
export type Context = { z: ZObject; bundle: Bundle; input: StepInput };

/** Operations whose forms a provider can extend with dynamic input fields. */
export type OperationKey = 'upsert_contact' | 'update_contact' | 'find_contact' | 'apply_tag' | 'create_activity_event' | 'add_note' | 'upsert_case';

/** How the CRM's list answers page, for API Request: the rows of an answer and the request for the next page. */
export interface ApiPaging {
  /** The first request, asking for pages sized to `maxRows` where the API lets it. */
  first(request: ApiRequest, maxRows: number): ApiRequest;
  /** The rows of a list answer; undefined when the answer is one record, not a list. */
  rows(data: unknown): unknown[] | undefined;
  /** The next page's request, or undefined on the last page. */
  next(data: unknown, request: ApiRequest, rowsOnPage: number): ApiRequest | undefined;
}

/** Who a connection signs in as, for its label in Zapier. */
export type ConnectionIdentity = { account: string; user_email: string; user_name: string; environment: string };

/** A connect-time field: Zapier shows one static list to every CRM, so help names the CRM it is for. */
export type ConnectionField = Pick<InputField, 'key' | 'label' | 'type' | 'required' | 'default' | 'placeholder' | 'helpText'> & {
  choices?: Record<string, string>;
};

/** How a CRM signs in: its OAuth2 steps and the identity the connection label shows. */
export interface CrmConnection {
  readonly fields: ConnectionField[];
  authorizeUrl(z: ZObject, bundle: Bundle<OAuthInputData>): string;
  /** The tokens and anything else the connection keeps in `authData`. */
  getAccessToken(z: ZObject, bundle: Bundle<OAuthInputData>): Promise<Record<string, string>>;
  /** Fresh tokens; every other `authData` value is kept as it was. */
  refreshAccessToken(z: ZObject, bundle: Bundle): Promise<Record<string, string>>;
  identity(z: ZObject, bundle: Bundle): Promise<ConnectionIdentity>;
}

/**
 * Everything the app needs from one CRM. Adding a third CRM means adding a folder under
 * src/providers/ that implements this, and one line in src/providers/registry.ts.
 */
export interface CrmProvider {
  /** The value stored in `authData.crm`; never change it for a CRM that has connections. */
  readonly crm: string;
  /** The CRM's name as users know it. */
  readonly label: string;
  readonly connection: CrmConnection;
  /** Where its API calls go and how their errors read. */
  readonly api: ApiRoute;
  /** How its list answers page. */
  readonly paging: ApiPaging;
  /** The inputs only this CRM has, per operation: checked with the shared ones, read with `ctx.input.read`. */
  readonly inputs: Partial<Record<OperationKey, InputSet>>;
  /** Labels for the fields this CRM's contact output adds to the shared ones. */
  readonly contactOutputFields: PlainOutputField[];
  /** Labels for the fields this CRM's activity output adds to the shared ones. */
  readonly activityOutputFields?: PlainOutputField[];
  /** Creates or updates the person in one write where the API allows it. */
  upsertContact(ctx: Context, input: ContactInput): Promise<ContactRecord>;
  /** Updates the contact with this ID (Keap contact; Salesforce Lead, Contact or Person Account) by the same rules as the upsert. */
  updateContact(ctx: Context, id: string, input: UpdateContactInput): Promise<ContactRecord>;
  /** Case-insensitive exact email match, most recently updated first; [] when none. */
  findContacts(ctx: Context, input: FindContactInput): Promise<ContactRecord[]>;
  /**
   * The contacts a step outputs, with names beside the IDs they carry (lead source, owner, tags),
   * so later steps can map words. Not used when a step only needs to find the contact.
   */
  addNames?(ctx: Context, contacts: ContactRecord[]): Promise<ContactRecord[]>;
  /** Applies and removes tags (Keap tags, Salesforce Topics) on one contact. */
  applyTags(ctx: Context, contact: ContactRef, plan: TagPlan): Promise<TagResult>;
  /** Creates the booking's activity, or updates the one already logged for that booking. */
  upsertActivityEvent(ctx: Context, contact: ContactRef, activity: ActivityPlan): Promise<ActivityResult>;
  /** Creates the booking's note on the contact, or updates the one already written for its chain. */
  upsertNote(ctx: Context, contact: ContactRef, note: NotePlan): Promise<NoteResult>;
  /** Creates the booking's case for the person, or updates the one its chain already has; only CRMs with cases have it. */
  upsertCase?(ctx: Context, contact: ContactRef, input: CaseInput): Promise<CaseResult>;
  /** Adds the person to a campaign, or updates their member status; only CRMs whose campaigns have members have it. */
  addToCampaign?(ctx: Context, contact: ContactRef, member: { campaignId: string; status?: string }): Promise<CampaignMemberResult>;
  /** Choices for a dropdown, from the account's own lists. */
  lookup(ctx: Context, kind: LookupKind): Promise<Choice[]>;
  /** This CRM's form fields for an operation: its declared inputs as the form shows them, and its own fields (custom fields). */
  inputFields(ctx: Context, operation: OperationKey): Promise<InputField[]>;
  /** Fields that change the rest of the form (an object chooser), shown before the standard ones. */
  leadingInputFields?(ctx: Context, operation: OperationKey): Promise<InputField[]>;
}
