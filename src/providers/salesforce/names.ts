import type { ContactRecord } from '../../model';
import type { Context } from '../types';
import { cacheKey } from './describe';
import { cacheRead, cacheWrite } from '../../kit';
import { query, SALESFORCE_ID } from './records';
import { soqlList } from './soql';

/** Users are renamed rarely: a name read once serves a day of steps (a new record's owner is most often the connected user). */
const NAME_TTL_SECONDS = 24 * 60 * 60;

/** User names by ID, from the cache or one query; an owner that is a queue, not a user, has none, and that is remembered too. */
const userNames = async (ctx: Context, ids: string[]): Promise<Map<string, string | null>> => {
  const names = new Map<string, string | null>();
  for (const id of ids) {
    const hit = await cacheRead<{ name: string | null }>(ctx.z, cacheKey(ctx, `user-name:${id}`));
    if (hit) names.set(id, hit.name);
  }
  const unknown = ids.filter((id) => !names.has(id));
  if (unknown.length) {
    const users = await query<{ Id: string; Name: string }>(ctx, `SELECT Id, Name FROM User WHERE Id IN ${soqlList(unknown)}`);
    for (const id of unknown) {
      const name = users.find((user) => user.Id === id)?.Name ?? null;
      names.set(id, name);
      await cacheWrite(ctx.z, cacheKey(ctx, `user-name:${id}`), { name }, NAME_TTL_SECONDS);
    }
  }
  return names;
};

/**
 * The owner's name beside its ID. Searches read it with the record (`Owner.Name`); a record this
 * step created or gave a new owner leaves it undefined, and it is looked up here.
 */
export const addNames = async (ctx: Context, contacts: ContactRecord[]): Promise<ContactRecord[]> => {
  const needed = (contact: ContactRecord) => contact.owner_name === undefined && typeof contact.owner_id === 'string' && SALESFORCE_ID.test(contact.owner_id);
  const ids = [...new Set(contacts.filter(needed).map((contact) => contact.owner_id as string))];
  if (!ids.length) return contacts;
  const names = await userNames(ctx, ids);
  return contacts.map((contact) => (needed(contact) ? { ...contact, owner_name: names.get(contact.owner_id as string) ?? null } : contact));
};
