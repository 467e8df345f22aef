import { named } from '../../input';
import { cachedValue, invalidInput } from '../../kit';
import type { Context } from '../types';
import { cacheKey, DESCRIBE_TTL_SECONDS, findRecordType, selectableRecordTypes, sharedInFlight, type ObjectInfo, type RecordTypeInfo } from './describe';
import { hasPersonAccounts } from './find';
import { SALESFORCE_CONTACT } from './form';
import { query } from './records';

/**
 * Which Account record types make Person Accounts: describe does not say, `RecordType.IsPersonType`
 * does (Object Reference, "RecordType"). One query, cached like describe.
 */
const personTypeIds = (ctx: Context): Promise<string[]> => {
  const key = cacheKey(ctx, 'person-record-types');
  return sharedInFlight(key, async () => {
    const { ids } = await cachedValue(ctx.z, key, DESCRIBE_TTL_SECONDS, async () => ({
      ids: (await query<{ Id: string }>(ctx, "SELECT Id FROM RecordType WHERE SobjectType = 'Account' AND IsPersonType = true AND IsActive = true")).map((row) => row.Id),
    }));
    return ids;
  });
};

/** The Account as a Person Account form sees it: only the person record types the connected user can pick. */
export const asPersonAccount = async (ctx: Context, account: ObjectInfo): Promise<ObjectInfo> => {
  if (!hasPersonAccounts(account)) return { ...account, recordTypeInfos: [] };
  const ids = new Set((await personTypeIds(ctx)).map((id) => id.slice(0, 15)));
  return { ...account, label: 'Person Account', recordTypeInfos: account.recordTypeInfos.filter((rt) => ids.has(rt.recordTypeId.slice(0, 15))) };
};

export const noPersonAccounts = (ctx: Context) =>
  invalidInput(ctx.z, `This Salesforce org does not use Person Accounts. Set ${named(SALESFORCE_CONTACT.salesforce_object)} to Auto, Lead or Contact.`);

/**
 * The record type a new Person Account gets: the one the step names, else the user's default
 * when it is a person type, else the first person type. Salesforce needs one; business types
 * would make a business Account.
 */
export const personRecordType = async (ctx: Context, account: ObjectInfo, given: string | undefined): Promise<RecordTypeInfo> => {
  if (!hasPersonAccounts(account)) throw noPersonAccounts(ctx);
  const person = await asPersonAccount(ctx, account);
  const types = selectableRecordTypes(person);
  if (!types.length) {
    throw invalidInput(
      ctx.z,
      `No Person Account record type is available to the connected Salesforce user. Ask your Salesforce admin to give their profile one, or set ${named(SALESFORCE_CONTACT.salesforce_object)} to Contact.`,
    );
  }
  if (!given) return types.find((rt) => rt.defaultRecordTypeMapping) ?? types[0]!;
  const match = findRecordType(person, given);
  if (match) return match;
  throw invalidInput(
    ctx.z,
    `${named(SALESFORCE_CONTACT.record_type_id)} "${given}" is not a Person Account record type available to the connected user. ` +
      `Choose one of: ${types.map((rt) => `${rt.name} (${rt.recordTypeId})`).join(', ')}.`,
  );
};
