import { salesforce } from './client';
import type { Context } from '../types';
import { apiName } from './soql';
import { cacheKey, DESCRIBE_TTL_SECONDS, pickRecordType, sharedInFlight, type ObjectInfo, type PicklistEntry } from './describe';
import { cachedValue } from '../../kit';
import { appErrorStatus } from '../../http/errors';

/** The master record type's placeholder ID: it narrows nothing. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

type UiValue = { label?: string | null; value: string };
type UiPicklists = { picklistFieldValues?: Record<string, { defaultValue?: UiValue | null; values?: UiValue[] }> };
type Offered = Record<string, PicklistEntry[]>;

const offeredOf = (data: UiPicklists): Offered =>
  Object.fromEntries(
    Object.entries(data.picklistFieldValues ?? {}).map(([name, { defaultValue, values = [] }]) => [
      name,
      values.map(({ value, label }) => ({ value, label: label ?? value, active: true, defaultValue: value === defaultValue?.value })),
    ]),
  );

/**
 * `GET /ui-api/object-info/<Object>/picklist-values/<recordTypeId>` (UI API, v42+): the active
 * values the record type offers for every picklist of the object. Objects the UI API does not
 * serve (activities, unconfirmed) answer 400 or 404: null, so describe's values stand.
 */
const fetchOffers = async (ctx: Context, object: string, recordTypeId: string): Promise<Offered | null> => {
  try {
    const response = await salesforce<UiPicklists>(ctx, { url: `/ui-api/object-info/${apiName(object)}/picklist-values/${encodeURIComponent(recordTypeId)}` });
    return offeredOf(response.data);
  } catch (error) {
    if (![400, 403, 404].includes(appErrorStatus(error) ?? 0)) throw error;
    return null;
  }
};

/** Cached like describe; a refusal is remembered too (as `offered: null`). */
const recordTypeOffers = (ctx: Context, object: string, recordTypeId: string): Promise<Offered | null> => {
  const key = cacheKey(ctx, `picklists:${object}:${recordTypeId}`);
  return sharedInFlight(key, async () => (await cachedValue(ctx.z, key, DESCRIBE_TTL_SECONDS, async () => ({ offered: await fetchOffers(ctx, object, recordTypeId) }))).offered);
};

/**
 * The object as a record of this record type sees it: each picklist offers the record type's
 * values (the form's choices, and what a restricted picklist accepts). Without a record type,
 * or for the master, the describe stands.
 */
export const withRecordType = async (ctx: Context, info: ObjectInfo, recordTypeId: string | undefined): Promise<ObjectInfo> => {
  if (!recordTypeId || recordTypeId === MASTER_RECORD_TYPE_ID) return info;
  const offered = await recordTypeOffers(ctx, info.name, recordTypeId);
  if (!offered) return info;
  return { ...info, fields: info.fields.map((field) => (offered[field.name] ? { ...field, recordTypeValues: offered[field.name] } : field)) };
};

/**
 * The record type a step names for a new record (by ID or name, refused when the object has no
 * such active type), and the object as a record of that type sees it.
 */
export const chosenRecordType = async (
  ctx: Context,
  info: ObjectInfo,
  given: string | undefined,
  field: { key: string; label: string },
): Promise<{ recordTypeId?: string; info: ObjectInfo }> => {
  const recordTypeId = given ? pickRecordType(ctx, info, given, field) : undefined;
  return { recordTypeId, info: await withRecordType(ctx, info, recordTypeId) };
};
