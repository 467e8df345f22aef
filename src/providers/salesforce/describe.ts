import { SALESFORCE_API_VERSION } from './config';
import { salesforce } from './client';
import type { Context } from '../types';
import { apiName } from './soql';
import { cachedValue, invalidInput } from '../../kit';
import { named } from '../../input';

/** The part of a describe this connector uses; the full payload is far too large to cache. */
export type PicklistEntry = { value: string; label: string; active: boolean; defaultValue: boolean; validFor?: string | null };

export type FieldInfo = {
  name: string;
  label: string;
  type: string;
  createable: boolean;
  updateable: boolean;
  nillable: boolean;
  defaultedOnCreate: boolean;
  autoNumber: boolean;
  calculated: boolean;
  custom: boolean;
  length?: number;
  controllerName?: string | null;
  restrictedPicklist?: boolean;
  referenceTo?: string[];
  picklistValues?: PicklistEntry[];
  /** The values the chosen record type offers (`withRecordType`); describe's active values otherwise. */
  recordTypeValues?: PicklistEntry[];
};

export type RecordTypeInfo = { recordTypeId: string; name: string; active: boolean; available: boolean; master: boolean; defaultRecordTypeMapping: boolean };

export type ObjectInfo = { name: string; label: string; fields: FieldInfo[]; recordTypeInfos: RecordTypeInfo[] };

type RawField = FieldInfo & { deprecatedAndHidden?: boolean; [key: string]: unknown };
type RawDescribe = { name: string; label: string; fields: RawField[]; recordTypeInfos?: Array<RecordTypeInfo & { [key: string]: unknown }> };

/** Long enough to save every step of a busy Zap a describe call, short enough that admin changes show up soon. */
export const DESCRIBE_TTL_SECONDS = 300;

const slim = (raw: RawDescribe): ObjectInfo => ({
  name: raw.name,
  label: raw.label,
  fields: raw.fields
    .filter((field) => !field.deprecatedAndHidden)
    .map((field) => ({
      name: field.name,
      label: field.label,
      type: field.type,
      createable: Boolean(field.createable),
      updateable: Boolean(field.updateable),
      nillable: Boolean(field.nillable),
      defaultedOnCreate: Boolean(field.defaultedOnCreate),
      autoNumber: Boolean(field.autoNumber),
      calculated: Boolean(field.calculated),
      custom: Boolean(field.custom),
      length: field.length,
      controllerName: field.controllerName ?? null,
      restrictedPicklist: Boolean(field.restrictedPicklist),
      referenceTo: field.referenceTo,
      picklistValues: field.picklistValues?.length
        ? field.picklistValues.map(({ value, label, active, defaultValue, validFor }) => ({
            value,
            label: label ?? value,
            active,
            defaultValue,
            validFor: validFor ?? null,
          }))
        : undefined,
    })),
  recordTypeInfos: (raw.recordTypeInfos ?? []).map(({ recordTypeId, name, active, available, master, defaultRecordTypeMapping }) => ({
    recordTypeId,
    name,
    active: active !== false,
    available: available !== false,
    master: Boolean(master),
    defaultRecordTypeMapping: Boolean(defaultRecordTypeMapping),
  })),
});

/** The connected user, from the identity URL (…/id/<org>/<user>): describe results depend on their permissions. */
const connectionKey = ({ bundle }: Context): string => {
  const instance = String(bundle.authData?.instance_url ?? '').replace(/\/+$/, '');
  const user = String(bundle.authData?.id ?? '').split('/').slice(-2).join('/');
  return `${instance}|${user}`;
};

/** The connected user's ID, from the identity URL …/id/<org>/<user>. */
export const connectedUserId = ({ bundle }: Context): string | null => String(bundle.authData?.id ?? '').split('/').at(-1) || null;

/** The org (its ID from the identity URL …/id/<org>/<user>): what claims are scoped to, whoever connected. */
export const salesforceOrg = ({ bundle }: Context): string => `salesforce:${String(bundle.authData?.id ?? '').split('/').slice(-2)[0] ?? ''}`;

export const cacheKey = (ctx: Context, name: string): string =>
  `salesforce:${SALESFORCE_API_VERSION}:${connectionKey(ctx)}:${name}`;

/**
 * Zapier resolves a form's dynamic field functions at once: the leading fields (object chooser,
 * record type) and the object's own fields read the same describe and picklists, so a cold form
 * shares one request in flight instead of sending two.
 */
const inFlight = new Map<string, Promise<unknown>>();

export const sharedInFlight = <T>(key: string, run: () => Promise<T>): Promise<T> => {
  const pending = (inFlight.get(key) as Promise<T> | undefined) ?? run().finally(() => inFlight.delete(key));
  inFlight.set(key, pending);
  return pending;
};

/** `GET /sobjects/<Object>/describe`, slimmed and cached per connection and object. */
export const describeObject = (ctx: Context, object: string): Promise<ObjectInfo> => {
  const key = cacheKey(ctx, `describe:${object}`);
  return sharedInFlight(key, () =>
    cachedValue(ctx.z, key, DESCRIBE_TTL_SECONDS, async () => slim((await salesforce<RawDescribe>(ctx, { url: `/sobjects/${apiName(object)}/describe` })).data)),
  );
};

export const fieldOf = (info: ObjectInfo, name: string): FieldInfo | undefined =>
  info.fields.find((field) => field.name.toLowerCase() === name.toLowerCase());

export const activeValues = (field: FieldInfo | undefined): PicklistEntry[] =>
  (field?.picklistValues ?? []).filter((entry) => entry.active);

/** What a user may choose: the record type's values when one is chosen, else the active ones. */
export const offeredValues = (field: FieldInfo | undefined): PicklistEntry[] => field?.recordTypeValues ?? activeValues(field);

export const isPicklist = (field: FieldInfo): boolean => field.type === 'picklist' || field.type === 'multipicklist';

/** Required on create in every context: no value, no default, not computed by Salesforce. */
export const isUniversallyRequired = (field: FieldInfo): boolean =>
  field.createable && !field.nillable && !field.defaultedOnCreate && !field.autoNumber && !field.calculated;

/** Record types a user can pick: active, available to the connected user, not the master placeholder. */
export const selectableRecordTypes = (info: ObjectInfo): RecordTypeInfo[] =>
  info.recordTypeInfos.filter((rt) => rt.active && rt.available && !rt.master);

/** The selectable record type named by its ID, 15-character ID or name. */
export const findRecordType = (info: ObjectInfo, id: string): RecordTypeInfo | undefined =>
  selectableRecordTypes(info).find((rt) => rt.recordTypeId === id || rt.recordTypeId.slice(0, 15) === id || rt.name.toLowerCase() === id.toLowerCase());

/** The active record type an input names (by ID, 15-character ID or name), or an error listing the ones there are. */
export const pickRecordType = (ctx: Context, info: ObjectInfo, id: string, field: { key: string; label: string }): string => {
  const match = findRecordType(info, id);
  if (match) return match.recordTypeId;
  const types = selectableRecordTypes(info);
  const valid = types.map((rt) => `${rt.name} (${rt.recordTypeId})`).join(', ');
  throw invalidInput(
    ctx.z,
    `${named(field)} "${id}" is not an active ${info.label} record type available to the connected user. ` +
      (valid ? `Choose one of: ${valid}.` : `This org has no ${info.label} record types to choose from; clear the field.`),
  );
};
