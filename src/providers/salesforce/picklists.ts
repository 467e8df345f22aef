import { salesforce } from './client';
import type { Context } from '../types';
import { apiName } from './soql';
import { cacheKey, DESCRIBE_TTL_SECONDS, sharedInFlight, type ObjectInfo, type PicklistEntry } from './describe';
import { cacheRead, cacheWrite } from '../../kit';
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
const fetchOffers = async (ctx: Context, key: string, object: string, recordTypeId: string): Promise<Offered | null> => {
  const cached = await cacheRead<{ offered: Offered | null }>(ctx.z, key);
  if (cached) return cached.offered;
  let offered: Offered | null = null;
  try {
    const response = await salesforce<UiPicklists>(ctx, { url: `/ui-api/object-info/${apiName(object)}/picklist-values/${encodeURIComponent(recordTypeId)}` });
    offered = offeredOf(response.data);
  } catch (error) {
    if (![400, 403, 404].includes(appErrorStatus(error) ?? 0)) throw error;
  }
  await cacheWrite(ctx.z, key, { offered }, DESCRIBE_TTL_SECONDS);
  return offered;
};

const recordTypeOffers = (ctx: Context, object: string, recordTypeId: string): Promise<Offered | null> => {
  const key = cacheKey(ctx, `picklists:${object}:${recordTypeId}`);
  return sharedInFlight(key, () => fetchOffers(ctx, key, object, recordTypeId));
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
