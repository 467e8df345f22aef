import type { ContactRecord } from '../../model';
import type { Context } from '../types';
import { keapList, recall, remember } from './client';

/**
 * Names beside the IDs a Keap contact carries (lead source, owner, tags), so later steps can map
 * words. Each directory is one list call, kept in the account cache for ten minutes; an ID the
 * cached directory does not know (created since) reloads it once.
 */
type Named = { id?: string | number; name?: string };
export type KeapUser = { id?: string | number; given_name?: string; family_name?: string; email_addresses?: Array<{ email?: string }> };

export const userName = (user: KeapUser): string => {
  const name = [user.given_name, user.family_name].filter(Boolean).join(' ');
  const email = user.email_addresses?.[0]?.email;
  return [name, email && `(${email})`].filter(Boolean).join(' ') || String(user.id);
};

const byId = <T extends { id?: string | number }>(items: T[], nameOf: (item: T) => string | undefined): Record<string, string> =>
  Object.fromEntries(items.flatMap((item) => (item.id === undefined ? [] : [[String(item.id), nameOf(item) ?? String(item.id)]])));

const DIRECTORIES = {
  lead_source: async (ctx: Context) => byId(await keapList<Named>(ctx, '/v2/leadSources', 'lead_sources'), (item) => item.name),
  user: async (ctx: Context) => byId(await keapList<KeapUser>(ctx, '/v2/users', 'users', { pageSize: 100 }), userName),
  tag: async (ctx: Context) => byId(await keapList<Named>(ctx, '/v2/tags', 'tags'), (item) => item.name),
};
type Directory = keyof typeof DIRECTORIES;
type Directories = Partial<Record<Directory, Record<string, string>>>;

const NAMES_KEY = 'names';

const idText = (value: unknown): string[] => (typeof value === 'string' && value !== '' ? [value] : []);
const tagIdsOf = (contact: ContactRecord): string[] => (Array.isArray(contact.tag_ids) ? contact.tag_ids.map(String) : []);

/**
 * The contacts with `lead_source`, `owner_name` and `tags` (names) beside their IDs. The three
 * directories share one cache entry, so steady use costs one cache read and no API call.
 */
export const withNames = async (ctx: Context, contacts: ContactRecord[]): Promise<ContactRecord[]> => {
  const wanted: Record<Directory, string[]> = {
    lead_source: contacts.flatMap((contact) => idText(contact.lead_source_id)),
    user: contacts.flatMap((contact) => idText(contact.owner_id)),
    tag: contacts.flatMap(tagIdsOf),
  };
  const kinds = (Object.keys(wanted) as Directory[]).filter((kind) => wanted[kind].length);
  if (!kinds.length) return contacts.map((contact) => ({ ...contact, lead_source: null, owner_name: null, tags: [] }));
  const directories: Directories = (await recall<Directories>(ctx, NAMES_KEY)) ?? {};
  const stale = kinds.filter((kind) => wanted[kind].some((id) => !(id in (directories[kind] ?? {}))));
  if (stale.length) {
    const loaded = await Promise.all(stale.map((kind) => DIRECTORIES[kind](ctx)));
    stale.forEach((kind, i) => (directories[kind] = loaded[i]));
    await remember(ctx, NAMES_KEY, directories);
  }
  const nameIn = (kind: Directory, id: string | undefined) => (id === undefined ? null : (directories[kind]?.[id] ?? null));
  return contacts.map((contact) => ({
    ...contact,
    lead_source: nameIn('lead_source', idText(contact.lead_source_id)[0]),
    owner_name: nameIn('user', idText(contact.owner_id)[0]),
    tags: tagIdsOf(contact).map((id) => nameIn('tag', id) ?? id),
  }));
};
